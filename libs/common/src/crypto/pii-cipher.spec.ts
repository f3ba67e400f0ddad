import { randomBytes } from 'node:crypto';
import { PiiCipher } from './pii-cipher';

describe('PiiCipher', () => {
  const sut = new PiiCipher(randomBytes(32));

  it('reads back what it sealed, and never shows the value in the sealed form', () => {
    const sealed = sut.encrypt('11010519491231002X');
    expect(sealed).not.toContain('11010519491231002X');
    expect(sut.decrypt(sealed)).toBe('11010519491231002X');
  });

  it('seals the same value differently each time (random IV)', () => {
    expect(sut.encrypt('a')).not.toBe(sut.encrypt('a'));
  });

  it('refuses a tampered value', () => {
    const sealed = sut.encrypt('11010519491231002X');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('00000000000000000', 'utf8').toString('base64url');
    expect(() => sut.decrypt(parts.join('.'))).toThrow();
  });

  it('gives equal lookup hashes for equal values and different ones under another key', () => {
    expect(sut.lookupHash('x')).toBe(sut.lookupHash('x'));
    expect(sut.lookupHash('x')).not.toBe(new PiiCipher(randomBytes(32)).lookupHash('x'));
  });
});
