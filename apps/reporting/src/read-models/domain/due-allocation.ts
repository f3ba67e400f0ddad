import { CellDims, CellShare } from './cell-dims';
import { InstalmentFacts } from './loan-figures';

export interface DueKey extends CellDims {
  due_date: string;
}

/** An instalment counted in the due cells: what fell (or falls) due on its date and what of it is repaid. */
export interface CountedInstalment {
  schedule_version: number;
  seq: number;
  share: CellShare<DueKey>;
}

/**
 * The instalments whose due counts: the current schedule's, and those of earlier versions that
 * were paid in full (InstalmentPaid) — a reschedule replaced only what was unpaid, so the paid
 * past stays due-and-paid and what it rolled into the new schedule is not due twice.
 */
export function countedInstalments(currentVersion: number, instalments: readonly InstalmentFacts[]): InstalmentFacts[] {
  return instalments
    .filter((i) => i.due_date !== null && i.principal_fen !== null && i.fee_fen !== null)
    .filter((i) => i.schedule_version === currentVersion || (i.schedule_version < currentVersion && i.paid_on !== null))
    .sort((a, b) => (a.due_date! < b.due_date! ? -1 : a.due_date! > b.due_date! ? 1 : a.schedule_version - b.schedule_version || a.seq - b.seq));
}

/**
 * Allocates what the loan has repaid (principal + fee) to its instalments oldest first, each at
 * most its due, as loans posts a repayment; a prepayment counts only on the instalment it covers.
 * `dims` null (not yet disbursed): nothing is counted.
 */
export function dueShares(dims: CellDims | null, currentVersion: number, instalments: readonly InstalmentFacts[], repaidFen: number): CountedInstalment[] {
  if (!dims) return [];
  let left = repaidFen;
  return countedInstalments(currentVersion, instalments).map((i) => {
    const due = i.principal_fen! + i.fee_fen!;
    const paid = Math.min(due, Math.max(0, left));
    left -= paid;
    return {
      schedule_version: i.schedule_version,
      seq: i.seq,
      share: { key: { ...dims, due_date: i.due_date! }, values: { due_fen: due, due_principal_fen: i.principal_fen!, paid_fen: paid } },
    };
  });
}
