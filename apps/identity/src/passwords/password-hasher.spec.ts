import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('stores scrypt parameters, a 16-byte salt and a 64-byte key', async () => {
    const stored = await hasher.hash('correct horse battery');
    const parts = stored.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(parts[4], 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5], 'base64')).toHaveLength(64);
    expect(stored).not.toContain('correct horse');
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hasher.hash('correct horse battery');
    await expect(hasher.verify('correct horse battery', stored)).resolves.toBe(true);
    await expect(hasher.verify('correct horse batterY', stored)).resolves.toBe(false);
    await expect(hasher.verify('', stored)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hasher.hash('same password'), hasher.hash('same password')]);
    expect(a).not.toEqual(b);
    await expect(hasher.verify('same password', b)).resolves.toBe(true);
  });

  it('handles non-ASCII passwords', async () => {
    const stored = await hasher.hash('幸福工程密码2025');
    await expect(hasher.verify('幸福工程密码2025', stored)).resolves.toBe(true);
  });

  it.each([
    ['empty', ''],
    ['not scrypt', 'bcrypt$2b$10$abc'],
    ['too few parts', 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0'],
    ['N not a power of two', 'scrypt$10000$8$1$c2FsdHNhbHRzYWx0c2FsdA==$' + Buffer.alloc(64).toString('base64')],
    ['N absurdly large', 'scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0c2FsdA==$' + Buffer.alloc(64).toString('base64')],
    ['r zero', 'scrypt$16384$0$1$c2FsdHNhbHRzYWx0c2FsdA==$' + Buffer.alloc(64).toString('base64')],
    ['salt not base64', 'scrypt$16384$8$1$not*base64$' + Buffer.alloc(64).toString('base64')],
    ['key too short', 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$AAAA'],
  ])('a malformed stored hash (%s) verifies false', async (_, stored) => {
    await expect(hasher.verify('anything at all', stored)).resolves.toBe(false);
  });

  it('the dummy check answers false', async () => {
    await expect(hasher.verifyDummy('whatever')).resolves.toBe(false);
  });
});
