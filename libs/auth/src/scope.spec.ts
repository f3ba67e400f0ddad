import { AuthUser } from './auth-user';
import { isInScope, scopeFilter } from './scope';

const user = (role: AuthUser['role'], scopes: Partial<AuthUser> = {}): AuthUser => ({
  id: 'u1',
  username: 'u',
  role,
  townships: [],
  counties: [],
  partnerId: null,
  ...scopes,
});

describe('scope rule', () => {
  it('lets an officer see her own township only', () => {
    const sut = user('officer', { townships: ['231085100'] });
    expect(isInScope(sut, { townshipCode: '231085100' })).toBe(true);
    expect(isInScope(sut, { townshipCode: '231085101' })).toBe(false);
  });

  it('lets an officer see county-level records of her townships’ county, not another county', () => {
    const sut = user('officer', { townships: ['231085100'] });
    expect(isInScope(sut, { countyCode: '231085' })).toBe(true);
    expect(isInScope(sut, { countyCode: '231086' })).toBe(false);
  });

  it('lets a project manager see every township of his county and nothing beyond', () => {
    const sut = user('project_manager', { counties: ['231085'] });
    expect(isInScope(sut, { townshipCode: '231085107' })).toBe(true);
    expect(isInScope(sut, { townshipCode: '231086100' })).toBe(false);
    expect(isInScope(sut, { countyCode: '231085' })).toBe(true);
  });

  it('lets a partner see only what is enrolled with it', () => {
    const sut = user('partner', { partnerId: 'p1' });
    expect(isInScope(sut, { partnerId: 'p1', townshipCode: '231085100' })).toBe(true);
    expect(isInScope(sut, { townshipCode: '231085100' })).toBe(false);
    expect(isInScope(user('partner'), { partnerId: null })).toBe(false);
  });

  it('lets the foundation see everything', () => {
    expect(isInScope(user('foundation'), { townshipCode: '999999999' })).toBe(true);
    expect(scopeFilter(user('foundation'))).toBeNull();
  });

  it('gives list queries the caller’s own codes', () => {
    expect(scopeFilter(user('officer', { townships: ['231085100'] }))).toEqual({ townships: ['231085100'] });
    expect(scopeFilter(user('project_manager', { counties: ['231085'] }))).toEqual({ counties: ['231085'] });
    expect(scopeFilter(user('partner'))).toEqual({ none: true });
  });
});
