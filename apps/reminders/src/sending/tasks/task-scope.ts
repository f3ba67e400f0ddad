import { Injectable } from '@nestjs/common';
import { ScopeResolver, ScopeTarget } from '@xingfu/auth';
import { DataSource } from 'typeorm';

/** Where a task lives: the township, county or partner copied from its reminder. */
@Injectable()
export class TaskScope implements ScopeResolver {
  constructor(private readonly dataSource: DataSource) {}

  async scopeOf(id: string): Promise<ScopeTarget | undefined> {
    const [row]: { township_code: string | null; county_code: string | null; partner_id: string | null }[] = await this.dataSource.query(
      'SELECT township_code, county_code, partner_id FROM reminders.tasks WHERE id = $1',
      [id],
    );
    return row && { townshipCode: row.township_code ?? undefined, countyCode: row.county_code ?? undefined, partnerId: row.partner_id };
  }
}
