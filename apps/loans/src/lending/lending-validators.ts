import { isBusinessDate } from '@xingfu/contracts';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** The dates a record may carry (as applications' and guarantees' IsSaneDate): anything else is a typo, not a date. */
const EARLIEST = '2000-01-01';
const LATEST = '2099-12-31';

export function IsSaneDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSaneDate',
      validator: {
        validate: (value) => isBusinessDate(value) && (value as string) >= EARLIEST && (value as string) <= LATEST,
        defaultMessage: (args) => `${args?.property} must be a date as YYYY-MM-DD from ${EARLIEST} to ${LATEST}`,
      },
    },
    options,
  );
}

/** A string with something in it besides whitespace. */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isNotBlank', validator: { validate: (value) => typeof value === 'string' && /\S/.test(value), defaultMessage: (args) => `${args?.property} must not be blank` } },
    options,
  );
}
