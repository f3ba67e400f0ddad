import { randomUUID } from 'node:crypto';
import { AppConfig } from '@xingfu/common';
import { DAILY_SWEEP_JOB, drainJobs } from '@xingfu/jobs';
import { RedisConnection } from '@xingfu/platform';
import { eventually } from '@xingfu/testing';
import { Queue } from 'bullmq';
import { ledgerEntries } from '../../apps/loans/src/domain/ledger';
import { FundLedger } from '../../apps/loans/src/shared/fund-ledger';
import { GuaranteeDriver } from '../guarantees/guarantee-driver';
import { IntakeContext } from '../support/intake-context';

export interface ArrearsLoan {
  loanId: string;
  applicationId: string;
  guaranteeId?: string;
}

/**
 * What the arrears tests start from: a disbursed loan with its schedule. Until the lending
 * flow's driver (test/loans/loan-driver.ts) exists, the loan's rows are written as disbursement
 * writes them (the fund's entries through FundLedger), for an application whose three-party
 * guarantee went through the real guarantees flow, so LoanDefaulted invokes a real guarantee.
 */
export class ArrearsFixtures {
  private queue?: Queue;
  readonly guarantees: GuaranteeDriver;

  constructor(private readonly ctx: IntakeContext) {
    this.guarantees = new GuaranteeDriver(ctx);
  }

  sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.ctx.app.dataSource.query(query, params);
  }

  /** The project known to loans with its fund, and received money to lend. */
  async fund(o: { chargeKind?: string; rateBasisPoints?: number; subsidyBasisPoints?: number } = {}): Promise<void> {
    await this.sql(
      `INSERT INTO loans.projects (project_id, county_code, name, charge_kind, rate_basis_points, interest_subsidy_basis_points) VALUES ($1, $2, 'arrears test', $3, $4, $5)
       ON CONFLICT (project_id) DO UPDATE SET charge_kind = EXCLUDED.charge_kind, rate_basis_points = EXCLUDED.rate_basis_points, interest_subsidy_basis_points = EXCLUDED.interest_subsidy_basis_points`,
      [this.ctx.projectId, this.ctx.county, o.chargeKind ?? 'none', o.rateBasisPoints ?? 0, o.subsidyBasisPoints ?? 0],
    );
    await this.sql(`INSERT INTO loans.funds (project_id, county_code, opened_on) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [this.ctx.projectId, this.ctx.county, this.ctx.today]);
    await this.post('contribution_received', ledgerEntries.contributionReceived(100_000_00), null);
  }

  /**
   * A loan disbursed on `disbursedOn` with the given instalments (principal, fee), for an
   * application with an effective guarantee (or, with guarantee: false, none).
   */
  async loan(o: { disbursedOn: string; instalments: { dueDate: string; principalFen: number; feeFen?: number }[]; guarantee?: boolean; chargeKind?: string; subsidyBasisPoints?: number; graceDays?: number }): Promise<ArrearsLoan> {
    const effective = o.guarantee === false ? { applicationId: randomUUID(), guaranteeId: undefined } : await this.guarantees.effective();
    const amount = o.instalments.reduce((s, i) => s + i.principalFen, 0);
    const village = `${this.ctx.township}001`;
    const values = [effective.applicationId, this.ctx.projectId, this.ctx.county, this.ctx.township, village, amount, o.chargeKind ?? 'none', o.subsidyBasisPoints ?? 0, o.graceDays ?? 0, o.disbursedOn, effective.guaranteeId ?? null, o.instalments[o.instalments.length - 1].dueDate, o.instalments[0].dueDate];
    // The lending flow opens a loan on approval and follows the guarantee: take that one over once it waits for its agreement.
    const opened = effective.guaranteeId ? await this.openedByLending(effective.applicationId) : undefined;
    const loanId = opened ?? randomUUID();
    if (opened) {
      await this.sql(
        `UPDATE loans.loans SET project_id = $2, amount_fen = $3, term_months = 12, repayment_plan = '{"kind":"custom"}', charge_kind = $4, subsidy_basis_points = $5, grace_days = $6,
           status = 'active', guarantee_id = $8, agreement_signed_on = $7, disbursed_on = $7, round = 1, cash_fen = $3, schedule_version = 1, principal_outstanding_fen = $3, maturity_date = $9, next_due_date = $10
         WHERE id = $1`,
        [loanId, this.ctx.projectId, amount, o.chargeKind ?? 'none', o.subsidyBasisPoints ?? 0, o.graceDays ?? 0, o.disbursedOn, effective.guaranteeId, values[11], values[12]],
      );
    } else {
      await this.sql(
        `INSERT INTO loans.loans (id, application_id, project_id, county_code, township_code, village_code, mother_name_masked, id_number_masked, industry, model,
           amount_fen, term_months, repayment_plan, charge_kind, subsidy_basis_points, grace_days, disbursement_mode, approved_on, status, guarantee_id, guarantee_effective_on,
           agreement_signed_on, disbursed_on, round, cash_fen, schedule_version, principal_outstanding_fen, maturity_date, next_due_date)
         VALUES ($1, $2, $3, $4, $5, $6, '王*', '5222**********1234', 'pig', 'company', $7, 12, '{"kind":"custom"}', $8, $9, $10, 'cash', $11, 'active', $12, $11, $11, $11, 1, $7, 1, $7, $13, $14)`,
        [loanId, ...values],
      );
    }
    for (const [i, inst] of o.instalments.entries()) {
      await this.sql(`INSERT INTO loans.instalments (loan_id, schedule_version, seq, due_date, principal_fen, fee_fen) VALUES ($1, 1, $2, $3, $4, $5)`, [loanId, i + 1, inst.dueDate, inst.principalFen, inst.feeFen ?? 0]);
    }
    await this.post('disbursement', ledgerEntries.disbursement(amount), loanId);
    return { loanId, applicationId: effective.applicationId, guaranteeId: effective.guaranteeId };
  }

  /** The loan the lending flow opened for the application, once it waits for its agreement; undefined when lending opens none (not wired yet). */
  private async openedByLending(applicationId: string): Promise<string | undefined> {
    try {
      return await eventually(
        async () => {
          const [row] = await this.sql<{ id: string; status: string }>(`SELECT id, status FROM loans.loans WHERE application_id = $1`, [applicationId]);
          if (row?.status !== 'awaiting_agreement') throw new Error(`no loan awaiting its agreement for ${applicationId} yet`);
          return row.id;
        },
        { timeoutMs: 15_000 },
      );
    } catch {
      return undefined;
    }
  }

  private post(kind: 'contribution_received' | 'disbursement', lines: ReturnType<typeof ledgerEntries.disbursement>, loanId: string | null): Promise<string> {
    return this.ctx.app.dataSource.transaction((manager) =>
      this.ctx.app.app.get(FundLedger).post(manager, { projectId: this.ctx.projectId, kind, entryDate: this.ctx.today, lines, createdBy: 'test', loanId, sourceId: randomUUID(), round: 1 }),
    );
  }

  /** The admin route, for one date. */
  async sweepFor(asOf: string, admin: string): Promise<Record<string, number | string>> {
    const res = await this.ctx.as(admin).post('/admin/sweeps/arrears', { asOf });
    if (res.status !== 200) throw new Error(`sweep answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Moves the business date and lets the daily sweep catch up every day up to it, as the jobs runtime does when a managed date moves. */
  async moveDateTo(date: string): Promise<void> {
    this.ctx.clock.set(date);
    this.queue ??= new Queue('loans-sweeps', { connection: this.ctx.app.app.get(RedisConnection).options(), prefix: this.ctx.app.app.get(AppConfig).BULLMQ_PREFIX });
    await this.queue.add(DAILY_SWEEP_JOB, { sweep: 'loan-arrears', reason: 'business-date' });
    await drainJobs(this.ctx.app.app, 120_000);
  }

  async close(): Promise<void> {
    await this.queue?.close();
  }

  /** The events a loan emitted, by type, in order. */
  events(loanId: string, type?: string): Promise<{ type: string; payload: Record<string, unknown>; headers: Record<string, unknown> }[]> {
    return this.sql(
      `SELECT type, payload, headers FROM (SELECT seq, type, payload, headers, key FROM loans.outbox UNION ALL SELECT seq, type, payload, headers, key FROM loans.outbox_archive) o
        WHERE key = $1 AND ($2::text IS NULL OR type = $2) ORDER BY seq`,
      [loanId, type ?? null],
    );
  }

  async loanRow(loanId: string): Promise<Record<string, unknown>> {
    const [row] = await this.sql(`SELECT status, days_past_due, bucket, aged_on::text, defaulted_on::text, next_due_date::text, schedule_version, principal_outstanding_fen, written_off_fen, guarantee_invoked_on::text FROM loans.loans WHERE id = $1`, [loanId]);
    return row;
  }

  /** The guarantee as guarantees shows it, once it reached the status. */
  guaranteeReaches(guaranteeId: string, expected: Record<string, unknown>): Promise<void> {
    return eventually(async () => expect((await this.guarantees.get(guaranteeId).expect(200)).body).toMatchObject(expected), { timeoutMs: 60_000 });
  }
}
