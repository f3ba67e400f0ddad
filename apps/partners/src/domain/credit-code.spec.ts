import { creditCodeCheckCharacter, creditCodeProblem } from './credit-code';

describe('unified social credit code (GB 32100)', () => {
  it('accepts codes whose check character matches', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeUndefined();
    expect(creditCodeProblem('91110000600037341L')).toBeUndefined();
  });

  it('computes the check character from the first 17 characters, 0 when the remainder is 0', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    const sut = (first17: string) => creditCodeProblem(first17 + creditCodeCheckCharacter(first17));
    expect(sut('00000000000000000')).toBeUndefined();
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
  });

  it('refuses a wrong check character, naming the right one', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('the check character should be 3 (GB 32100)');
  });

  it('refuses the wrong length and the letters the standard leaves out', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toMatch(/18 characters/);
    expect(creditCodeProblem('91350100M000100I43')).toMatch(/other than I, O, Z, S and V/);
    expect(creditCodeProblem('91350100m000100y43')).toMatch(/capitals/);
  });
});
