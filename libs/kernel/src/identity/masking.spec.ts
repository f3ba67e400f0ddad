import { isValidMobilePhone, maskCardNumber, maskMiddle, maskName, maskPhone, personNameKey } from './masking';

describe('masking', () => {
  describe('maskName', () => {
    it.each([
      ['a two-character name keeps the surname', '张梅', '张*'],
      ['a three-character name keeps the first and last', '张小梅', '张*梅'],
      ['a four-character name with a compound surname', '欧阳小梅', '欧**梅'],
      ['a one-character name is left as is', '梅', '梅'],
      ['surrounding whitespace is dropped', ' 张小梅 ', '张*梅'],
      ['an empty name stays empty', '', ''],
    ])('%s', (_label, name, masked) => {
      expect(maskName(name)).toBe(masked);
    });

    it('counts a character outside the BMP as one character', () => {
      // 𠮷 (U+20BB7) is two UTF-16 code units.
      expect(maskName('𠮷小梅')).toBe('𠮷*梅');
      expect(maskName('张𠮷')).toBe('张*');
      expect(maskName('张𠮷梅')).toBe('张*梅');
    });

    it('keeps the first letter of each word of a Latin name', () => {
      expect(maskName('Mary Smith')).toBe('M*** S****');
      expect(maskName('Ann')).toBe('A**');
    });

    it('leaves one-letter words and the spacing between words alone', () => {
      expect(maskName('Mary  J Smith')).toBe('M***  J S****');
    });
  });

  describe('isValidMobilePhone', () => {
    it.each(['13812345678', '15000000000', '19912345678', '16612345678'])('accepts %s', (v) => {
      expect(isValidMobilePhone(v)).toBe(true);
    });

    it.each([
      ['a second digit of 2', '12812345678'],
      ['a second digit of 0', '10812345678'],
      ['not starting with 1', '23812345678'],
      ['10 digits', '1381234567'],
      ['12 digits', '138123456789'],
      ['a country code', '+8613812345678'],
      ['separators', '138-1234-5678'],
      ['a landline', '01012345678'],
      ['empty', ''],
    ])('rejects a number with %s', (_label, v) => {
      expect(isValidMobilePhone(v)).toBe(false);
    });
  });

  describe('maskPhone', () => {
    it('keeps the first three and last four digits', () => {
      expect(maskPhone('13812345678')).toBe('138****5678');
    });

    it('masks a value too short to hide anything completely', () => {
      expect(maskPhone('1234567')).toBe('*******');
    });
  });

  describe('maskCardNumber', () => {
    it('keeps only the last four digits', () => {
      expect(maskCardNumber('6217000012345678')).toBe('************5678');
    });

    it('handles a 19-digit card', () => {
      expect(maskCardNumber('6217000012345678901')).toBe('***************8901');
    });

    it('ignores spaces written for readability', () => {
      expect(maskCardNumber('6217 0000 1234 5678')).toBe('************5678');
    });

    it('masks a value of four digits or fewer completely', () => {
      expect(maskCardNumber('5678')).toBe('****');
    });
  });

  describe('maskMiddle', () => {
    it('masks what lies between the kept ends', () => {
      expect(maskMiddle('abcdefgh', 2, 3)).toBe('ab***fgh');
    });

    it('can keep only one end', () => {
      expect(maskMiddle('abcdef', 0, 2)).toBe('****ef');
      expect(maskMiddle('abcdef', 2, 0)).toBe('ab****');
    });

    it('masks everything when nothing would be hidden otherwise', () => {
      expect(maskMiddle('abcde', 2, 3)).toBe('*****');
      expect(maskMiddle('', 1, 1)).toBe('');
    });
  });

  describe('personNameKey', () => {
    it('makes one key of the ways one name is written, and keeps different names apart', () => {
      expect(personNameKey(' 王 秀梅 ')).toBe(personNameKey('王秀梅'));
      expect(personNameKey('Ｍａｒｙ Smith')).toBe(personNameKey('mary smith'));
      expect(personNameKey('阿依·古丽')).toBe('阿依·古丽');
      // Same length, same first and last character: the masked names agree, the keys do not.
      expect(maskName('王小梅')).toBe(maskName('王秀梅'));
      expect(personNameKey('王小梅')).not.toBe(personNameKey('王秀梅'));
    });
  });
});
