import { Injectable } from '@nestjs/common';
import { ScopeResolver, ScopeTarget } from '@xingfu/auth';
import { DataSource } from 'typeorm';

/** Loans whose place is remembered: about 2 MB, the active book of a large county. */
const REMEMBERED_LOANS = 20_000;

/**
 * Where a loan lives, for @ScopedRecord. No loan carries a partner scope: partners see none (404).
 * A loan's township and county are set when it opens and never change, so the answer for a loan
 * that exists is remembered (the oldest forgotten first): a repayment POST, the busiest route,
 * saves the round trip. A loan not found is never remembered, so one opened later is seen at once.
 */
@Injectable()
export class LoanScope implements ScopeResolver {
  private readonly known = new Map<string, ScopeTarget>();

  constructor(private readonly dataSource: DataSource) {}

  async scopeOf(id: string): Promise<ScopeTarget | undefined> {
    const remembered = this.known.get(id);
    if (remembered) return remembered;
    const [row]: { township_code: string; county_code: string }[] = await this.dataSource.query('SELECT township_code, county_code FROM loans.loans WHERE id = $1', [id]);
    if (!row) return undefined;
    const scope = { townshipCode: row.township_code, countyCode: row.county_code };
    if (this.known.size >= REMEMBERED_LOANS) this.known.delete(this.known.keys().next().value!);
    this.known.set(id, scope);
    return scope;
  }
}

/** A project's fund and loan settings: its county's project office, the foundation. */
@Injectable()
export class ProjectScope implements ScopeResolver {
  constructor(private readonly dataSource: DataSource) {}

  async scopeOf(id: string): Promise<ScopeTarget | undefined> {
    const [row]: { county_code: string }[] = await this.dataSource.query('SELECT county_code FROM loans.projects WHERE project_id = $1', [id]);
    return row && { countyCode: row.county_code };
  }
}

export const RECORD_SCOPES = [LoanScope, ProjectScope];
