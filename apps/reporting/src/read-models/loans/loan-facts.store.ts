import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CellChangeSet, countedShares } from '../cells/cell-change-set';
import { dueShares } from '../domain/due-allocation';
import { BuybackTotals, InstalmentFacts, LoanFacts, loanDims, loanShares, loanState, NO_BUYBACKS } from '../domain/loan-figures';

interface LoanRow extends LoanFacts {
  application_id: string | null;
  counted: unknown;
}

interface InstalmentRow extends InstalmentFacts {
  counted: unknown;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * reporting.loans and its instalments: one row per loan, created by whichever of its events
 * comes first, locked while an event changes it. `refresh` sums its repayments, derives status,
 * outstanding and arrears bucket, and records the change of its shares in the portfolio and due
 * cells in the transaction's change set.
 */
@Injectable()
export class LoanFactsStore {
  async lock(manager: EntityManager, loanId: string): Promise<void> {
    await manager.query(`INSERT INTO reporting.loans (loan_id) VALUES ($1) ON CONFLICT DO NOTHING`, [loanId]);
    await manager.query(`SELECT 1 FROM reporting.loans WHERE loan_id = $1 FOR UPDATE`, [loanId]);
  }

  /** The schedule version in force: the highest any event of the loan has named. */
  async seeVersion(manager: EntityManager, loanId: string, scheduleVersion: number): Promise<void> {
    await manager.query(`UPDATE reporting.loans SET schedule_version = GREATEST(schedule_version, $2) WHERE loan_id = $1`, [loanId, scheduleVersion]);
  }

  /** The loans of an application (one, once disbursed), locked, in id order. */
  async lockOfApplication(manager: EntityManager, applicationId: string): Promise<string[]> {
    const rows: { loan_id: string }[] = await manager.query(`SELECT loan_id FROM reporting.loans WHERE application_id = $1 ORDER BY loan_id FOR UPDATE`, [applicationId]);
    return rows.map((r) => r.loan_id);
  }

  private async buybacksOf(manager: EntityManager, applicationId: string): Promise<BuybackTotals> {
    const [row]: { count: string; gross: string; net: string }[] = await manager.query(
      `SELECT count(*) AS count, COALESCE(sum(gross_fen), 0) AS gross, COALESCE(sum(net_paid_fen + returned_fen), 0) AS net
         FROM reporting.buybacks WHERE application_id = $1 AND confirmed_on IS NOT NULL`,
      [applicationId],
    );
    return { count: Number(row.count), grossFen: Number(row.gross), netToMotherFen: Number(row.net) };
  }

  async refresh(manager: EntityManager, loanId: string, changes: CellChangeSet): Promise<void> {
    await manager.query(
      `UPDATE reporting.loans l SET repaid_principal_fen = s.principal, repaid_fee_fen = s.fee
         FROM (SELECT COALESCE(sum(principal_fen), 0) AS principal, COALESCE(sum(fee_fen), 0) AS fee FROM reporting.repayments WHERE loan_id = $1) s
        WHERE l.loan_id = $1`,
      [loanId],
    );
    const [raw]: LoanRow[] = await manager.query(`SELECT * FROM reporting.loans WHERE loan_id = $1`, [loanId]);
    if (!raw) return;
    const loan: LoanRow = {
      ...raw,
      round: num(raw.round),
      principal_fen: num(raw.principal_fen),
      repaid_principal_fen: Number(raw.repaid_principal_fen),
      repaid_fee_fen: Number(raw.repaid_fee_fen),
      written_off_fen: Number(raw.written_off_fen),
    };
    const instalments: InstalmentRow[] = (
      await manager.query(
        `SELECT schedule_version, seq, due_date, principal_fen, fee_fen, paid_on, overdue_bucket, overdue_as_of, counted
           FROM reporting.instalments WHERE loan_id = $1 ORDER BY schedule_version, seq`,
        [loanId],
      )
    ).map((i: InstalmentRow) => ({ ...i, principal_fen: num(i.principal_fen), fee_fen: num(i.fee_fen) }));

    const state = loanState(loan, instalments);
    const shares = loanShares(loan, state, loan.application_id ? await this.buybacksOf(manager, loan.application_id) : NO_BUYBACKS);
    changes.portfolioShares(countedShares(loan.counted), shares);
    await manager.query(`UPDATE reporting.loans SET status = $2, bucket = $3, bucket_as_of = $4, counted = $5 WHERE loan_id = $1`, [
      loanId,
      state.status,
      state.bucket,
      state.bucketAsOf,
      shares.length ? JSON.stringify(shares) : null,
    ]);

    const counted = dueShares(loanDims(loan), loan.schedule_version, instalments, loan.repaid_principal_fen + loan.repaid_fee_fen);
    const now = new Map(counted.map((c) => [`${c.schedule_version}/${c.seq}`, c.share]));
    for (const i of instalments) {
      const before = countedShares(i.counted);
      const after = now.get(`${i.schedule_version}/${i.seq}`);
      changes.dueShares(before, after ? [after] : []);
      if (JSON.stringify(before) === JSON.stringify(after ? [after] : [])) continue;
      await manager.query(`UPDATE reporting.instalments SET counted = $4 WHERE loan_id = $1 AND schedule_version = $2 AND seq = $3`, [
        loanId,
        i.schedule_version,
        i.seq,
        after ? JSON.stringify([after]) : null,
      ]);
    }
  }
}
