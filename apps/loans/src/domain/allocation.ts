/**
 * How a repayment is split over a loan's schedule (DOMAIN.md: interest, if any, then
 * principal, oldest instalment first). Each instalment takes its fee or interest first, then
 * its principal; what is left over prepays the next instalments the same way. A payment above
 * everything still owed is refused: the money has nowhere to go. Integer fen throughout, so
 * nothing is rounded and the parts always add up to the amount.
 */

/** An unpaid instalment of the current schedule, as stored: what it charges and what is paid of it. */
export interface OwedInstalment {
  scheduleVersion: number;
  seq: number;
  principalFen: number;
  feeFen: number;
  /** Interest she owes because the subsidy (贴息) stopped while the instalment was overdue. */
  subsidyLostFen: number;
  principalPaidFen: number;
  feePaidFen: number;
}

/** What one posting pays of one instalment. */
export interface InstalmentAllocation {
  scheduleVersion: number;
  seq: number;
  feeFen: number;
  principalFen: number;
  /** Nothing is owed on it any more after this posting. */
  paidInFull: boolean;
}

export interface Allocation {
  instalments: InstalmentAllocation[];
  totals: { feeFen: number; principalFen: number };
  /** Fee and principal still owed on the schedule after this posting: 0 means the loan is repaid. */
  outstandingAfterFen: number;
}

/** Refused: the payment is more than the loan's whole outstanding balance (fee and principal). */
export class OverpaymentError extends Error {
  constructor(
    readonly amountFen: number,
    readonly outstandingFen: number,
  ) {
    super(`A payment of ${amountFen} fen is more than the loan's whole outstanding balance of ${outstandingFen} fen (fee and principal).`);
    this.name = 'OverpaymentError';
  }
}

export const feeDueFen = (i: OwedInstalment): number => i.feeFen + i.subsidyLostFen - i.feePaidFen;
export const principalDueFen = (i: OwedInstalment): number => i.principalFen - i.principalPaidFen;

/** Everything still owed on these instalments: unpaid fee and interest plus unpaid principal. */
export function outstandingFen(instalments: readonly OwedInstalment[]): number {
  return instalments.reduce((sum, i) => sum + feeDueFen(i) + principalDueFen(i), 0);
}

/**
 * Splits `amountFen` over the unpaid instalments, given oldest first. Instalments the money does
 * not reach are left out; one that owes nothing (a zero row) is closed on the way past it.
 */
export function allocate(amountFen: number, unpaidOldestFirst: readonly OwedInstalment[]): Allocation {
  if (!Number.isSafeInteger(amountFen) || amountFen < 1) throw new RangeError(`a repayment is a whole, positive number of fen, not ${amountFen}`);
  const balance = outstandingFen(unpaidOldestFirst);
  if (amountFen > balance) throw new OverpaymentError(amountFen, balance);

  let left = amountFen;
  const instalments: InstalmentAllocation[] = [];
  for (const instalment of unpaidOldestFirst) {
    const feeOwed = feeDueFen(instalment);
    const principalOwed = principalDueFen(instalment);
    if (left === 0 && feeOwed + principalOwed > 0) break;
    const feeFen = Math.min(left, feeOwed);
    left -= feeFen;
    const principalFen = Math.min(left, principalOwed);
    left -= principalFen;
    instalments.push({
      scheduleVersion: instalment.scheduleVersion,
      seq: instalment.seq,
      feeFen,
      principalFen,
      paidInFull: feeFen === feeOwed && principalFen === principalOwed,
    });
  }
  const totals = instalments.reduce((t, a) => ({ feeFen: t.feeFen + a.feeFen, principalFen: t.principalFen + a.principalFen }), { feeFen: 0, principalFen: 0 });
  return { instalments, totals, outstandingAfterFen: balance - amountFen };
}
