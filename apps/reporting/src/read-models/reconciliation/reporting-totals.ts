import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProjectTotals } from '../domain/drift';

/** Reporting's own totals per project, from its facts, on business dates before `before`. */
@Injectable()
export class ReportingTotals {
  constructor(private readonly dataSource: DataSource) {}

  async totalsBefore(before: string): Promise<Map<string, ProjectTotals>> {
    const rows: { project_id: string; disbursed: string; repaid_principal: string; written_off: string }[] = await this.dataSource.query(
      `SELECT project_id, sum(disbursed) AS disbursed, sum(repaid_principal) AS repaid_principal, sum(written_off) AS written_off FROM (
         SELECT project_id, CASE WHEN disbursed_on < $1 THEN principal_fen ELSE 0 END AS disbursed, 0 AS repaid_principal,
                CASE WHEN written_off_on < $1 THEN written_off_fen ELSE 0 END AS written_off
           FROM reporting.loans WHERE project_id IS NOT NULL
         UNION ALL
         SELECT project_id, 0, principal_fen, 0 FROM reporting.repayments WHERE posted_on < $1
       ) t GROUP BY project_id`,
      [before],
    );
    return new Map(rows.map((r) => [r.project_id, { disbursed: Number(r.disbursed), repaidPrincipal: Number(r.repaid_principal), writtenOff: Number(r.written_off) }]));
  }
}
