import { Injectable } from '@nestjs/common';
import { assertInScope } from '@xingfu/auth';
import { Clock } from '@xingfu/common';
import { actorLabel, AuthUser, DomainError } from '@xingfu/kernel';
import { SqlStatement, updateColumns } from '@xingfu/database';
import { Work } from '@xingfu/kit';
import { EntityManager } from 'typeorm';
import { LoanStep, LoanStepError, nextStatus } from '../domain/loan-status';
import { LoanRow } from './loan.rows';

/**
 * The one way a loan changes: load it locked (and in the acting user's scope), ask the state
 * machine, write the change through the work's manager and record it in the loan's history.
 * The caller appends the events in the same transaction.
 */
@Injectable()
export class LoanLifecycle {
  constructor(private readonly clock: Clock) {}

  /** Row-locked for this transaction; 404 when missing or outside the acting user's scope (partners: always). */
  async loadForChange(work: Work, id: string): Promise<LoanRow> {
    const { sql, params } = this.lockForChange(id);
    return this.visibleForChange(work, (await work.manager.query(sql, params))[0], id);
  }

  /**
   * loadForChange in two halves, for a caller that sends the lock with its next reads in one
   * round trip (queryPipelined: each statement runs after the one before, with its own snapshot,
   * so reads after the lock see what its last holder committed): the statement, then the check
   * of the row it gave.
   */
  lockForChange(id: string): SqlStatement {
    return { sql: `SELECT * FROM loans.loans WHERE id = $1 FOR UPDATE`, params: [id] };
  }

  visibleForChange({ user }: Work, row: LoanRow | undefined, id: string): LoanRow {
    assertVisible(row, user, id);
    return row;
  }

  /** For consumers: the loan of an application, locked, or undefined. */
  async loadByApplicationForChange(manager: EntityManager, applicationId: string): Promise<LoanRow | undefined> {
    const [loan]: LoanRow[] = await manager.query(`SELECT * FROM loans.loans WHERE application_id = $1 FOR UPDATE`, [applicationId]);
    return loan;
  }

  /** The status after the step, or 409 illegal_step with the current status and the allowed next steps. */
  next(loan: LoanRow, step: LoanStep): LoanRow['status'] {
    try {
      return nextStatus(loan.status, step);
    } catch (error) {
      if (error instanceof LoanStepError) {
        throw new DomainError('conflict', 'illegal_step', error.message, { loanId: loan.id, currentState: error.current, step, allowedSteps: error.allowed });
      }
      throw error;
    }
  }

  /**
   * Takes the step: checks it, writes the new status with the other changes, and a line of
   * history (who, which business date, what). Returns the loan as it now is.
   */
  async move(work: Work, loan: LoanRow, step: LoanStep, changes: Partial<LoanRow> = {}, detail: Record<string, unknown> = {}): Promise<LoanRow> {
    const status = this.next(loan, step);
    const from = loan.status;
    await this.update(work.manager, loan, { ...changes, status });
    await work.manager.query(
      `INSERT INTO loans.loan_history (loan_id, step, from_status, to_status, business_date, actor, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [loan.id, step, from, status, this.clock.today(), actorLabel(work.context.actor), JSON.stringify(detail)],
    );
    return loan;
  }

  /** An UPDATE of the named columns (and updated_at) of one loan, no state check: balances, ageing. */
  async update(manager: EntityManager, loan: LoanRow, changes: Partial<LoanRow>): Promise<void> {
    await updateColumns(manager, 'loans.loans', loan.id, changes, { touch: true });
    Object.assign(loan, changes);
  }

}

/** The system and events act without a scope; a user only within hers. No loan has a partner scope: partners see none. */
function assertVisible(loan: LoanRow | undefined, user: AuthUser | null, id: string): asserts loan is LoanRow {
  if (!loan) throw new DomainError('not_found', 'not_found', `loan ${id} was not found`, { id });
  if (user) assertInScope(user, { townshipCode: loan.township_code, countyCode: loan.county_code }, 'loan', id);
}
