import { ChargeKind, DomainError } from '@xingfu/kernel';

/** Days past due at which a loan defaults (the programme's 90+, configurable per project). */
export const DEFAULT_THRESHOLD_DAYS = 90;
/** No interest subsidy (贴息) until the project office sets one. */
export const DEFAULT_INTEREST_SUBSIDY_BASIS_POINTS = 0;

/**
 * The most a project may subsidise: 贴息 is a subsidy of interest, so only an interest-charging
 * project has one, and never more than the rate it charges (the mother would be paid to borrow).
 */
export function maxSubsidyBasisPoints(chargeKind: ChargeKind, rateBasisPoints: number): number {
  return chargeKind === 'interest' ? rateBasisPoints : 0;
}

/** 400 naming the ceiling when a subsidy exceeds what the project's charge allows. */
export function assertSubsidyAllowed(subsidyBasisPoints: number, chargeKind: ChargeKind, rateBasisPoints: number): void {
  const max = maxSubsidyBasisPoints(chargeKind, rateBasisPoints);
  if (subsidyBasisPoints > max) {
    throw new DomainError(
      'invalid',
      'subsidy_above_rate',
      chargeKind === 'interest'
        ? `the interest subsidy (${subsidyBasisPoints} bp) may not exceed the project's interest rate (${rateBasisPoints} bp)`
        : `the project charges ${chargeKind === 'none' ? 'nothing' : 'a management fee'}, not interest: there is no interest to subsidise`,
      { interestSubsidyBasisPoints: subsidyBasisPoints, maxBasisPoints: max, chargeKind, rateBasisPoints },
    );
  }
}

/** When a policy change lowers the rate (or drops interest), a subsidy above the new ceiling is cut to it. */
export function clampedSubsidy(subsidyBasisPoints: number, chargeKind: ChargeKind, rateBasisPoints: number): number {
  return Math.min(subsidyBasisPoints, maxSubsidyBasisPoints(chargeKind, rateBasisPoints));
}
