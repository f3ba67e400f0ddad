import { normalizeCodes, normalizeUsername, userScopeProblems } from './user-rules';

describe('userScopeProblems', () => {
  it('an officer needs a township', () => {
    expect(userScopeProblems({ role: 'officer' })).toEqual({ townships: ['an officer needs at least one township'] });
    expect(userScopeProblems({ role: 'officer', townships: [] })).toHaveProperty('townships');
    expect(userScopeProblems({ role: 'officer', townships: ['231085100'] })).toEqual({});
  });

  it('a county does not stand in for an officer township', () => {
    expect(userScopeProblems({ role: 'officer', counties: ['231085'] })).toHaveProperty('townships');
  });

  it('a project manager needs a county', () => {
    expect(userScopeProblems({ role: 'project_manager' })).toEqual({ counties: ['a project manager needs at least one county'] });
    expect(userScopeProblems({ role: 'project_manager', townships: ['231085100'] })).toHaveProperty('counties');
    expect(userScopeProblems({ role: 'project_manager', counties: ['231085'] })).toEqual({});
  });

  it('a partner user needs a partnerId', () => {
    expect(userScopeProblems({ role: 'partner' })).toEqual({ partnerId: ['a partner user needs a partnerId'] });
    expect(userScopeProblems({ role: 'partner', partnerId: null })).toHaveProperty('partnerId');
    expect(userScopeProblems({ role: 'partner', partnerId: '  ' })).toHaveProperty('partnerId');
    expect(userScopeProblems({ role: 'partner', partnerId: 'p-1' })).toEqual({});
  });

  it('foundation and admin need no scope', () => {
    expect(userScopeProblems({ role: 'foundation' })).toEqual({});
    expect(userScopeProblems({ role: 'admin' })).toEqual({});
  });
});

describe('normalizeUsername', () => {
  it('lowercases and trims', () => {
    expect(normalizeUsername(' Zhang.Wei ')).toBe('zhang.wei');
  });
});

describe('normalizeCodes', () => {
  it('sorts and removes repeats', () => {
    expect(normalizeCodes(['231085101', '231085100', '231085101'])).toEqual(['231085100', '231085101']);
    expect(normalizeCodes(undefined)).toEqual([]);
  });
});
