import { ValidateBy, ValidationOptions } from 'class-validator';
import { Fen, isFen, MAX_AMOUNT_FEN } from '@xingfu/kernel';

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
