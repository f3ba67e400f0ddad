import { Injectable } from '@nestjs/common';
import { ScopeResolver, ScopeTarget } from '@xingfu/auth';
import { DataSource } from 'typeorm';

/** A project's reminder settings live in its county; a project not heard of yet (no ApplicationApproved) is not found. */
@Injectable()
export class ProjectSettingsScope implements ScopeResolver {
  constructor(private readonly dataSource: DataSource) {}

  async scopeOf(id: string): Promise<ScopeTarget | undefined> {
    const [row]: { county_code: string }[] = await this.dataSource.query('SELECT county_code FROM reminders.project_settings WHERE project_id = $1', [id]);
    return row && { countyCode: row.county_code };
  }
}
