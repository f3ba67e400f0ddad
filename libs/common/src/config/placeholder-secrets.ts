import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * The values docker/.env.example ships (and any like them): public text, so a copy started
 * unedited would run with secrets everyone knows. A unit test reads the file and checks each.
 */
export const EXAMPLE_SECRETS: readonly string[] = [
  'change-me-to-32-or-more-random-characters-000000',
  '0000000000000000000000000000000000000000000000000000000000000000',
  'change-me-admin-password',
];

/** Why `value` is no secret (undefined when it may be one): an example value, a placeholder, one repeated character or byte. */
export function placeholderProblem(value: string, kind: 'text' | 'hex-key'): string | undefined {
  if (EXAMPLE_SECRETS.includes(value)) return 'is the example value from docker/.env.example; generate one (openssl rand -hex 32)';
  if (/change[-_ ]?me|placeholder|replace[-_ ]?me/i.test(value)) return 'is a placeholder; generate one (openssl rand -hex 32)';
  if (kind === 'hex-key' && /^[0-9a-fA-F]+$/.test(value) && value.length % 2 === 0) {
    const bytes = Buffer.from(value, 'hex');
    if (bytes.every((b) => b === bytes[0])) return 'is one byte repeated, not a key; generate one (openssl rand -hex 32)';
  }
  if (new Set(value).size === 1) return 'is one character repeated, not a secret; generate one (openssl rand -hex 32)';
  return undefined;
}

/** Refuses an example value, a placeholder or a value of one repeated character (byte, for a hex key). */
export function IsNoPlaceholder(kind: 'text' | 'hex-key', options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNoPlaceholder',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || placeholderProblem(value, kind) === undefined,
        defaultMessage: (args) => `${args?.property} ${placeholderProblem(String(args?.value), kind) ?? 'is not a secret'}`,
      },
    },
    options,
  );
}
