import { Injectable } from '@nestjs/common';
import { ScopeResolver, ScopeTarget } from '@xingfu/auth';
import { DataSource } from 'typeorm';

/** Where a loan lives, for @ScopedRecord. No loan carries a partner scope: partners see none (404). */
@Injectable()
export class LoanScope implements ScopeResolver {
  constructor(private readonly dataSource: DataSource) {}

  async scopeOf(id: string): Promise<ScopeTarget | undefined> {
    const [row]: { township_code: string; county_code: string }[] = await this.dataSource.query('SELECT township_code, county_code FROM loans.loans WHERE id = $1', [id]);
    return row && { townshipCode: row.township_code, countyCode: row.county_code };
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
