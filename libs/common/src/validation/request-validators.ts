import { isBusinessDateString, isWithinSaneDates, SANE_DATES } from '@xingfu/kernel';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** class-validator, for every service's requests: a real calendar date `YYYY-MM-DD` within SANE_DATES (why: see there). */
export function IsSaneDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSaneDate',
      validator: {
        validate: (value) => isBusinessDateString(value) && isWithinSaneDates(value),
        defaultMessage: (args) => `${args?.property} must be a date as YYYY-MM-DD from ${SANE_DATES.earliest} to ${SANE_DATES.latest}`,
      },
    },
    options,
  );
}

/**
 * class-validator: a string with something in it besides whitespace. MinLength(1) lets "  "
 * through, and a blank name masks to nothing, which no event contract accepts.
 */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value) => typeof value === 'string' && /\S/.test(value),
        defaultMessage: (args) => `${args?.property} must not be blank`,
      },
    },
    options,
  );
}
