/**
 * Chinese resident identity card number (公民身份号码), GB 11643-1999:
 *   6 digits  region code (GB/T 2260, where the number was first issued)
 *   8 digits  birth date YYYYMMDD
 *   3 digits  sequence; the last of them is odd for men, even for women
 *   1 char    ISO 7064 MOD 11-2 check character, 0-9 or X
 * Old 15-digit first-generation numbers are not accepted.
 */
import { isBusinessDateString } from '../dates/business-date';
import { maskMiddle } from './masking';

export class InvalidResidentIdError extends Error {
  constructor(reason: string) {
    // The number itself is deliberately left out of the message: errors end up in logs.
    super(`Invalid resident ID number: ${reason}`);
    this.name = 'InvalidResidentIdError';
  }
}

export interface ResidentIdInfo {
  /** Upper-case form (a trailing lower-case 'x' becomes 'X'). */
  normalized: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'female' | 'male';
  /** First 6 digits. */
  regionCode: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by (weighted sum mod 11). */
const CHECK_CHARACTERS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;
/** An earlier birth year can only be a keying error, never a living borrower. */
const MIN_BIRTH_YEAR = 1900;

export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new InvalidResidentIdError('check digit needs exactly 17 leading digits');
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0);
  return CHECK_CHARACTERS[sum % 11];
}

function birthDateOf(normalized: string): string {
  return `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
}

/** The reason `normalized` is not a valid number, or undefined when it is. */
function problemWith(normalized: string): string | undefined {
  if (!SHAPE.test(normalized)) return 'expected 17 digits followed by a digit or X';
  const birthDate = birthDateOf(normalized);
  if (!isBusinessDateString(birthDate) || Number(birthDate.slice(0, 4)) < MIN_BIRTH_YEAR) {
    return 'birth date is not a real date';
  }
  if (residentIdCheckDigit(normalized.slice(0, 17)) !== normalized[17]) return 'check digit does not match';
  return undefined;
}

function normalize(value: string): string {
  return typeof value === 'string' ? value.toUpperCase() : '';
}

export function isValidResidentId(value: string): boolean {
  return problemWith(normalize(value)) === undefined;
}

/** Why `value` is not a valid number (never repeating the number), or undefined when it is. */
export function residentIdProblem(value: unknown): string | undefined {
  return typeof value === 'string' ? problemWith(normalize(value)) : 'expected a string';
}

/** Validates and decodes a resident ID number; throws InvalidResidentIdError when invalid. */
export function parseResidentId(value: string): ResidentIdInfo {
  const normalized = normalize(value);
  const problem = problemWith(normalized);
  if (problem) throw new InvalidResidentIdError(problem);
  return {
    normalized,
    birthDate: birthDateOf(normalized),
    sex: Number(normalized[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: normalized.slice(0, 6),
  };
}

/**
 * Age in completed years on `onDate` (both YYYY-MM-DD), e.g. for eligibility checks.
 * Comparing (month, day) pairs means someone born on 29 February turns a year older on
 * 1 March in non-leap years, since 28 February still sorts before 02-29.
 */
export function ageOn(birthDate: string, onDate: string): number {
  for (const [what, date] of [
    ['birthDate', birthDate],
    ['onDate', onDate],
  ]) {
    if (!isBusinessDateString(date)) throw new RangeError(`${what} must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  // Zero-padded YYYY-MM-DD strings order the same as the dates they name.
  if (onDate < birthDate) throw new RangeError('onDate is before birthDate');
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  const birthdayReached = onDate.slice(5) >= birthDate.slice(5);
  return birthdayReached ? years : years - 1;
}

/** 230103199001011234 → 2301**********1234 (keeps the province/city and the last 4). */
export function maskResidentId(value: string): string {
  return maskMiddle(value, 4, 4);
}

/**
 * Test helper: builds a number with the correct check digit. Only the shape of the parts
 * is checked, not the date, so tests can also build well-checksummed numbers with an
 * impossible birth date.
 */
export function makeResidentId(regionCode6: string, birthDateYYYYMMDD: string, sequence3: string): string {
  if (!/^\d{6}$/.test(regionCode6)) throw new RangeError('regionCode6 must be 6 digits');
  if (!/^\d{8}$/.test(birthDateYYYYMMDD)) throw new RangeError('birthDateYYYYMMDD must be 8 digits');
  if (!/^\d{3}$/.test(sequence3)) throw new RangeError('sequence3 must be 3 digits');
  const first17 = regionCode6 + birthDateYYYYMMDD + sequence3;
  return first17 + residentIdCheckDigit(first17);
}
