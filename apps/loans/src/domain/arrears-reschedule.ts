import { FieldProblems } from '@xingfu/kernel';
import { buildSchedule, DatedAmount, feeForPeriod, ScheduledInstalment, ScheduleError } from './schedule';
import { subsidyApplies } from './subsidy';

/**
 * A reschedule replaces a loan's unpaid schedule with a custom one for the principal still
 * outstanding, starting on the day it is agreed. What this means for what is owed (one place):
 * - Principal: the new amounts add up to the outstanding principal. A partly paid instalment
 *   keeps what was paid on its (superseded) row; its unpaid remainder is part of the
 *   outstanding principal, so it is folded into the new schedule.
 * - Fee/interest: the new schedule charges from the reschedule date (buildSchedule). What was
 *   owed until then is not forgiven: the unpaid fee of instalments fallen due (with any
 *   subsidy lost) and the fee accrued since the last due date on the outstanding principal are
 *   carried onto the first new instalment. The fee of instalments not yet due is replaced.
 */
export interface RescheduleLoan {
  principalOutstandingFen: number;
  chargeKind: string;
  rateBasisPoints: number;
  subsidyBasisPoints: number;
  disbursedOn: string;
}

/** An instalment of the schedule being replaced, not fully paid. */
export interface ReplacedInstalment {
  dueDate: string;
  feeFen: number;
  subsidyLostFen: number;
  feePaidFen: number;
}

export interface Rescheduled {
  instalments: ScheduledInstalment[];
  /** Fee owed until the reschedule date, put on the first new instalment. */
  carriedFeeFen: number;
}

/** What the mother pays a year: for interest, the rate less the subsidy (贴息); for a fee, the fee; nothing otherwise. */
export function mothersRateBasisPoints({ chargeKind, rateBasisPoints, subsidyBasisPoints }: Pick<RescheduleLoan, 'chargeKind' | 'rateBasisPoints' | 'subsidyBasisPoints'>): number {
  if (chargeKind === 'none') return 0;
  return subsidyApplies({ chargeKind, subsidyBasisPoints }) ? Math.max(0, rateBasisPoints - subsidyBasisPoints) : rateBasisPoints;
}

/** The new schedule, or a ScheduleError naming each problem under `instalments.<i>`. */
export function reschedule(loan: RescheduleLoan, replaced: readonly ReplacedInstalment[], plan: readonly DatedAmount[], today: string): Rescheduled {
  const rate = mothersRateBasisPoints(loan);
  let built: ScheduledInstalment[];
  try {
    built = buildSchedule({ principalFen: loan.principalOutstandingFen, startDate: today, termMonths: 1, plan: { kind: 'custom', instalments: plan }, chargeKind: loan.chargeKind as never, rateBasisPoints: rate });
  } catch (error) {
    if (error instanceof ScheduleError) throw new ScheduleError(renamed(error.problems));
    throw error;
  }
  const fallenDue = replaced.filter((i) => i.dueDate <= today);
  const unpaidFee = fallenDue.reduce((sum, i) => sum + Math.max(0, i.feeFen + i.subsidyLostFen - i.feePaidFen), 0);
  const periodStart = fallenDue.reduce((latest, i) => (i.dueDate > latest ? i.dueDate : latest), loan.disbursedOn);
  const carriedFeeFen = unpaidFee + feeForPeriod(loan.principalOutstandingFen, rate, periodStart, today);
  built[0] = { ...built[0], feeFen: built[0].feeFen + carriedFeeFen };
  return { instalments: built, carriedFeeFen };
}

/** buildSchedule names the plan's fields plan.instalments.<i>…; the reschedule's body calls them instalments.<i>…. */
function renamed(problems: FieldProblems): FieldProblems {
  return Object.fromEntries(
    Object.entries(problems)
      .filter(([field]) => field.startsWith('plan.instalments') || field === 'principalFen')
      .map(([field, messages]) => [field === 'principalFen' ? 'instalments' : field.replace(/^plan\./, ''), messages]),
  );
}
