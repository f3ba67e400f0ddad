import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError } from '@xingfu/kernel';
import { EntityManager } from 'typeorm';
import { assertBalanced, EntryKind, LedgerAccount, LedgerLine } from '../domain/ledger';

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
  async post(manager: EntityManager, entry: LedgerEntryInput): Promise<string> {
    assertBalanced(entry.lines);
    const id = randomUUID();
    await manager.query(
      `INSERT INTO loans.ledger_entries (id, project_id, kind, entry_date, round, loan_id, source_id, corrects_entry_id, memo, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, entry.projectId, entry.kind, entry.entryDate, entry.round ?? null, entry.loanId ?? null, entry.sourceId ?? null, entry.correctsEntryId ?? null, entry.memo ?? null, entry.createdBy],
    );
    const values: unknown[] = [];
    const rows = entry.lines.map((line, i) => {
      values.push(id, i + 1, entry.projectId, line.account, line.amountFen, entry.round ?? null);
      const o = i * 6;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6})`;
    });
    await manager.query(`INSERT INTO loans.ledger_lines (entry_id, line_no, project_id, account, amount_fen, round) VALUES ${rows.join(', ')}`, values);
    return id;
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
