import { Injectable } from '@nestjs/common';
import { ScopeResolver, ScopeTarget } from '@xingfu/auth';
import { DataSource } from 'typeorm';

/** Where a guarantee lives, for @ScopedRecord. No guarantee carries a partner: partners see none (404). */
@Injectable()
export class GuaranteeScope implements ScopeResolver {
  constructor(private readonly dataSource: DataSource) {}

  async scopeOf(id: string): Promise<ScopeTarget | undefined> {
    const [row]: { township_code: string; county_code: string }[] = await this.dataSource.query('SELECT township_code, county_code FROM guarantees.guarantees WHERE id = $1', [id]);
    return row && { townshipCode: row.township_code, countyCode: row.county_code };
  }
}

/** A project's guarantee settings: its county's managers (and officers, read-only elsewhere), the foundation. */
@Injectable()
export class ProjectSettingsScope implements ScopeResolver {
  constructor(private readonly dataSource: DataSource) {}

  async scopeOf(id: string): Promise<ScopeTarget | undefined> {
    const [row]: { county_code: string }[] = await this.dataSource.query('SELECT county_code FROM guarantees.project_settings WHERE project_id = $1', [id]);
    return row && { countyCode: row.county_code };
  }
}

export const RECORD_SCOPES = [GuaranteeScope, ProjectSettingsScope];
