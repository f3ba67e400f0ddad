import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProjectTotals } from '../domain/drift';

/**
 * The loans ledger, read-only, for the reconciliation — the one place reporting reads another
 * service's schema. Why: the point of the reconciliation is to check reporting's event-built
 * totals against the book of record itself, not against more events (which would share any
 * loss or double count). It reads only the append-only ledger, never writes, and needs the
 * loans schema in the same database (standalone or one database per deployment); elsewhere it
 * says so and the check is skipped.
 */
@Injectable()
export class LoansLedgerPort {
  constructor(private readonly dataSource: DataSource) {}

  async available(): Promise<boolean> {
    const [{ ledger }]: { ledger: string | null }[] = await this.dataSource.query(`SELECT to_regclass('loans.ledger_lines')::text AS ledger`);
    return ledger !== null;
  }

  /**
   * Per project, what the ledger booked on business dates before `before`: disbursed = debits
   * of loans_receivable by disbursements, repaid principal = its credits by repayments, written
   * off = written_off_loss. A correction counts as the kind of the entry it corrects (its lines
   * are the reverse of that entry's).
   */
  async totalsBefore(before: string): Promise<Map<string, ProjectTotals>> {
    const rows: { project_id: string; disbursed: string; repaid_principal: string; written_off: string }[] = await this.dataSource.query(
      `SELECT l.project_id,
              COALESCE(sum(l.amount_fen) FILTER (WHERE k.kind = 'disbursement' AND l.account = 'loans_receivable'), 0) AS disbursed,
              COALESCE(-sum(l.amount_fen) FILTER (WHERE k.kind = 'repayment' AND l.account = 'loans_receivable'), 0) AS repaid_principal,
              COALESCE(sum(l.amount_fen) FILTER (WHERE l.account = 'written_off_loss'), 0) AS written_off
         FROM loans.ledger_lines l
         JOIN loans.ledger_entries e ON e.id = l.entry_id
         LEFT JOIN loans.ledger_entries corrected ON corrected.id = e.corrects_entry_id
         CROSS JOIN LATERAL (SELECT COALESCE(corrected.kind, e.kind) AS kind) k
        WHERE e.entry_date < $1
        GROUP BY l.project_id`,
      [before],
    );
    return new Map(rows.map((r) => [r.project_id, { disbursed: Number(r.disbursed), repaidPrincipal: Number(r.repaid_principal), writtenOff: Number(r.written_off) }]));
  }
}
