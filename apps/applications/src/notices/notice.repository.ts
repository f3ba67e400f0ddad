import { assertInScope, AuthUser } from '@xingfu/auth';
import { DomainError } from '@xingfu/common';
import { EntityManager } from 'typeorm';

export interface NoticeRow {
  id: string;
  county_code: string;
  township_code: string;
  village_code: string;
  start_date: string;
  days: number;
  end_date: string;
  status: 'open' | 'closed';
  closed_at: Date | null;
  closed_by: string | null;
}

/**
 * The notice, row-locked when `forUpdate`; 404 when missing or outside the caller's scope
 * (partners included: no notice is theirs). A null user is the system (the closing job): no scope.
 */
export async function loadNotice(manager: EntityManager, id: string, user: AuthUser | null, forUpdate = false): Promise<NoticeRow> {
  const [notice]: NoticeRow[] = await manager.query(
    `SELECT id, county_code, township_code, village_code, start_date, days, end_date, status, closed_at, closed_by
       FROM applications.public_notices WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [id],
  );
  if (!notice) throw new DomainError('not_found', 'not_found', `public notice ${id} was not found`, { id });
  if (user) assertInScope(user, { townshipCode: notice.township_code, countyCode: notice.county_code }, 'public notice', id);
  return notice;
}

/** Open objections whose application is still on the notice: these keep it from closing. */
export async function blockingObjectionIds(manager: EntityManager, noticeId: string): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT o.id FROM applications.objections o JOIN applications.applications a ON a.id = o.application_id
      WHERE o.notice_id = $1 AND o.status = 'open' AND a.status = 'in_notice' ORDER BY o.id`,
    [noticeId],
  );
  return rows.map((r) => r.id);
}
