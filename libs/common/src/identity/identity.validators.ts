import { ValidateBy, ValidationOptions } from 'class-validator';
import { isValidMobilePhone } from '@xingfu/kernel';
import { residentIdProblem } from '@xingfu/kernel';

/**
 * class-validator: an 18-character resident ID number with a real birth date and the right
 * check digit, decided by the same code that parses it later, so a request that passes here
 * never fails there. The message says what is wrong, never the number.
 */
export function IsResidentId(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isResidentId',
      validator: {
        validate: (value) => residentIdProblem(value) === undefined,
        defaultMessage: (args) => `${args?.property} must be a valid resident ID number (${residentIdProblem(args?.value) ?? 'invalid'})`,
      },
    },
    options,
  );
}

/** class-validator: a mainland mobile number, 11 digits starting 13–19 (see isValidMobilePhone). */
export function IsMainlandMobile(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMainlandMobile',
      validator: {
        validate: (value) => typeof value === 'string' && isValidMobilePhone(value),
        defaultMessage: (args) => `${args?.property} must be an 11-digit mobile number starting with 13-19`,
      },
    },
    options,
  );
}
