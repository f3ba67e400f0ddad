import { isBusinessDate } from '@xingfu/contracts';
import { validationFailed } from '@xingfu/kernel';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { PARTY_ROLES, PartyRole } from '../domain/guarantee-status';

/** The dates a record may carry (as applications' IsSaneDate): anything else is a typo, not a date. */
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

/** The :role of a route, or 400 in the one error shape naming it. */
export function parseRole(value: string, allowed: readonly PartyRole[] = PARTY_ROLES): PartyRole {
  if ((allowed as readonly string[]).includes(value)) return value as PartyRole;
  throw validationFailed({ role: [`role must be one of ${allowed.join(', ')}`] });
}
