import { ValidateBy, ValidationOptions } from 'class-validator';

/** A string with something in it besides whitespace. */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isNotBlank', validator: { validate: (value) => typeof value === 'string' && /\S/.test(value), defaultMessage: (args) => `${args?.property} must not be blank` } },
    options,
  );
}
