/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from 31
 * (digits and capitals without I, O, Z, S, V); the last is a check character computed from the
 * first 17 with the standard's weights, modulo 31.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character the first 17 characters call for. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** Why the code is not a unified social credit code, or undefined when it is. Upper case only: the code is printed so. */
export function creditCodeProblem(code: string): string | undefined {
  if (code.length !== 18) return 'a unified social credit code has 18 characters';
  if (!SHAPE.test(code)) return 'a unified social credit code uses digits and capitals other than I, O, Z, S and V';
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  return code[17] === expected ? undefined : `the check character should be ${expected} (GB 32100)`;
}
