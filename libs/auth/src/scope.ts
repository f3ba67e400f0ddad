import { AuthUser, countyOfTownship, DomainError } from '@xingfu/kernel';

/** Where a record lives, as far as scopes care. Give what the record has. */
export interface ScopeTarget {
  townshipCode?: string;
  countyCode?: string;
  partnerId?: string | null;
}

/**
 * The one rule of who sees what, as data: foundation and admin everywhere; a project manager
 * in their counties; an officer in their townships (and county-level records of the counties
 * of those townships); a partner only what is enrolled with it. A role without a rule here
 * sees nothing. Both the record check (isInScope, @ScopedRecord) and the list filter
 * (scopedWhere) read this, so they cannot drift apart.
 */
type Scope =
  | { kind: 'everywhere' }
  | { kind: 'counties'; counties: string[] }
  | { kind: 'townships'; townships: string[] }
  | { kind: 'partner'; partnerId: string }
  | { kind: 'nothing' };

function scopeOf(user: AuthUser): Scope {
  switch (user.role) {
    case 'foundation':
    case 'admin':
      return { kind: 'everywhere' };
    case 'project_manager':
      return { kind: 'counties', counties: user.counties };
    case 'officer':
      return { kind: 'townships', townships: user.townships };
    case 'partner':
      return user.partnerId ? { kind: 'partner', partnerId: user.partnerId } : { kind: 'nothing' };
    default:
      return { kind: 'nothing' };
  }
}

const countiesOf = (townships: string[]) => [...new Set(townships.map(countyOfTownship))];

export function isInScope(user: AuthUser, target: ScopeTarget): boolean {
  const scope = scopeOf(user);
  switch (scope.kind) {
    case 'everywhere':
      return true;
    case 'counties': {
      const county = target.countyCode ?? (target.townshipCode ? countyOfTownship(target.townshipCode) : undefined);
      return county !== undefined && scope.counties.includes(county);
    }
    case 'townships':
      if (target.townshipCode) return scope.townships.includes(target.townshipCode);
      return target.countyCode !== undefined && countiesOf(scope.townships).includes(target.countyCode);
    case 'partner':
      return target.partnerId === scope.partnerId;
    case 'nothing':
      return false;
  }
}

/** A record outside the caller's scope is answered as if it did not exist (404, not 403). */
export function assertInScope(user: AuthUser, target: ScopeTarget, what = 'record', id = ''): void {
  if (!isInScope(user, target)) {
    throw new DomainError('not_found', 'not_found', `${what}${id ? ` ${id}` : ''} was not found`, id ? { id } : {});
  }
}

/** The columns of a list that say where a row lives (SQL expressions, e.g. 'a.township_code'). Give what the rows have. */
export interface ScopeColumns {
  township?: string;
  county?: string;
  partner?: string;
}

export interface ScopedWhere {
  sql: string;
  params: Record<string, unknown>;
}

const NOTHING: ScopedWhere = { sql: 'FALSE', params: {} };

/**
 * The scope rule as a WHERE clause for a list or report (`query.andWhere(sql, params)`, or the
 * sql with named params in a query builder). It fails closed: a role without a rule, a scope
 * with no codes, or a rule the list has no column for, sees nothing.
 */
export function scopedWhere(user: AuthUser, columns: ScopeColumns): ScopedWhere {
  const scope = scopeOf(user);
  switch (scope.kind) {
    case 'everywhere':
      return { sql: 'TRUE', params: {} };
    case 'counties':
      if (!scope.counties.length) return NOTHING;
      if (columns.county) return { sql: `${columns.county} IN (:...scopeCounties)`, params: { scopeCounties: scope.counties } };
      if (columns.township) return { sql: `left(${columns.township}, 6) IN (:...scopeCounties)`, params: { scopeCounties: scope.counties } };
      return NOTHING;
    case 'townships':
      if (!scope.townships.length) return NOTHING;
      if (columns.township) return { sql: `${columns.township} IN (:...scopeTownships)`, params: { scopeTownships: scope.townships } };
      if (columns.county) return { sql: `${columns.county} IN (:...scopeCounties)`, params: { scopeCounties: countiesOf(scope.townships) } };
      return NOTHING;
    case 'partner':
      return columns.partner ? { sql: `${columns.partner} = :scopePartnerId`, params: { scopePartnerId: scope.partnerId } } : NOTHING;
    case 'nothing':
      return NOTHING;
  }
}
