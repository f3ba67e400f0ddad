import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { FundReport, fundReport, LedgerSum } from '../../../domain/fund-figures';
import { EntryKind, LedgerAccount } from '../../../domain/ledger';
import { fundOfProject } from '../fund-of-project';
import { GetFundQuery } from './get-fund.query';

export type FundView = { projectId: string; countyCode: string; openedOn: string } & FundReport;

/**
 * The fund's figures, summed from its ledger lines per round, account and kind in one query
 * (no balance row: what a repayment appends is what this reads). A correction is filed under
 * the kind of the entry it corrects.
 */
@QueryHandler(GetFundQuery)
export class GetFundHandler implements IQueryHandler<GetFundQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ projectId, user }: GetFundQuery): Promise<FundView> {
    const manager = this.dataSource.manager;
    const fund = await fundOfProject(manager, projectId, user);
    const rows: { round: number | null; account: LedgerAccount; kind: EntryKind; sum: string }[] = await manager.query(
      `SELECT l.round, l.account, CASE WHEN e.kind = 'correction' THEN COALESCE(c.kind, e.kind) ELSE e.kind END AS kind, SUM(l.amount_fen) AS sum
         FROM loans.ledger_lines l
         JOIN loans.ledger_entries e ON e.id = l.entry_id
         LEFT JOIN loans.ledger_entries c ON c.id = e.corrects_entry_id
        WHERE l.project_id = $1
        GROUP BY 1, 2, 3`,
      [projectId],
    );
    const sums: LedgerSum[] = rows.map((r) => ({ round: r.round, account: r.account, kind: r.kind, sumFen: Number(r.sum) }));
    return { projectId, countyCode: fund.county_code, openedOn: fund.opened_on, ...fundReport(sums) };
  }
}
