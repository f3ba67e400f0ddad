import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { scopedWhere } from '@xingfu/auth';
import { pageOf } from '@xingfu/common';
import { DataSource } from 'typeorm';
import { presentPartner } from '../registry/partner-view';
import { EnrolmentView } from '../shared/enrolment-view';
import { EnrolmentRow, PartnerRow, ProgrammeRow } from '../shared/partner.rows';
import { GetEnrolmentQuery, GetPartnerQuery, ListEnrolmentsQuery } from './reading.queries';

/** The routes' @ScopedRecord has checked the record is in the caller's scope (404 otherwise) before these run. */
@QueryHandler(GetPartnerQuery)
export class GetPartnerHandler implements IQueryHandler<GetPartnerQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ partnerId }: GetPartnerQuery) {
    const [partner]: PartnerRow[] = await this.dataSource.query(`SELECT * FROM partners.partners WHERE id = $1`, [partnerId]);
    const programmes: ProgrammeRow[] = await this.dataSource.query(`SELECT * FROM partners.programmes WHERE partner_id = $1 ORDER BY created_on, id`, [partnerId]);
    return presentPartner(partner, programmes);
  }
}

@QueryHandler(GetEnrolmentQuery)
export class GetEnrolmentHandler implements IQueryHandler<GetEnrolmentQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly view: EnrolmentView,
  ) {}

  async execute({ enrolmentId }: GetEnrolmentQuery) {
    const [enrolment]: EnrolmentRow[] = await this.dataSource.query(`SELECT * FROM partners.enrolments WHERE id = $1`, [enrolmentId]);
    return this.view.present(this.dataSource.manager, enrolment);
  }
}

/** A partner's enrolments, as far as the caller may see them (its own users: all; an officer: her townships'), paged. */
@QueryHandler(ListEnrolmentsQuery)
export class ListEnrolmentsHandler implements IQueryHandler<ListEnrolmentsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly view: EnrolmentView,
  ) {}

  async execute({ partnerId, filter, user }: ListEnrolmentsQuery) {
    const scope = scopedWhere(user, { township: 'e.township_code', county: 'e.county_code', partner: 'e.partner_id' });
    const { page, pageSize, skip } = pageOf(filter);
    const query = this.dataSource.createQueryBuilder().select('e.*').from('partners.enrolments', 'e').where(scope.sql, scope.params).andWhere('e.partner_id = :partnerId', { partnerId });
    if (filter.status) query.andWhere('e.status = :status', { status: filter.status });
    const total = await query.clone().select('count(*)::int', 'total').getRawOne<{ total: number }>();
    const rows: EnrolmentRow[] = await query.orderBy('e.created_at', 'ASC').addOrderBy('e.id', 'ASC').offset(skip).limit(pageSize).getRawMany();
    return { items: await this.view.presentAll(this.dataSource.manager, rows), page, pageSize, total: total?.total ?? 0 };
  }
}
