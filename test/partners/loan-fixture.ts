import { randomUUID } from 'node:crypto';
import { eventually } from '@xingfu/testing';
import { ledgerEntries } from '../../apps/loans/src/domain/ledger';
import { FundLedger } from '../../apps/loans/src/shared/fund-ledger';
import { IntakeContext } from '../support/intake-context';

/**
 * A disbursed loan for an enrolled mother, until test/loans/loan-driver.ts (disbursedLoan())
 * lands: the loan lending opened on her approval, made active as disbursement makes it (one
 * bullet instalment, the fund's entries through FundLedger), written by SQL.
 */
export class LoanFixture {
  constructor(private readonly ctx: IntakeContext) {}

  private sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.ctx.app.dataSource.query(query, params);
  }

  /** The project known to loans with money received in its fund. */
  async fund(): Promise<void> {
    await this.sql(`INSERT INTO loans.projects (project_id, county_code, name, charge_kind, rate_basis_points) VALUES ($1, $2, 'partners test', 'none', 0) ON CONFLICT (project_id) DO NOTHING`, [this.ctx.projectId, this.ctx.county]);
    await this.sql(`INSERT INTO loans.funds (project_id, county_code, opened_on) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [this.ctx.projectId, this.ctx.county, this.ctx.today]);
    await this.ledger('contribution_received', ledgerEntries.contributionReceived(100_000_00), null);
  }

  /** Active on the business date, the whole principal due in 12 months. */
  async disbursed(applicationId: string, principalFen = 300000): Promise<string> {
    const loanId = await eventually(
      async () => {
        const [row] = await this.sql<{ id: string }>(`SELECT id FROM loans.loans WHERE application_id = $1`, [applicationId]);
        if (!row) throw new Error(`lending opened no loan for ${applicationId} yet`);
        return row.id;
      },
      { timeoutMs: 60000 },
    );
    const on = this.ctx.clock.today();
    const due = '2027-11-22';
    await this.sql(
      `UPDATE loans.loans SET status = 'active', amount_fen = $2, agreement_signed_on = $3, disbursed_on = $3, round = 1, cash_fen = $2, in_kind_fen = 0, schedule_version = 1,
         principal_outstanding_fen = $2, maturity_date = $4, next_due_date = $4, charge_kind = 'none', rate_basis_points = 0 WHERE id = $1`,
      [loanId, principalFen, on, due],
    );
    await this.sql(`INSERT INTO loans.instalments (loan_id, schedule_version, seq, due_date, principal_fen, fee_fen) VALUES ($1, 1, 1, $2, $3, 0)`, [loanId, due, principalFen]);
    await this.ledger('disbursement', ledgerEntries.disbursement(principalFen), loanId);
    return loanId;
  }

  private ledger(kind: 'contribution_received' | 'disbursement', lines: ReturnType<typeof ledgerEntries.disbursement>, loanId: string | null): Promise<string> {
    return this.ctx.app.dataSource.transaction((manager) =>
      this.ctx.app.app.get(FundLedger).post(manager, { projectId: this.ctx.projectId, kind, entryDate: this.ctx.today, lines, createdBy: 'test', loanId, sourceId: randomUUID(), round: 1 }),
    );
  }
}
