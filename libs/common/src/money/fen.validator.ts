import { ValidateBy, ValidationOptions } from 'class-validator';
import { Fen, isFen } from './fen';

/**
 * The largest single amount a request may carry: 100 million yuan. Far above anything the
 * programme lends, earns or holds in one fund (loans are 1,000–50,000 yuan), and far below
 * where a bigint column, a sum of instalments or a product with a rate stops being exact.
 */
export const MAX_AMOUNT_FEN = 10_000_000_000;

export interface FenBounds {
  /** Default 0: amounts in requests are never negative (ledger movements are not input). */
  min?: number;
  /** Default MAX_AMOUNT_FEN. */
  max?: number;
}

/** A whole number of fen within the bounds; 1e308 and 1.5 are not (isInt alone accepts 1e308). */
export function isFenAmount(value: unknown, { min = 0, max = MAX_AMOUNT_FEN }: FenBounds = {}): value is Fen {
  return isFen(value) && value >= min && value <= max;
}

/** class-validator: the field is an amount of fen within the bounds (default 0 … MAX_AMOUNT_FEN). */
export function IsFen(bounds: FenBounds = {}, options?: ValidationOptions): PropertyDecorator {
  const min = bounds.min ?? 0;
  const max = bounds.max ?? MAX_AMOUNT_FEN;
  return ValidateBy(
    {
      name: 'isFen',
      constraints: [min, max],
      validator: {
        validate: (value) => isFenAmount(value, { min, max }),
        defaultMessage: (args) => `${args?.property} must be a whole number of fen from ${min} to ${max}`,
      },
    },
    options,
  );
}
