/**
 * The interest subsidy (贴息) stops while an instalment is overdue. On an interest loan the
 * schedule charges the mother the rate less the subsidy; for each day an instalment is past
 * due (counted as arrears counts them: paused days are not, so a pause keeps the subsidy) she
 * owes the subsidised part too, on the principal of that instalment still unpaid:
 *
 *   lost = round half-up(unpaid principal × subsidy bp × overdue days / 365 / 10,000)
 *
 * It is owed with the instalment's fee (instalments.subsidy_lost_fen, paid as fee). It is
 * figured from the instalment as it stands on the date, so it follows the days past due;
 * it never drops below what the mother has already paid of it (a later principal payment or
 * a pause recorded afterwards cannot turn fee she paid into an overpayment).
 */
export interface SubsidyTerms {
  chargeKind: string;
  subsidyBasisPoints: number;
}

export interface OverdueInstalment {
  unpaidPrincipalFen: number;
  /** Days past due not counting paused days (domain/arrears daysPastDue). */
  overdueDays: number;
  /** Fee paid beyond the scheduled fee: what she already paid of the subsidy lost. */
  paidBeyondFeeFen?: number;
}

const DENOMINATOR = 365n * 10_000n;

export function subsidyApplies({ chargeKind, subsidyBasisPoints }: SubsidyTerms): boolean {
  return chargeKind === 'interest' && subsidyBasisPoints > 0;
}

/** The interest she owes because the subsidy stopped, in fen (0 when the loan has no subsidy or the instalment is not overdue). */
export function subsidyLostFen(terms: SubsidyTerms, instalment: OverdueInstalment): number {
  const floor = Math.max(0, instalment.paidBeyondFeeFen ?? 0);
  if (!subsidyApplies(terms) || instalment.overdueDays <= 0 || instalment.unpaidPrincipalFen <= 0) return floor;
  const numerator = BigInt(instalment.unpaidPrincipalFen) * BigInt(terms.subsidyBasisPoints) * BigInt(instalment.overdueDays);
  const lost = Number((numerator * 2n + DENOMINATOR) / (DENOMINATOR * 2n));
  return Math.max(lost, floor);
}
