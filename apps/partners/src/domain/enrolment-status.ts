/**
 * An enrolment: one approved mother with one partner's programme. The partner accepts or
 * refuses her; once accepted, inputs are delivered and the partner comes back to buy. If it
 * has not come 30 days after the grow-out (the sweep), it is flagged buyback_overdue; a
 * buyback recorded (even late) makes it bought_back, and more buybacks may follow.
 */
export const ENROLMENT_STATUSES = ['pending', 'refused', 'accepted', 'buyback_overdue', 'bought_back'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export type EnrolmentStep = 'accept' | 'refuse' | 'deliver' | 'flag-overdue' | 'record-buyback';

/** Days after the expected buyback date (first delivery + grow-out) before the enrolment is flagged. */
export const BUYBACK_GRACE_DAYS = 30;

const FROM: Record<EnrolmentStep, readonly EnrolmentStatus[]> = {
  accept: ['pending'],
  refuse: ['pending'],
  deliver: ['accepted', 'buyback_overdue', 'bought_back'],
  'flag-overdue': ['accepted'],
  'record-buyback': ['accepted', 'buyback_overdue', 'bought_back'],
};
const TO: Partial<Record<EnrolmentStep, EnrolmentStatus>> = { accept: 'accepted', refuse: 'refused', 'flag-overdue': 'buyback_overdue', 'record-buyback': 'bought_back' };
/** Steps the sweep takes, never offered to a user. */
const SYSTEM_STEPS: readonly EnrolmentStep[] = ['flag-overdue'];

export class EnrolmentStepError extends Error {
  constructor(
    readonly current: EnrolmentStatus,
    readonly step: EnrolmentStep,
    readonly allowed: EnrolmentStep[],
  ) {
    super(`An enrolment that is ${current} cannot take the step "${step}". Allowed next: ${allowed.join(', ') || 'none'}.`);
    this.name = 'EnrolmentStepError';
  }
}

export function allowedEnrolmentSteps(status: EnrolmentStatus): EnrolmentStep[] {
  return (Object.keys(FROM) as EnrolmentStep[]).filter((step) => FROM[step].includes(status) && !SYSTEM_STEPS.includes(step));
}

/** The status after the step (unchanged for a delivery); EnrolmentStepError when not allowed. */
export function nextEnrolmentStatus(status: EnrolmentStatus, step: EnrolmentStep): EnrolmentStatus {
  if (!FROM[step].includes(status)) throw new EnrolmentStepError(status, step, allowedEnrolmentSteps(status));
  return TO[step] ?? status;
}

/** Flagged when still accepted (no buyback) on or after the expected buyback date + 30 days. */
export function isBuybackOverdue(status: EnrolmentStatus, expectedBuybackDate: string | null, overdueFrom: string | null, businessDate: string): boolean {
  return status === 'accepted' && expectedBuybackDate !== null && overdueFrom !== null && businessDate >= overdueFrom;
}
