import { cardNumberProblem, maskCard, normaliseCardNumber, passesLuhn } from './card-number';

// Luhn-valid test numbers: a 16-digit and a 19-digit UnionPay (62…) number.
const CARD_19 = '6217000010001234569';
const UNIONPAY_16 = '6212345678901232';

describe('card number', () => {
  it('accepts a 16-digit and a 19-digit UnionPay number with a good check digit', () => {
    expect(passesLuhn(UNIONPAY_16)).toBe(true);
    expect(cardNumberProblem(UNIONPAY_16)).toBeUndefined();
    expect(cardNumberProblem(CARD_19)).toBeUndefined();
  });

  it('refuses a number with one digit wrong or two swapped', () => {
    expect(cardNumberProblem('6212345678901233')).toContain('Luhn');
    expect(cardNumberProblem('6212345678901322')).toContain('Luhn');
  });

  it('refuses a number too short or too long, naming its length', () => {
    expect(cardNumberProblem('621234567890123')).toContain('not 15');
    expect(cardNumberProblem('62123456789012345678')).toContain('not 20');
  });

  it('refuses letters and signs but reads spaces and hyphens written for readability', () => {
    expect(cardNumberProblem('6212 3456 7890 123A')).toBe('the card number must be digits only');
    expect(normaliseCardNumber('6212 3456-7890 1232')).toBe(UNIONPAY_16);
    expect(cardNumberProblem('6212 3456 7890 1232')).toBeUndefined();
  });

  it('shows the first and last four only, with a mask that does not tell the length', () => {
    expect(maskCard(UNIONPAY_16)).toBe('6212 **** **** 1232');
    expect(maskCard(CARD_19)).toBe('6217 **** **** 4569');
    expect(maskCard(CARD_19).replace(/\D/g, '')).toHaveLength(8);
  });
});
