/**
 * The mother's benefit card (惠民一卡通): the cash part of a loan is paid to it, and to nothing
 * else. Chinese bank cards are UnionPay (BIN 62…) or co-branded, and all of them carry the
 * ISO/IEC 7812 (Luhn) check digit, so every card is checked; a card that fails is a typo.
 */
export const CARD_NUMBER_MIN_LENGTH = 16;
export const CARD_NUMBER_MAX_LENGTH = 19;

/** The number as stored and checked: spaces and hyphens written for readability dropped. */
export function normaliseCardNumber(value: string): string {
  return value.replace(/[\s-]+/g, '');
}

/** The Luhn (mod 10) check over the whole number, check digit last. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** What is wrong with a card number, or undefined when it is a card number. */
export function cardNumberProblem(value: string): string | undefined {
  const digits = normaliseCardNumber(value);
  if (!/^\d+$/.test(digits)) return 'the card number must be digits only';
  if (digits.length < CARD_NUMBER_MIN_LENGTH || digits.length > CARD_NUMBER_MAX_LENGTH) {
    return `the card number must have ${CARD_NUMBER_MIN_LENGTH} to ${CARD_NUMBER_MAX_LENGTH} digits, not ${digits.length}`;
  }
  if (!passesLuhn(digits)) return 'the card number fails its check digit (Luhn): a digit is wrong or two are swapped';
  return undefined;
}

/**
 * 6217 **** **** 1234 whatever the length: the first four (the issuer) and the last four (what
 * she recognises). The middle is a fixed mask, so the mask does not tell the number's length.
 */
export function maskCard(value: string): string {
  const digits = normaliseCardNumber(value);
  return `${digits.slice(0, 4)} **** **** ${digits.slice(-4)}`;
}
