import { tokenOf } from './queue-board';

describe('tokenOf (the board’s login)', () => {
  it('takes a bearer token, or the password of HTTP Basic, and nothing else', () => {
    expect(tokenOf('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(tokenOf(`Basic ${Buffer.from('admin:abc.def.ghi').toString('base64')}`)).toBe('abc.def.ghi');
    expect(tokenOf(`Basic ${Buffer.from(':abc.def.ghi').toString('base64')}`)).toBe('abc.def.ghi');
    expect(tokenOf(`Basic ${Buffer.from('admin:').toString('base64')}`)).toBeUndefined();
    expect(tokenOf(`Basic ${Buffer.from('no-colon').toString('base64')}`)).toBeUndefined();
    expect(tokenOf('Digest abc')).toBeUndefined();
    expect(tokenOf('Bearer')).toBeUndefined();
    expect(tokenOf(undefined)).toBeUndefined();
  });
});
