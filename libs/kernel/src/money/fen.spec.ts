import {
  assertFen,
  fenToYuan,
  isFen,
  isNonNegativeFen,
  MoneyError,
  percentOfFen,
  splitFen,
  sumFen,
  yuanToFen,
} from './fen';

describe('fen', () => {
  describe('isFen / isNonNegativeFen', () => {
    it.each([0, 1, -1, 123456, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER])(
      'accepts the whole number %p',
      (v) => {
        expect(isFen(v)).toBe(true);
      },
    );

    it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, '100', null, undefined, 10n])(
      'rejects %p',
      (v) => {
        expect(isFen(v)).toBe(false);
      },
    );

    it('allows negative amounts for ledger arithmetic but not as non-negative fen', () => {
      expect(isFen(-500)).toBe(true);
      expect(isNonNegativeFen(-500)).toBe(false);
      expect(isNonNegativeFen(0)).toBe(true);
      expect(isNonNegativeFen(500)).toBe(true);
      expect(isNonNegativeFen(0.5)).toBe(false);
    });
  });

  describe('assertFen', () => {
    it('returns the value when it is whole fen', () => {
      expect(assertFen(1234)).toBe(1234);
    });

    it('throws a MoneyError naming what was checked', () => {
      expect(() => assertFen(12.5, 'principal')).toThrow(MoneyError);
      expect(() => assertFen(12.5, 'principal')).toThrow(/principal/);
      expect(() => assertFen('12')).toThrow(/amount/);
    });
  });

  describe('yuanToFen', () => {
    it.each([
      ['1234', 123400],
      ['1234.5', 123450],
      ['1234.56', 123456],
      ['0.01', 1],
      ['0.1', 10],
      ['0', 0],
      ['007.00', 700],
      ['-0.05', -5],
      ['-12.3', -1230],
    ])('parses %p exactly', (text, fen) => {
      expect(yuanToFen(text)).toBe(fen);
    });

    it('avoids the float error of multiplying by 100', () => {
      // 1.15 * 100 === 114.99999999999999 and 4.35 * 100 === 434.99999999999994
      expect(yuanToFen('1.15')).toBe(115);
      expect(yuanToFen(4.35)).toBe(435);
    });

    it('accepts numbers with at most two decimals', () => {
      expect(yuanToFen(1234.5)).toBe(123450);
      expect(yuanToFen(20000)).toBe(2000000);
      expect(yuanToFen(-0)).toBe(0);
    });

    it.each([
      ['three decimals', '1.234'],
      ['a trailing dot', '1.'],
      ['a leading dot', '.5'],
      ['a thousands separator', '1,234.00'],
      ['whitespace', ' 12'],
      ['a plus sign', '+12'],
      ['an exponent', '1e3'],
      ['a currency sign', '¥12'],
      ['an empty string', ''],
      ['garbage', 'abc'],
    ])('rejects a string with %s', (_label, text) => {
      expect(() => yuanToFen(text)).toThrow(MoneyError);
    });

    it.each([
      ['a float sum that is not two-decimal', 0.1 + 0.2],
      ['three decimals', 1.005],
      ['NaN', Number.NaN],
      ['infinity', Number.POSITIVE_INFINITY],
      ['a number printed with an exponent', 1e21],
    ])('rejects a number that is %s', (_label, value) => {
      expect(() => yuanToFen(value)).toThrow(MoneyError);
    });

    it('rejects amounts too large to hold exactly', () => {
      expect(() => yuanToFen('90071992547409.92')).toThrow(MoneyError);
      expect(yuanToFen('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
    });
  });

  describe('fenToYuan', () => {
    it.each([
      [123450, '1234.50'],
      [123456, '1234.56'],
      [100, '1.00'],
      [7, '0.07'],
      [0, '0.00'],
      [-5, '-0.05'],
      [-123400, '-1234.00'],
      [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
    ])('formats %p fen as %p', (fen, text) => {
      expect(fenToYuan(fen)).toBe(text);
    });

    it('never prints negative zero', () => {
      expect(fenToYuan(-0)).toBe('0.00');
    });

    it('round-trips with yuanToFen', () => {
      for (const fen of [0, 1, 99, 100, 101, 123456789, -1, -250]) {
        expect(yuanToFen(fenToYuan(fen))).toBe(fen);
      }
    });

    it('rejects fractional fen', () => {
      expect(() => fenToYuan(1.5)).toThrow(MoneyError);
    });
  });

  describe('sumFen', () => {
    it('adds amounts including negatives', () => {
      expect(sumFen([100, 250, -50])).toBe(300);
    });

    it('is zero for no amounts', () => {
      expect(sumFen([])).toBe(0);
    });

    it('rejects a fractional amount, naming its position', () => {
      expect(() => sumFen([100, 0.5])).toThrow(/values\[1\]/);
    });

    it('rejects a total that cannot be held exactly', () => {
      expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(MoneyError);
    });

    it('stays exact when an intermediate total exceeds the safe range', () => {
      expect(sumFen([Number.MAX_SAFE_INTEGER, 2, -3])).toBe(Number.MAX_SAFE_INTEGER - 1);
    });
  });

  describe('splitFen', () => {
    it('splits evenly when it divides', () => {
      expect(splitFen(900, 3)).toEqual([300, 300, 300]);
    });

    it('gives the leftover fen one each to the first parts', () => {
      expect(splitFen(1000, 3)).toEqual([334, 333, 333]);
      expect(splitFen(1001, 4)).toEqual([251, 250, 250, 250]);
      expect(splitFen(1002, 4)).toEqual([251, 251, 250, 250]);
    });

    it('always adds back up to the total', () => {
      for (const [total, parts] of [
        [2_000_000, 12],
        [1, 7],
        [999_999, 11],
        [-1000, 3],
      ]) {
        const shares = splitFen(total, parts);
        expect(shares).toHaveLength(parts);
        expect(sumFen(shares)).toBe(total);
      }
    });

    it('gives zero shares when there are more parts than fen', () => {
      expect(splitFen(2, 4)).toEqual([1, 1, 0, 0]);
    });

    it('splits a negative total by magnitude, without negative zeros', () => {
      expect(splitFen(-1000, 3)).toEqual([-334, -333, -333]);
      const shares = splitFen(-1, 3);
      expect(shares).toEqual([-1, 0, 0]);
      expect(Object.is(shares[2], -0)).toBe(false);
    });

    it('returns the whole total for a single part', () => {
      expect(splitFen(12345, 1)).toEqual([12345]);
    });

    it.each([0, -1, 1.5, Number.NaN])('rejects %p parts', (parts) => {
      expect(() => splitFen(1000, parts)).toThrow(MoneyError);
    });

    it('rejects a fractional total', () => {
      expect(() => splitFen(10.5, 2)).toThrow(MoneyError);
    });
  });

  describe('percentOfFen', () => {
    it('takes basis points of an amount', () => {
      expect(percentOfFen(1_000_000, 100)).toBe(10_000); // 1% of 10 000 yuan
      expect(percentOfFen(2_000_000, 10_000)).toBe(2_000_000); // 100%
      expect(percentOfFen(123_456, 0)).toBe(0);
    });

    it('rounds half a fen up', () => {
      expect(percentOfFen(5, 1000)).toBe(1); // 0.5 fen
      expect(percentOfFen(15, 1000)).toBe(2); // 1.5 fen
    });

    it('rounds less than half a fen down', () => {
      expect(percentOfFen(4, 1000)).toBe(0); // 0.4 fen
      expect(percentOfFen(14_999, 1)).toBe(1); // 1.4999 fen
    });

    it('rounds negative amounts symmetrically, halves away from zero', () => {
      expect(percentOfFen(-5, 1000)).toBe(-1);
      expect(percentOfFen(-4, 1000)).toBe(0);
      expect(Object.is(percentOfFen(-4, 1000), -0)).toBe(false);
    });

    it('stays exact where float arithmetic would not', () => {
      // Number.MAX_SAFE_INTEGER * 3 overflows 2^53, BigInt does not.
      expect(percentOfFen(Number.MAX_SAFE_INTEGER, 3)).toBe(2_702_159_776_422);
    });

    it('rejects fractional basis points and fractional amounts', () => {
      expect(() => percentOfFen(1000, 2.5)).toThrow(MoneyError);
      expect(() => percentOfFen(10.5, 100)).toThrow(MoneyError);
    });

    it('rejects a result that cannot be held exactly', () => {
      expect(() => percentOfFen(Number.MAX_SAFE_INTEGER, 20_000)).toThrow(MoneyError);
    });
  });
});
