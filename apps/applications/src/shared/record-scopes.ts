import { Injectable } from '@nestjs/common';
import { ScopeResolver, ScopeTarget } from '@xingfu/auth';
import { DataSource } from 'typeorm';

/**
 * Where each kind of intake record lives, for @ScopedRecord. No record of the intake carries a
 * partner: partners are never in scope of one (DOMAIN: partners never see applications).
 */
@Injectable() // so its constructor's DataSource is known to the subclasses' injection too
abstract class TableScope implements ScopeResolver {
  protected abstract readonly sql: string;

  constructor(private readonly dataSource: DataSource) {}

  async scopeOf(id: string): Promise<ScopeTarget | undefined> {
    const [row]: { township_code: string | null; county_code: string }[] = await this.dataSource.query(this.sql, [id]);
    return row && { townshipCode: row.township_code ?? undefined, countyCode: row.county_code };
  }
}

@Injectable()
export class ApplicationScope extends TableScope {
  protected readonly sql = 'SELECT township_code, county_code FROM applications.applications WHERE id = $1';
}

@Injectable()
export class PublicNoticeScope extends TableScope {
  protected readonly sql = 'SELECT township_code, county_code FROM applications.public_notices WHERE id = $1';
}

@Injectable()
export class ObjectionScope extends TableScope {
  protected readonly sql = `SELECT n.township_code, n.county_code
                              FROM applications.objections o JOIN applications.public_notices n ON n.id = o.notice_id WHERE o.id = $1`;
}

/** A county's project: its officers (through their townships), managers and the foundation. */
@Injectable()
export class ProjectScope extends TableScope {
  protected readonly sql = 'SELECT NULL AS township_code, county_code FROM applications.projects WHERE id = $1';
}

export const RECORD_SCOPES = [ApplicationScope, PublicNoticeScope, ObjectionScope, ProjectScope];
