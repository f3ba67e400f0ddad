import { ArrearsBucket, bucketEntered, bucketOf, daysPastDue, isInDefault, nextBucketDate, nextUnpausedDate, OverdueBucket, PausePeriod } from './arrears';
import { subsidyApplies, subsidyLostFen } from './subsidy';

/**
 * One loan aged on one business date: each of its unpaid instalments that has fallen due gets
 * its days past due, bucket and subsidy lost; the loan takes the days of its oldest; what
 * entered a bucket and whether the loan now defaults come out for the sweep to write and emit.
 * Idempotent: the same rows and date give the same answer, and nothing "entered" the second time.
 */
export interface AgeingLoan {
  status: string;
  graceDays: number;
  chargeKind: string;
  subsidyBasisPoints: number;
  /** The project's default threshold in days past due. */
  thresholdDays: number;
}

/** An unpaid instalment of the current schedule with its due date on or before the date aged. */
export interface AgeingInstalment {
  scheduleVersion: number;
  seq: number;
  dueDate: string;
  principalFen: number;
  feeFen: number;
  principalPaidFen: number;
  feePaidFen: number;
  subsidyLostFen: number;
  daysPastDue: number;
  bucket: string;
  /** When the sweep is to look at it again, as stored: null never (90+), undefined not looked at yet. */
  agesOn?: string | null;
}

export interface InstalmentAged {
  scheduleVersion: number;
  seq: number;
  dueDate: string;
  daysPastDue: number;
  bucket: ArrearsBucket;
  subsidyLostFen: number;
  /** Fee (with the subsidy lost) and principal still unpaid, in fen. */
  unpaidFen: number;
  /**
   * The next business date its state can change: the day it enters its next bucket, or, on a
   * subsidised loan while overdue, the next unpaused day (the subsidy lost grows by the day). Null: never
   * again (90+, no subsidy running); a payment, pause or reschedule makes the sweep look again.
   */
  agesOn: string | null;
  /** Whether the row needs writing. */
  changed: boolean;
  /** The bucket it entered on this date: one InstalmentOverdue. */
  entered?: OverdueBucket;
}

export interface LoanAged {
  daysPastDue: number;
  bucket: ArrearsBucket;
  instalments: InstalmentAged[];
  /** Everything fallen due and unpaid (fee, subsidy lost and principal), in fen. */
  overdueFen: number;
  /** It crosses the default threshold now (an active loan only: a defaulted one does not default twice). */
  defaults: boolean;
}

export function ageLoan(loan: AgeingLoan, instalments: readonly AgeingInstalment[], pauses: readonly PausePeriod[], asOf: string): LoanAged {
  const aged = instalments
    .filter((i) => i.dueDate <= asOf)
    .map((i): InstalmentAged => {
      const days = daysPastDue(i.dueDate, asOf, loan.graceDays, pauses);
      const bucket = bucketOf(days);
      const unpaidPrincipalFen = i.principalFen - i.principalPaidFen;
      const lost = subsidyLostFen(loan, { unpaidPrincipalFen, overdueDays: days, paidBeyondFeeFen: i.feePaidFen - i.feeFen });
      const agesOn = subsidyApplies(loan) && days > 0 && unpaidPrincipalFen > 0 ? nextUnpausedDate(asOf, pauses) : nextBucketDate(i.dueDate, asOf, loan.graceDays, pauses);
      return {
        scheduleVersion: i.scheduleVersion,
        seq: i.seq,
        dueDate: i.dueDate,
        daysPastDue: days,
        bucket,
        subsidyLostFen: lost,
        unpaidFen: unpaidPrincipalFen + Math.max(0, i.feeFen + lost - i.feePaidFen),
        agesOn,
        changed: days !== i.daysPastDue || bucket !== i.bucket || lost !== i.subsidyLostFen || agesOn !== i.agesOn,
        entered: bucketEntered(i.bucket, bucket),
      };
    });
  const loanDays = aged.reduce((max, i) => Math.max(max, i.daysPastDue), 0);
  return {
    daysPastDue: loanDays,
    bucket: bucketOf(loanDays),
    instalments: aged,
    overdueFen: aged.reduce((sum, i) => sum + i.unpaidFen, 0),
    defaults: loan.status === 'active' && isInDefault(loanDays, loan.thresholdDays),
  };
}
