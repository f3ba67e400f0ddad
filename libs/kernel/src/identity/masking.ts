/**
 * Masking of personal data for logs, lists and screens seen by staff who do not need the
 * full value. Borrowers are among the most vulnerable people the programme serves; a
 * leaked name + ID + phone is enough to impersonate them.
 */

const MASK = '*';
const LATIN_LETTER = /[A-Za-z]/;

function stars(count: number): string {
  return MASK.repeat(Math.max(0, count));
}

function keepFirstCharacter(word: string): string {
  const [first, ...rest] = Array.from(word);
  return first + stars(rest.length);
}

/**
 * Keeps the first `keepStart` and last `keepEnd` characters and masks those between.
 * A value too short to leave anything hidden is masked completely instead.
 */
export function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  const chars = Array.from(value);
  if (chars.length <= keepStart + keepEnd) return stars(chars.length);
  return (
    chars.slice(0, keepStart).join('') +
    stars(chars.length - keepStart - keepEnd) +
    chars.slice(chars.length - keepEnd).join('')
  );
}

/**
 * 张梅 → 张*, 张小梅 → 张*梅, 欧阳小梅 → 欧**梅; a one-character name is left as is.
 * Names written in Latin letters keep the first letter of each word: Mary Smith → M*** S****.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (LATIN_LETTER.test(trimmed)) {
    // Split keeping the whitespace runs so the word layout survives.
    return trimmed
      .split(/(\s+)/)
      .map((part) => (/^\s*$/.test(part) ? part : keepFirstCharacter(part)))
      .join('');
  }
  // Array.from walks code points, so characters outside the BMP (e.g. rare surname
  // characters in CJK Extension B) count as one character, not two UTF-16 units.
  const chars = Array.from(trimmed);
  if (chars.length <= 1) return trimmed;
  if (chars.length === 2) return chars[0] + MASK;
  return maskMiddle(trimmed, 1, 1);
}

/** Mainland China mobile number: 11 digits, 1 then 3-9 (no +86 prefix, no separators). */
export function isValidMobilePhone(value: string): boolean {
  return typeof value === 'string' && /^1[3-9]\d{9}$/.test(value);
}

/** 13812345678 → 138****5678. */
export function maskPhone(value: string): string {
  return maskMiddle(value, 3, 4);
}

/**
 * Bank or benefit card number: only the last 4 digits stay, which is what the borrower
 * needs to recognise her card. Spaces used for readability are dropped first.
 */
export function maskCardNumber(value: string): string {
  return maskMiddle(value.replace(/\s+/g, ''), 0, 4);
}

/**
 * A person's name as two records of it compare: NFKC (full-width letters, compatibility forms)
 * with all whitespace gone, Latin letters in lower case. 王 秀梅 and 王秀梅 are one name; the middle
 * dot of a minority name (阿依·古丽) stays, as it is part of the name. Hashed with the PII lookup
 * key, this is how a service that never holds her name checks that a card is in it.
 */
export function personNameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}
