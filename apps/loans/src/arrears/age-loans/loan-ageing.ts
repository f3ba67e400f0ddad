import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InstalmentOverdue, LoanDefaulted } from '@xingfu/contracts';
import { systemContext } from '@xingfu/kernel';
import { UnitOfWork, Work } from '@xingfu/kit';
import { DataSource } from 'typeorm';
import { PausePeriod } from '../../domain/arrears';
import { AgeingInstalment, ageLoan, LoanAged } from '../../domain/arrears-ageing';
import { InstalmentRow, LoanRow } from '../../shared/loan.rows';
import { LoanLifecycle } from '../../shared/loan-lifecycle';

export interface AgeingCounts {
  asOf: string;
  /** Loans with an instalment due or overdue that were aged for the date (those aged already are not counted). */
  loansAged: number;
  /** InstalmentOverdue events: an instalment entered a bucket. */
  bucketsEntered: number;
  loansDefaulted: number;
  /** Loans set back to current: in arrears last time, their overdue instalments paid since. */
  loansCleared: number;
  batches: number;
}

type AgedLoanRow = LoanRow & { default_threshold_days: number | null };

/** Loans per transaction: large enough that the per-statement cost vanishes, small enough that a repayment waits on a batch's locks for milliseconds. */
export const AGEING_BATCH_SIZE = 500;

/**
 * The arrears sweep for one business date. It pages the loans due for ageing in keyset order
 * over loans_due_for_ageing (next_due_date <= date; only loans with an instalment due or
 * overdue, never all of them in memory) and ages each page in one transaction: loans locked in
 * id order, their unpaid instalments fallen due and their pauses read in three statements, the
 * rows that changed written back in two, the events appended. A loan aged for the date already
 * (aged_on >= date) is skipped, so a second run emits nothing; a written-off or repaid loan is
 * outside the index. Days past due are computed from the due dates, not added up day by day,
 * so a date run late or out of order gives the same answer.
 */
@Injectable()
export class LoanAgeing {
  private readonly logger = new Logger('LoanAgeing');

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly lifecycle: LoanLifecycle,
  ) {}

  async run(asOf: string, batchSize = AGEING_BATCH_SIZE): Promise<AgeingCounts> {
    const counts: AgeingCounts = { asOf, loansAged: 0, bucketsEntered: 0, loansDefaulted: 0, loansCleared: 0, batches: 0 };
    const context = systemContext('loan-arrears-sweep', randomUUID());
    let after: { next_due_date: string; id: string } | undefined;
    for (;;) {
      const page = await this.page(asOf, after, batchSize);
      if (!page.length) break;
      after = page[page.length - 1];
      counts.batches++;
      await this.dataSource.transaction(async (manager) => {
        const aged = await this.ageBatch(this.uow.join(manager, context), page.map((p) => p.id), asOf);
        counts.loansAged += aged.loansAged;
        counts.bucketsEntered += aged.bucketsEntered;
        counts.loansDefaulted += aged.loansDefaulted;
      });
      if (page.length < batchSize) break;
    }
    counts.loansCleared = await this.clearPaidUp(asOf);
    if (counts.loansAged || counts.loansCleared) this.logger.log(`arrears ${asOf}: ${JSON.stringify(counts)}`);
    return counts;
  }

  /** The next page of loan ids due for ageing; the filter on aged_on does not break the keyset (the cursor is the last row read). */
  private page(asOf: string, after: { next_due_date: string; id: string } | undefined, limit: number): Promise<{ id: string; next_due_date: string }[]> {
    // Loans aged for the date already are left out here too, so a second run opens no empty transactions.
    const base = `SELECT id, next_due_date FROM loans.loans WHERE status IN ('active', 'defaulted') AND next_due_date <= $1 AND (aged_on IS NULL OR aged_on < $1)`;
    const order = `ORDER BY next_due_date, id LIMIT ${Number(limit)}`;
    return after
      ? this.dataSource.query(`${base} AND (next_due_date, id) > ($2::date, $3::uuid) ${order}`, [asOf, after.next_due_date, after.id])
      : this.dataSource.query(`${base} ${order}`, [asOf]);
  }

  private async ageBatch(work: Work, ids: string[], asOf: string): Promise<Pick<AgeingCounts, 'loansAged' | 'bucketsEntered' | 'loansDefaulted'>> {
    const { manager } = work;
    const loans: AgedLoanRow[] = await manager.query(
      `SELECT l.*, p.default_threshold_days FROM loans.loans l LEFT JOIN loans.projects p ON p.project_id = l.project_id
        WHERE l.id = ANY($1::uuid[]) AND l.status IN ('active', 'defaulted') AND l.next_due_date <= $2 AND (l.aged_on IS NULL OR l.aged_on < $2)
        ORDER BY l.id FOR UPDATE OF l`,
      [ids, asOf],
    );
    const result = { loansAged: loans.length, bucketsEntered: 0, loansDefaulted: 0 };
    if (!loans.length) return result;
    const lockedIds = loans.map((l) => l.id);
    const instalments = groupBy<InstalmentRow>(
      await manager.query(`SELECT * FROM loans.instalments WHERE loan_id = ANY($1::uuid[]) AND NOT superseded AND paid_on IS NULL AND due_date <= $2 ORDER BY loan_id, due_date, seq`, [lockedIds, asOf]),
    );
    const pauses = groupBy<{ loan_id: string; from: string; to: string }>(
      await manager.query(`SELECT loan_id, from_date AS "from", to_date AS "to" FROM loans.arrears_pauses WHERE loan_id = ANY($1::uuid[]) AND from_date <= $2`, [lockedIds, asOf]),
    );

    const instalmentUpdates: InstalmentUpdate[] = [];
    const loanUpdates: { id: string; days: number; bucket: string }[] = [];
    const defaulted: { loan: AgedLoanRow; aged: LoanAged }[] = [];
    for (const loan of loans) {
      const rows = instalments.get(loan.id) ?? [];
      const aged = ageLoan(
        { status: loan.status, graceDays: loan.grace_days, chargeKind: loan.charge_kind, subsidyBasisPoints: loan.subsidy_basis_points, thresholdDays: loan.default_threshold_days ?? 90 },
        rows.map(toAgeing),
        (pauses.get(loan.id) ?? []) as PausePeriod[],
        asOf,
      );
      loanUpdates.push({ id: loan.id, days: aged.daysPastDue, bucket: aged.bucket });
      for (const i of aged.instalments) {
        if (i.changed) instalmentUpdates.push({ loanId: loan.id, version: i.scheduleVersion, seq: i.seq, days: i.daysPastDue, bucket: i.bucket, lost: i.subsidyLostFen });
        if (!i.entered || i.unpaidFen < 1) continue;
        await work.outbox.append(InstalmentOverdue, loan.id, {
          loanId: loan.id,
          applicationId: loan.application_id,
          projectId: loan.project_id,
          townshipCode: loan.township_code,
          scheduleVersion: i.scheduleVersion,
          seq: i.seq,
          dueDate: i.dueDate,
          asOf,
          daysPastDue: i.daysPastDue,
          bucket: i.entered,
          unpaidFen: i.unpaidFen,
        });
        result.bucketsEntered++;
      }
      if (aged.defaults && aged.overdueFen > 0) defaulted.push({ loan, aged });
    }
    await this.writeInstalments(work, instalmentUpdates);
    await manager.query(
      `UPDATE loans.loans l SET days_past_due = v.days, bucket = v.bucket, aged_on = $4, updated_at = now()
         FROM unnest($1::uuid[], $2::int[], $3::text[]) AS v(id, days, bucket) WHERE l.id = v.id`,
      [loanUpdates.map((u) => u.id), loanUpdates.map((u) => u.days), loanUpdates.map((u) => u.bucket), asOf],
    );
    for (const { loan, aged } of defaulted) {
      await this.lifecycle.move(work, loan, 'default', { defaulted_on: asOf }, { asOf, daysPastDue: aged.daysPastDue, thresholdDays: loan.default_threshold_days ?? 90, overdueFen: aged.overdueFen });
      await work.outbox.append(LoanDefaulted, loan.id, {
        loanId: loan.id,
        applicationId: loan.application_id,
        projectId: loan.project_id,
        defaultedOn: asOf,
        daysPastDue: aged.daysPastDue,
        overdueFen: aged.overdueFen,
        outstandingPrincipalFen: loan.principal_outstanding_fen,
      });
      result.loansDefaulted++;
    }
    return result;
  }

  private async writeInstalments({ manager }: Work, updates: InstalmentUpdate[]): Promise<void> {
    if (!updates.length) return;
    await manager.query(
      `UPDATE loans.instalments i SET days_past_due = v.days, bucket = v.bucket, subsidy_lost_fen = v.lost
         FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::text[], $6::int[]) AS v(loan_id, version, seq, days, bucket, lost)
        WHERE i.loan_id = v.loan_id AND i.schedule_version = v.version AND i.seq = v.seq`,
      [updates.map((u) => u.loanId), updates.map((u) => u.version), updates.map((u) => u.seq), updates.map((u) => u.days), updates.map((u) => u.bucket), updates.map((u) => u.lost)],
    );
  }

  /** Loans in arrears last time whose overdue instalments have all been paid since: current again (over loans_in_arrears). */
  private async clearPaidUp(asOf: string): Promise<number> {
    // An UPDATE through TypeORM answers [rows, affected].
    const [, affected]: [unknown[], number] = await this.dataSource.query(
      `UPDATE loans.loans SET days_past_due = 0, bucket = 'current', aged_on = $1, updated_at = now()
        WHERE days_past_due > 0 AND status IN ('active', 'defaulted') AND (next_due_date IS NULL OR next_due_date > $1) AND (aged_on IS NULL OR aged_on < $1)
        RETURNING id`,
      [asOf],
    );
    return affected;
  }
}

interface InstalmentUpdate {
  loanId: string;
  version: number;
  seq: number;
  days: number;
  bucket: string;
  lost: number;
}

function toAgeing(row: InstalmentRow): AgeingInstalment {
  return {
    scheduleVersion: row.schedule_version,
    seq: row.seq,
    dueDate: row.due_date,
    principalFen: row.principal_fen,
    feeFen: row.fee_fen,
    principalPaidFen: row.principal_paid_fen,
    feePaidFen: row.fee_paid_fen,
    subsidyLostFen: row.subsidy_lost_fen,
    daysPastDue: row.days_past_due,
    bucket: row.bucket,
  };
}

function groupBy<T extends { loan_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.loan_id);
    if (list) list.push(row);
    else map.set(row.loan_id, [row]);
  }
  return map;
}
