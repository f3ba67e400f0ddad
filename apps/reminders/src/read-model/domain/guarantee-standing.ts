/**
 * Where a guarantee stands, as the reminders read model keeps it. Its steps only go forward:
 * opened, lapsed (not effective by its deadline), reopened once with a new deadline, lapsed
 * again (for good), effective, invoked, released (repaid or written off). Each step has a rank,
 * and a step is applied only over a lower one, so a late or replayed event never undoes a later
 * step, whatever order the events come in.
 */
export type ReadGuaranteeStatus = 'open' | 'effective' | 'lapsed' | 'invoked' | 'released';

export type GuaranteeStep =
  | { step: 'opened' }
  | { step: 'lapsed'; deadline: string }
  | { step: 'reopened' }
  | { step: 'effective' }
  | { step: 'invoked' }
  | { step: 'released' };

export interface GuaranteeStanding {
  status: ReadGuaranteeStatus;
  rank: number;
}

/**
 * The status and rank a step gives. A lapse is the second one when its deadline is later than
 * the one the guarantee opened with (only a reopening moves the deadline).
 */
export function standingAfter(step: GuaranteeStep, openedDeadline: string): GuaranteeStanding {
  switch (step.step) {
    case 'opened':
      return { status: 'open', rank: 0 };
    case 'lapsed':
      return { status: 'lapsed', rank: step.deadline > openedDeadline ? 3 : 1 };
    case 'reopened':
      return { status: 'open', rank: 2 };
    case 'effective':
      return { status: 'effective', rank: 4 };
    case 'invoked':
      return { status: 'invoked', rank: 5 };
    case 'released':
      return { status: 'released', rank: 6 };
  }
}
