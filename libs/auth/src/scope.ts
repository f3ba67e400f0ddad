import { countyOfTownship } from '@xingfu/contracts';
import { DomainError } from '@xingfu/common';
import { AuthUser } from './auth-user';

/** Where a record lives, as far as scopes care. Give what the record has. */
export interface ScopeTarget {
  townshipCode?: string;
  countyCode?: string;
  partnerId?: string | null;
}

/**
 * The one rule of who sees what: foundation and admin everywhere; a project manager in
 * their counties; an officer in their townships (and county-level records of the counties
 * of those townships); a partner only what is enrolled with it.
 */
export function isInScope(user: AuthUser, target: ScopeTarget): boolean {
  switch (user.role) {
    case 'foundation':
    case 'admin':
      return true;
    case 'project_manager': {
      const county = target.countyCode ?? (target.townshipCode ? countyOfTownship(target.townshipCode) : undefined);
      return county !== undefined && user.counties.includes(county);
    }
    case 'officer':
      if (target.townshipCode) return user.townships.includes(target.townshipCode);
      return target.countyCode !== undefined && user.townships.some((t) => countyOfTownship(t) === target.countyCode);
    case 'partner':
      return !!user.partnerId && target.partnerId === user.partnerId;
    default:
      return false;
  }
}

/** A record outside the caller's scope is answered as if it did not exist (404, not 403). */
export function assertInScope(user: AuthUser, target: ScopeTarget, what = 'record', id = ''): void {
  if (!isInScope(user, target)) {
    throw new DomainError('not_found', 'not_found', `${what}${id ? ` ${id}` : ''} was not found`, id ? { id } : {});
  }
}

/** For list queries: null means no restriction; otherwise only these township/county codes. */
export function scopeFilter(user: AuthUser): { townships?: string[]; counties?: string[]; partnerId?: string; none?: true } | null {
  switch (user.role) {
    case 'foundation':
    case 'admin':
      return null;
    case 'project_manager':
      return { counties: user.counties };
    case 'officer':
      return { townships: user.townships };
    case 'partner':
      return user.partnerId ? { partnerId: user.partnerId } : { none: true };
    default:
      return { none: true };
  }
}
