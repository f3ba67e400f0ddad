import { AuthUser } from './auth-user';
import { isInScope, scopedWhere } from './scope';

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
    expect(scopedWhere(user('foundation'), { township: 't' })).toEqual({ sql: 'TRUE', params: {} });
  });

  it('gives list queries the caller’s own codes, by whichever column the list has', () => {
    const officer = user('officer', { townships: ['231085100'] });
    expect(scopedWhere(officer, { township: 'a.township_code' })).toEqual({ sql: 'a.township_code IN (:...scopeTownships)', params: { scopeTownships: ['231085100'] } });
    expect(scopedWhere(officer, { county: 'p.county_code' })).toEqual({ sql: 'p.county_code IN (:...scopeCounties)', params: { scopeCounties: ['231085'] } });
    const manager = user('project_manager', { counties: ['231085'] });
    expect(scopedWhere(manager, { township: 'r.township_code' })).toEqual({ sql: 'left(r.township_code, 6) IN (:...scopeCounties)', params: { scopeCounties: ['231085'] } });
    expect(scopedWhere(user('partner', { partnerId: 'p1' }), { partner: 'e.partner_id' })).toEqual({ sql: 'e.partner_id = :scopePartnerId', params: { scopePartnerId: 'p1' } });
  });

  it('fails closed: no rule, no codes, or no column for the rule means nothing is seen', () => {
    expect(scopedWhere(user('partner'), { partner: 'e.partner_id' }).sql).toBe('FALSE');
    expect(scopedWhere(user('partner', { partnerId: 'p1' }), { township: 'a.township_code', county: 'a.county_code' }).sql).toBe('FALSE');
    expect(scopedWhere(user('officer'), { township: 'a.township_code' }).sql).toBe('FALSE');
    expect(scopedWhere(user('project_manager', { counties: ['231085'] }), { partner: 'e.partner_id' }).sql).toBe('FALSE');
    expect(scopedWhere(user('auditor' as AuthUser['role']), { township: 'a.township_code' }).sql).toBe('FALSE');
    expect(isInScope(user('auditor' as AuthUser['role']), { townshipCode: '231085100' })).toBe(false);
  });
});
