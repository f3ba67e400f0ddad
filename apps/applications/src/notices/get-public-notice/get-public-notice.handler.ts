import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { maskName } from '@xingfu/common';
import { DataSource } from 'typeorm';
import { loadNotice } from '../notice.repository';
import { GetPublicNoticeQuery } from './get-public-notice.query';

interface EntryRow {
  id: string;
  mother_name: string;
  village_code: string;
  industry: string;
  project_description: string;
  model: string;
  requested_amount_fen: string;
  status: string;
  project_id: string;
  project_name: string;
}

/**
 * The list as posted in the village: enough to recognise a neighbour and object, nothing that
 * identifies her to a stranger. Names masked (张*梅); no ID number, phone or address is read.
 */
@QueryHandler(GetPublicNoticeQuery)
export class GetPublicNoticeHandler implements IQueryHandler<GetPublicNoticeQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ noticeId, user }: GetPublicNoticeQuery) {
    const manager = this.dataSource.manager;
    const notice = await loadNotice(manager, noticeId, user);
    const rows: EntryRow[] = await manager.query(
      `SELECT a.id, a.mother_name, a.village_code, a.industry, a.project_description, a.model, a.requested_amount_fen, a.status,
              p.id AS project_id, p.name AS project_name
         FROM applications.public_notice_items i
         JOIN applications.applications a ON a.id = i.application_id
         JOIN applications.projects p ON p.id = a.project_id
        WHERE i.notice_id = $1 ORDER BY a.mother_name, a.id`,
      [noticeId],
    );
    const [objections]: { total: number; open: number; upheld: number; dismissed: number }[] = await manager.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE status = 'open')::int AS open,
              count(*) FILTER (WHERE status = 'upheld')::int AS upheld,
              count(*) FILTER (WHERE status = 'dismissed')::int AS dismissed
         FROM applications.objections WHERE notice_id = $1`,
      [noticeId],
    );
    return {
      id: notice.id,
      project: rows[0] ? { id: rows[0].project_id, name: rows[0].project_name } : null,
      townshipCode: notice.township_code,
      villageCode: notice.village_code,
      startDate: notice.start_date,
      days: notice.days,
      endDate: notice.end_date,
      status: notice.status,
      closedAt: notice.closed_at,
      closedBy: notice.closed_by,
      entries: rows.map((r) => ({
        applicationId: r.id,
        name: maskName(r.mother_name),
        villageCode: r.village_code,
        industry: r.industry,
        project: r.project_description,
        model: r.model,
        requestedAmountFen: Number(r.requested_amount_fen),
        status: r.status,
      })),
      objections,
    };
  }
}
