/**
 * The one state machine of an application (调查 → 入户核实 → 审核 → 公示 → 诚信 → 审批).
 * Every step a user can take is a `Step`; some steps have outcomes that lead to different
 * states (a home visit verifies the survey or not; screening finds her eligible or not).
 */
export const APPLICATION_STATUSES = [
  'submitted',
  'verified',
  'eligible',
  'ineligible',
  'in_notice',
  'notice_passed',
  'credit_assessed',
  'approved',
  'rejected',
  'withdrawn',
  'closed',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const STEPS = [
  'home-visit',
  'screening',
  'public-notice',
  'objection',
  'notice-closed',
  'objection-upheld',
  'credit-assessment',
  'approval',
  'rejection',
  'withdrawal',
  'follow-up',
  // Not a user's step: the loans service reported the loan repaid (LoanRepaid).
  'loan-repaid',
] as const;
export type Step = (typeof STEPS)[number];

/** Steps another service reports; never offered to a user as a next step. */
const SYSTEM_STEPS: readonly Step[] = ['loan-repaid'];

/** Outcome-dependent steps name their outcome; the others have one. */
export type StepOutcome = 'verified' | 'unverified' | 'eligible' | 'ineligible' | undefined;

/** Where every application starts: the survey (调查表) is recorded as this step, into this status. */
export const FIRST_STEP = 'survey';
export const FIRST_STATUS: ApplicationStatus = 'submitted';

const OPEN_BEFORE_APPROVAL: readonly ApplicationStatus[] = ['submitted', 'verified', 'eligible', 'in_notice', 'notice_passed', 'credit_assessed'];

/**
 * Approved: a loan is (or will be) out and not yet known repaid. It stays so until the loans
 * service reports the loan repaid (`closed`). Screening's "no unpaid loan" rule reads this list.
 */
export const UNREPAID_LOAN_STATUSES: readonly ApplicationStatus[] = ['approved'];

/**
 * Statuses in which the mother still has a case with us: a second application is refused. The
 * duplicate check, the unique index of the migration and this list are one rule, read from here.
 */
export const BLOCKING_STATUSES: readonly ApplicationStatus[] = [...OPEN_BEFORE_APPROVAL, ...UNREPAID_LOAN_STATUSES];

type Transition = (outcome: StepOutcome) => ApplicationStatus;

const TRANSITIONS: Partial<Record<ApplicationStatus, Partial<Record<Step, Transition>>>> = {
  submitted: {
    'home-visit': (o) => (o === 'verified' ? 'verified' : 'submitted'),
  },
  verified: {
    // Another visit may add findings; it never undoes a verification.
    'home-visit': () => 'verified',
    screening: (o) => (o === 'eligible' ? 'eligible' : 'ineligible'),
  },
  eligible: {
    'public-notice': () => 'in_notice',
  },
  in_notice: {
    objection: () => 'in_notice',
    'notice-closed': () => 'notice_passed',
    'objection-upheld': () => 'rejected',
  },
  notice_passed: {
    'credit-assessment': () => 'credit_assessed',
  },
  approved: {
    'follow-up': () => 'approved',
    // Repaid: the case is over and the mother may apply again (closed blocks nothing).
    'loan-repaid': () => 'closed',
  },
  closed: {
    // Officers keep visiting after repayment: whether she is out of poverty (脱贫率) is read from follow-ups.
    'follow-up': () => 'closed',
  },
};

for (const status of OPEN_BEFORE_APPROVAL) {
  TRANSITIONS[status] = { ...TRANSITIONS[status], rejection: () => 'rejected', withdrawal: () => 'withdrawn' };
}
TRANSITIONS.credit_assessed = { ...TRANSITIONS.credit_assessed, approval: () => 'approved' };

export class IllegalStepError extends Error {
  constructor(
    readonly current: ApplicationStatus,
    readonly step: Step,
    readonly allowed: Step[],
  ) {
    super(`An application that is ${current} cannot take the step "${step}". Allowed next: ${allowed.join(', ') || 'none'}.`);
    this.name = 'IllegalStepError';
  }
}

/** The steps a user may take next (what a 409 offers). */
export function allowedSteps(current: ApplicationStatus): Step[] {
  return (Object.keys(TRANSITIONS[current] ?? {}) as Step[]).filter((step) => !SYSTEM_STEPS.includes(step));
}

/** The status after `step`, or IllegalStepError naming the current status and the allowed steps. */
export function nextStatus(current: ApplicationStatus, step: Step, outcome?: StepOutcome): ApplicationStatus {
  const transition = TRANSITIONS[current]?.[step];
  if (!transition) throw new IllegalStepError(current, step, allowedSteps(current));
  return transition(outcome);
}

export function isBlocking(status: ApplicationStatus): boolean {
  return BLOCKING_STATUSES.includes(status);
}
