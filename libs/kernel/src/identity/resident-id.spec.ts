import {
  ageOn,
  InvalidResidentIdError,
  isValidResidentId,
  makeResidentId,
  maskResidentId,
  parseResidentId,
  residentIdCheckDigit,
} from './resident-id';

/** Published example number whose check character is X. */
const KNOWN_VALID_X = '11010519491231002X';

describe('resident-id', () => {
  describe('residentIdCheckDigit', () => {
    it('computes X for the known example', () => {
      expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    });

    it('computes a digit check character', () => {
      expect(residentIdCheckDigit('44052418800101001')).toBe('4');
    });

    it.each(['1101051949123100', '110105194912310021', '1101051949123100X', ''])(
      'rejects %p, which is not 17 digits',
      (v) => {
        expect(() => residentIdCheckDigit(v)).toThrow(InvalidResidentIdError);
      },
    );
  });

  describe('isValidResidentId', () => {
    it('accepts the known example ending in X', () => {
      expect(isValidResidentId(KNOWN_VALID_X)).toBe(true);
    });

    it('accepts a lower-case x', () => {
      expect(isValidResidentId('11010519491231002x')).toBe(true);
    });

    it('accepts numbers built with the right check digit', () => {
      expect(isValidResidentId(makeResidentId('230103', '19900101', '123'))).toBe(true);
      expect(isValidResidentId(makeResidentId('530102', '20000229', '002'))).toBe(true);
      expect(isValidResidentId(makeResidentId('650102', '19000101', '001'))).toBe(true);
    });

    it('rejects a wrong check digit', () => {
      expect(isValidResidentId('110105194912310021')).toBe(false);
    });

    it('rejects a single mistyped digit', () => {
      expect(isValidResidentId('11010519491231003X')).toBe(false);
    });

    it('rejects two swapped digits', () => {
      expect(isValidResidentId('11010519491213002X')).toBe(false);
    });

    it.each([
      ['29 February in a non-leap year', '20230229'],
      ['31 April', '19900431'],
      ['month 00', '19900001'],
      ['month 13', '19901301'],
      ['day 00', '19900100'],
      ['a year before 1900', '18991231'],
    ])('rejects a birth date of %s even with a correct check digit', (_label, birth) => {
      expect(isValidResidentId(makeResidentId('110105', birth, '002'))).toBe(false);
    });

    it.each([
      ['too short', '11010519491231002'],
      ['too long', '11010519491231002X1'],
      ['the old 15-digit form', '110105491231002'],
      ['X not in last place', '1101051949123100X2'],
      ['a letter other than X', '11010519491231002Y'],
      ['spaces', '110105 19491231002X'],
      ['empty', ''],
    ])('rejects a number that is %s', (_label, v) => {
      expect(isValidResidentId(v)).toBe(false);
    });

    it('rejects a non-string at runtime instead of throwing', () => {
      expect(isValidResidentId(undefined as unknown as string)).toBe(false);
    });
  });

  describe('parseResidentId', () => {
    it('decodes the known example', () => {
      expect(parseResidentId(KNOWN_VALID_X)).toEqual({
        normalized: KNOWN_VALID_X,
        birthDate: '1949-12-31',
        sex: 'female',
        regionCode: '110105',
      });
    });

    it('normalises a lower-case x to X', () => {
      expect(parseResidentId('11010519491231002x').normalized).toBe(KNOWN_VALID_X);
    });

    it('reads an odd 17th digit as male and an even one as female', () => {
      expect(parseResidentId(makeResidentId('230103', '19900101', '121')).sex).toBe('male');
      expect(parseResidentId(makeResidentId('230103', '19900101', '129')).sex).toBe('male');
      expect(parseResidentId(makeResidentId('230103', '19900101', '120')).sex).toBe('female');
      expect(parseResidentId(makeResidentId('230103', '19900101', '128')).sex).toBe('female');
    });

    it('throws InvalidResidentIdError for an invalid number', () => {
      expect(() => parseResidentId('110105194912310021')).toThrow(InvalidResidentIdError);
    });

    it('says why a number is invalid without repeating the number', () => {
      const error = captureError(() => parseResidentId('110105194912310021'));
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('InvalidResidentIdError');
      expect(error.message).toMatch(/check digit/);
      expect(error.message).not.toContain('110105194912310021');
    });

    it('reports an impossible birth date', () => {
      expect(() => parseResidentId(makeResidentId('110105', '19900230', '002'))).toThrow(/birth date/);
    });
  });

  describe('ageOn', () => {
    it('counts full years once the birthday is reached', () => {
      expect(ageOn('1990-06-15', '2026-06-15')).toBe(36);
      expect(ageOn('1990-06-15', '2026-12-31')).toBe(36);
    });

    it('is one less the day before the birthday', () => {
      expect(ageOn('1990-06-15', '2026-06-14')).toBe(35);
    });

    it('is zero on the day of birth', () => {
      expect(ageOn('2026-03-01', '2026-03-01')).toBe(0);
    });

    it('counts a 29 February birthday as 1 March in a non-leap year', () => {
      expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
      expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
    });

    it('counts a 29 February birthday on the day in a leap year', () => {
      expect(ageOn('2000-02-29', '2024-02-28')).toBe(23);
      expect(ageOn('2000-02-29', '2024-02-29')).toBe(24);
    });

    it('works with the birth date parsed from an ID number', () => {
      expect(ageOn(parseResidentId(KNOWN_VALID_X).birthDate, '2026-01-01')).toBe(76);
    });

    it('rejects an evaluation date before birth', () => {
      expect(() => ageOn('1990-06-15', '1990-06-14')).toThrow(RangeError);
    });

    it('rejects malformed dates', () => {
      expect(() => ageOn('19900615', '2026-01-01')).toThrow(RangeError);
      expect(() => ageOn('1990-06-15', '2026-02-30')).toThrow(RangeError);
    });
  });

  describe('maskResidentId', () => {
    it('keeps the first and last four characters', () => {
      expect(maskResidentId('230103199001011234')).toBe('2301**********1234');
    });

    it('keeps a trailing X visible', () => {
      expect(maskResidentId(KNOWN_VALID_X)).toBe('1101**********002X');
    });

    it('hides the birth date entirely', () => {
      expect(maskResidentId(KNOWN_VALID_X)).not.toContain('1949');
    });

    it('masks a value too short to hide anything completely', () => {
      expect(maskResidentId('12345678')).toBe('********');
    });
  });

  describe('makeResidentId', () => {
    it('appends the check digit to the given parts', () => {
      expect(makeResidentId('110105', '19491231', '002')).toBe(KNOWN_VALID_X);
    });

    it('rejects parts of the wrong length', () => {
      expect(() => makeResidentId('11010', '19491231', '002')).toThrow(RangeError);
      expect(() => makeResidentId('110105', '1949-12-31', '002')).toThrow(RangeError);
      expect(() => makeResidentId('110105', '19491231', '02')).toThrow(RangeError);
    });
  });
});

function captureError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to throw');
}
