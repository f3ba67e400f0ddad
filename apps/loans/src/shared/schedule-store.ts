import { Injectable } from '@nestjs/common';
import { SqlStatement } from '@xingfu/database';
import { EntityManager } from 'typeorm';
import { InstalmentRow, LoanRow } from './loan.rows';
import { LoanLifecycle } from './loan-lifecycle';

/** One instalment as a schedule is written: its dates and amounts, nothing paid yet. */
export interface NewInstalment {
  seq: number;
  dueDate: string;
  principalFen: number;
  feeFen: number;
}

/** The loan's next_due_date given its current schedule's unpaid instalments (null when none): the earliest due date. */
export function earliestDueDate(unpaid: readonly Pick<InstalmentRow, 'due_date'>[]): string | null {
  return unpaid.reduce<string | null>((earliest, i) => (earliest === null || i.due_date < earliest ? i.due_date : earliest), null);
}

/**
 * The instalments of a loan's current schedule. One invariant lives here: a loan's
 * `next_due_date` is the earliest due date among its current unpaid instalments (null when
 * none), because the arrears sweep reads only loans whose next_due_date has come.
 */
@Injectable()
export class ScheduleStore {
  constructor(private readonly lifecycle: LoanLifecycle) {}

  /** Writes a new schedule version; the caller has locked the loan and supersedes the old one first. */
  async insert(manager: EntityManager, loanId: string, version: number, instalments: readonly NewInstalment[]): Promise<void> {
    const values: unknown[] = [];
    const rows = instalments.map((inst, i) => {
      values.push(loanId, version, inst.seq, inst.dueDate, inst.principalFen, inst.feeFen);
      const o = i * 6;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6})`;
    });
    await manager.query(`INSERT INTO loans.instalments (loan_id, schedule_version, seq, due_date, principal_fen, fee_fen) VALUES ${rows.join(', ')}`, values);
  }

  /** Marks the current schedule's unpaid instalments superseded (kept as history). */
  async supersedeUnpaid(manager: EntityManager, loanId: string): Promise<void> {
    await manager.query(`UPDATE loans.instalments SET superseded = true WHERE loan_id = $1 AND NOT superseded AND paid_on IS NULL`, [loanId]);
  }

  /** The current schedule, paid and unpaid, in due order. */
  current(manager: EntityManager, loanId: string): Promise<InstalmentRow[]> {
    return manager.query(`SELECT * FROM loans.instalments WHERE loan_id = $1 AND NOT superseded ORDER BY due_date, schedule_version, seq`, [loanId]);
  }

  /** The current schedule's unpaid instalments, oldest first. */
  unpaid(manager: EntityManager, loanId: string): Promise<InstalmentRow[]> {
    const { sql, params } = this.unpaidStatement(loanId);
    return manager.query(sql, params);
  }

  /** The same read as a statement, for a caller that sends it with others in one round trip. */
  unpaidStatement(loanId: string): SqlStatement {
    return { sql: `SELECT * FROM loans.instalments WHERE loan_id = $1 AND NOT superseded AND paid_on IS NULL ORDER BY due_date, schedule_version, seq`, params: [loanId] };
  }

  /** Sets the loan's next_due_date from its unpaid instalments (call after any change to them; a caller that holds them all uses earliestDueDate). */
  async refreshNextDueDate(manager: EntityManager, loan: LoanRow): Promise<void> {
    const [row]: { next: string | null }[] = await manager.query(
      `SELECT MIN(due_date) AS next FROM loans.instalments WHERE loan_id = $1 AND NOT superseded AND paid_on IS NULL`,
      [loan.id],
    );
    const next = row?.next ?? null;
    if (next !== loan.next_due_date) await this.lifecycle.update(manager, loan, { next_due_date: next });
  }
}
