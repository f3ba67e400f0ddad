import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError } from '@xingfu/kernel';
import { EntityManager } from 'typeorm';
import { assertBalanced, EntryKind, LedgerAccount, LedgerLine } from '../domain/ledger';
import { StatementParams, writesStatement } from './statement-parts';

export interface LedgerEntryInput {
  projectId: string;
  kind: EntryKind;
  entryDate: string;
  lines: readonly LedgerLine[];
  /** Who booked it (an actor label). */
  createdBy: string;
  round?: number | null;
  loanId?: string | null;
  /** The contribution, disbursement, repayment or write-off it books: one entry per (kind, source). */
  sourceId?: string | null;
  correctsEntryId?: string | null;
  memo?: string | null;
}

/**
 * The revolving fund's ledger: appends balanced entries (the database checks the balance
 * again at commit and refuses any edit) and reads balances as sums of lines. No shared
 * balance row: repayments on different loans never queue behind one another. Only a
 * disbursement, which must see the available balance, takes the fund's lock (`lockFund`),
 * and takes it last in its transaction.
 */
@Injectable()
export class FundLedger {
  /** Appends one balanced entry with its lines, in one statement. */
  async post(manager: EntityManager, entry: LedgerEntryInput): Promise<string> {
    const params = new StatementParams();
    const { id, parts } = this.entryWrites(entry, params);
    await manager.query(writesStatement(parts), params.values);
    return id;
  }

  /**
   * The entry and its lines as two CTE parts of a caller's statement (a posting writes its own
   * rows in the same round trip). The lines' foreign key to the entry is checked at the end of
   * that statement, the balance at commit, as for `post`.
   */
  entryWrites(entry: LedgerEntryInput, params: StatementParams): { id: string; parts: string[] } {
    assertBalanced(entry.lines);
    const id = randomUUID();
    const [entryId, projectId, round] = [params.add(id), params.add(entry.projectId), params.add(entry.round ?? null, '::int')];
    const header = [entryId, projectId, params.add(entry.kind), params.add(entry.entryDate, '::date'), round, params.add(entry.loanId ?? null, '::uuid'), params.add(entry.sourceId ?? null, '::uuid'), params.add(entry.correctsEntryId ?? null, '::uuid'), params.add(entry.memo ?? null), params.add(entry.createdBy)];
    const lines = entry.lines.map((line, i) => `(${entryId}, ${i + 1}, ${projectId}, ${params.add(line.account)}, ${params.add(line.amountFen)}, ${round})`);
    return {
      id,
      parts: [
        `ledger_entry AS (INSERT INTO loans.ledger_entries (id, project_id, kind, entry_date, round, loan_id, source_id, corrects_entry_id, memo, created_by) VALUES (${header.join(', ')}))`,
        `ledger_lines AS (INSERT INTO loans.ledger_lines (entry_id, line_no, project_id, account, amount_fen, round) VALUES ${lines.join(', ')})`,
      ],
    };
  }

  /**
   * Locks the project's fund row for the rest of the transaction: concurrent disbursements
   * of one fund take turns, so none sees a balance another is about to spend. 409 when the
   * project has no fund (its ProjectRegistered not yet handled).
   */
  async lockFund(manager: EntityManager, projectId: string): Promise<void> {
    // NO KEY UPDATE: disbursements still take turns, but the key-share lock every ledger insert
    // takes on the fund row (its foreign key) does not wait: repayments never queue behind a disbursement.
    const [fund]: { project_id: string }[] = await manager.query(`SELECT project_id FROM loans.funds WHERE project_id = $1 FOR NO KEY UPDATE`, [projectId]);
    if (!fund) throw new DomainError('conflict', 'fund_not_open', `project ${projectId} has no revolving fund yet`, { projectId });
  }

  /** The balance of one account of a project's fund, in fen, debit-positive. */
  async balanceFen(manager: EntityManager, projectId: string, account: LedgerAccount): Promise<number> {
    const [row]: { sum: string | null }[] = await manager.query(`SELECT SUM(amount_fen) AS sum FROM loans.ledger_lines WHERE project_id = $1 AND account = $2`, [projectId, account]);
    return Number(row?.sum ?? 0);
  }

  /** What the fund can lend now: its cash. Read it after lockFund when about to spend it. */
  availableFen(manager: EntityManager, projectId: string): Promise<number> {
    return this.balanceFen(manager, projectId, 'fund_cash');
  }
}
