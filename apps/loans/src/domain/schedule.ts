import {
  addMonths,
  ChargeKind,
  collectProblems,
  daysBetween,
  DomainError,
  FieldProblems,
  isBusinessDateString,
  RepaymentPlanKind,
} from '@xingfu/kernel';

/**
 * A loan's repayment schedule, from its terms: when each instalment falls due, how much
 * principal it repays and the fee (管理费) or interest charged with it. Plain data in, plain
 * data out; the reschedule builds its new schedule here too (a custom plan for what is left).
 */
export interface DatedAmount {
  dueDate: string;
  amountFen: number;
}

export interface SchedulePlan {
  kind: RepaymentPlanKind;
  /** Only for custom plans: the dated principal amounts, adding up to the principal. */
  instalments?: readonly DatedAmount[];
}

export interface ScheduleTerms {
  principalFen: number;
  /** Where interest starts to run: the disbursement date (or, for a reschedule, the date it takes effect). */
  startDate: string;
  termMonths: number;
  plan: SchedulePlan;
  chargeKind: ChargeKind;
  /** A year, in basis points, what the mother pays: for interest, the rate less the subsidy (贴息). */
  rateBasisPoints: number;
}

/** The shape ScheduleStore.insert takes (NewInstalment). */
export interface ScheduledInstalment {
  seq: number;
  dueDate: string;
  principalFen: number;
  feeFen: number;
}

/** How far ahead a custom date may lie: the programme's terms are 4–36 months; a reschedule may stretch one, not by decades. */
export const CUSTOM_PLAN_HORIZON_MONTHS = 60;
const DAYS_PER_YEAR = 365n;
const BASIS_POINTS_PER_WHOLE = 10_000n;

/** A schedule that cannot be built from these terms: 400 validation_failed, the problems by field path. */
export class ScheduleError extends DomainError {
  constructor(readonly problems: FieldProblems) {
    const summary = Object.entries(problems)
      .map(([field, messages]) => `${field}: ${messages.join('; ')}`)
      .join(' ');
    super('invalid', 'validation_failed', summary, problems);
    this.name = 'ScheduleError';
  }

  /** The same problems under another path, e.g. "schedule" for a reschedule's body. */
  under(prefix: string): ScheduleError {
    return new ScheduleError(Object.fromEntries(Object.entries(this.problems).map(([field, messages]) => [`${prefix}.${field}`, messages])));
  }
}

/**
 * The fee or interest on `principalFen` outstanding from `fromDate` to `toDate`: actual days
 * over a 365-day year (a leap year's extra day is charged), rounded half-up to the fen.
 * Integer arithmetic only.
 */
export function feeForPeriod(principalFen: number, rateBasisPoints: number, fromDate: string, toDate: string): number {
  const days = daysBetween(fromDate, toDate);
  if (days <= 0 || principalFen <= 0 || rateBasisPoints <= 0) return 0;
  const numerator = BigInt(principalFen) * BigInt(rateBasisPoints) * BigInt(days);
  const denominator = DAYS_PER_YEAR * BASIS_POINTS_PER_WHOLE;
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

/**
 * The rate a schedule charges the mother, a year in basis points: a management fee as set; for
 * interest the lead's rule, the project's rate less its subsidy (贴息), never below nothing.
 */
export function payableRateBasisPoints(chargeKind: ChargeKind, rateBasisPoints: number, subsidyBasisPoints: number): number {
  if (chargeKind === 'none') return 0;
  if (chargeKind === 'interest') return Math.max(0, rateBasisPoints - subsidyBasisPoints);
  return rateBasisPoints;
}

/** The date the loan falls due when it is paid at once (bullet): the start plus the term, clamped to the month's end. */
export function maturityOf(startDate: string, termMonths: number): string {
  return addMonths(startDate, termMonths);
}

/** Every instalment of the schedule, in due order, or a ScheduleError naming each problem. */
export function buildSchedule(terms: ScheduleTerms): ScheduledInstalment[] {
  assertTerms(terms);
  const principal = principalByDate(terms);
  const rate = terms.chargeKind === 'none' ? 0 : terms.rateBasisPoints;
  let outstanding = terms.principalFen;
  let periodStart = terms.startDate;
  return principal.map(({ dueDate, amountFen }, i) => {
    const feeFen = feeForPeriod(outstanding, rate, periodStart, dueDate);
    outstanding -= amountFen;
    periodStart = dueDate;
    return { seq: i + 1, dueDate, principalFen: amountFen, feeFen };
  });
}

/** The last due date: the loan's maturity. */
export function maturityDate(schedule: readonly ScheduledInstalment[]): string {
  return schedule[schedule.length - 1].dueDate;
}

function principalByDate(terms: ScheduleTerms): DatedAmount[] {
  const { principalFen, startDate, termMonths, plan } = terms;
  switch (plan.kind) {
    case 'bullet':
      return [{ dueDate: maturityOf(startDate, termMonths), amountFen: principalFen }];
    case 'equal_monthly': {
      // Each month from the start (not chained, so a 31st stays the 31st where the month has one).
      const base = Math.floor(principalFen / termMonths);
      const remainder = principalFen - base * termMonths;
      return Array.from({ length: termMonths }, (_, i) => ({
        dueDate: addMonths(startDate, i + 1),
        amountFen: i === termMonths - 1 ? base + remainder : base,
      }));
    }
    case 'custom':
      return (plan.instalments ?? []).map((i) => ({ dueDate: i.dueDate, amountFen: i.amountFen }));
  }
}

function assertTerms(terms: ScheduleTerms): void {
  const { problems, add } = collectProblems();
  if (!Number.isSafeInteger(terms.principalFen) || terms.principalFen < 1) add('principalFen', 'the principal must be a whole number of fen, at least 1');
  if (!isBusinessDateString(terms.startDate)) add('startDate', 'the start date must be a date YYYY-MM-DD');
  if (!Number.isSafeInteger(terms.termMonths) || terms.termMonths < 1) add('termMonths', 'the term must be a whole number of months, at least 1');
  if (!Number.isSafeInteger(terms.rateBasisPoints) || terms.rateBasisPoints < 0) add('rateBasisPoints', 'the rate must be a whole number of basis points, 0 or more');
  if (terms.plan.kind === 'custom' && !Object.keys(problems).length) checkCustom(terms, add);
  if (terms.plan.kind !== 'custom' && terms.plan.instalments?.length) add('plan.instalments', `a ${terms.plan.kind} plan takes no dated instalments`);
  if (Object.keys(problems).length) throw new ScheduleError(problems);
}

function checkCustom({ principalFen, startDate, plan }: ScheduleTerms, add: (field: string, message: string) => void): void {
  const instalments = plan.instalments ?? [];
  if (!instalments.length) return add('plan.instalments', 'a custom plan needs at least one dated amount');
  const horizon = addMonths(startDate, CUSTOM_PLAN_HORIZON_MONTHS);
  let previous: string | undefined;
  let sum = 0;
  instalments.forEach(({ dueDate, amountFen }, i) => {
    const at = `plan.instalments.${i}`;
    if (!Number.isSafeInteger(amountFen) || amountFen < 1) add(`${at}.amountFen`, 'each amount must be a whole number of fen, at least 1');
    else sum += amountFen;
    if (!isBusinessDateString(dueDate)) return add(`${at}.dueDate`, 'the due date must be a date YYYY-MM-DD');
    if (dueDate <= startDate) add(`${at}.dueDate`, `the due date must be after the start date ${startDate}`);
    else if (dueDate > horizon) add(`${at}.dueDate`, `the due date must be no later than ${horizon} (${CUSTOM_PLAN_HORIZON_MONTHS} months from ${startDate})`);
    if (previous !== undefined && dueDate <= previous) add(`${at}.dueDate`, `the due dates must increase: ${dueDate} is not after ${previous}`);
    previous = dueDate;
  });
  if (sum !== principalFen && instalments.every((i) => Number.isSafeInteger(i.amountFen) && i.amountFen >= 1)) {
    const difference = principalFen - sum;
    add('plan.instalments', `the amounts add up to ${sum} fen, not the principal ${principalFen} fen (${difference > 0 ? `${difference} fen short` : `${-difference} fen over`})`);
  }
}
