import { JwtService } from '@nestjs/jwt';
import { AuthUser } from './auth-user';
import { RevocationList } from './revocation/revocation-list';
import { TokenService } from './token.service';

describe('TokenService', () => {
  const user: AuthUser = { id: 'u-1', username: 'officer', role: 'officer', townships: ['231085001'], counties: [], partnerId: null };
  const revoked = new Map<string, number>();
  const revocations = { isRevoked: (id: string, issuedAtMs: number) => revoked.has(id) && issuedAtMs <= revoked.get(id)! } as unknown as RevocationList;
  const jwt = new JwtService({ secret: 'test-secret-of-enough-length', signOptions: { algorithm: 'HS256', expiresIn: 60 } });
  let sut: TokenService;

  beforeEach(() => {
    revoked.clear();
    sut = new TokenService(jwt, revocations);
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers the same user for a token verified before, without checking its signature again', async () => {
    const token = await sut.issue(user);
    const verify = jest.spyOn(jwt, 'verifyAsync');
    expect(await sut.verify(token)).toEqual(user);
    expect(await sut.verify(token)).toEqual(user);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('does not let a caller change the kept user through the answer', async () => {
    const token = await sut.issue(user);
    (await sut.verify(token))!.townships.push('999999999');
    expect((await sut.verify(token))!.townships).toEqual(['231085001']);
  });

  it('refuses a kept token once it has expired', async () => {
    const token = await sut.issue(user);
    expect(await sut.verify(token)).toEqual(user);
    const later = Date.now() + 61_000;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    expect(await sut.verify(token)).toBeUndefined();
  });

  it('refuses a kept token once its user is revoked', async () => {
    const token = await sut.issue(user);
    expect(await sut.verify(token)).toEqual(user);
    revoked.set(user.id, Date.now() + 1);
    expect(await sut.verify(token)).toBeUndefined();
  });

  it('refuses a token altered after one verified, and another secret, and never keeps them', async () => {
    const token = await sut.issue(user);
    await sut.verify(token);
    const [head, body, signature] = token.split('.');
    const flipped = `${head}.${body}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const forged = await new JwtService({ secret: 'another-secret-of-enough-length' }).signAsync({ sub: 'u-2', role: 'admin' });
    const verify = jest.spyOn(jwt, 'verifyAsync');
    for (let i = 0; i < 2; i++) {
      expect(await sut.verify(flipped)).toBeUndefined();
      expect(await sut.verify(forged)).toBeUndefined();
      expect(await sut.verify('not a token')).toBeUndefined();
    }
    expect(verify).toHaveBeenCalledTimes(6);
  });
});
