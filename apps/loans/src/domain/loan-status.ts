/**
 * The one state machine of a loan: created on approval, waiting for its three-party guarantee;
 * the agreement (借款协议) only once the guarantee is effective; paid out; repaid, or defaulted
 * and (with the foundation's approval) written off. Plain data in, plain data out.
 */
export const LOAN_STATUSES = ['awaiting_guarantee', 'awaiting_agreement', 'agreement_signed', 'active', 'defaulted', 'repaid', 'written_off'] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];

export const LOAN_STEPS = [
  'guarantee-effective',
  'agreement',
  'disbursement',
  'repayment',
  'repaid-in-full',
  'default',
  'arrears-pause',
  'reschedule',
  'write-off',
] as const;
export type LoanStep = (typeof LOAN_STEPS)[number];

/** Steps another service or a sweep takes; never offered to a user as a next step. */
const SYSTEM_STEPS: readonly LoanStep[] = ['guarantee-effective', 'repaid-in-full', 'default'];

/** A loan with money out: it ages, takes repayments, counts as outstanding. */
export const OUTSTANDING_STATUSES: readonly LoanStatus[] = ['active', 'defaulted'];

const TRANSITIONS: Partial<Record<LoanStatus, Partial<Record<LoanStep, LoanStatus>>>> = {
  awaiting_guarantee: { 'guarantee-effective': 'awaiting_agreement' },
  awaiting_agreement: { agreement: 'agreement_signed' },
  agreement_signed: { disbursement: 'active' },
  active: { repayment: 'active', 'repaid-in-full': 'repaid', default: 'defaulted', 'arrears-pause': 'active', reschedule: 'active' },
  // A defaulted loan still takes repayments (from guarantors too); repaid in full it ends repaid.
  defaulted: { repayment: 'defaulted', 'repaid-in-full': 'repaid', 'arrears-pause': 'defaulted', reschedule: 'active', 'write-off': 'written_off' },
};

export class LoanStepError extends Error {
  constructor(
    readonly current: LoanStatus,
    readonly step: LoanStep,
    readonly allowed: LoanStep[],
  ) {
    super(`A loan that is ${current} cannot take the step "${step}". Allowed next: ${allowed.join(', ') || 'none'}.`);
    this.name = 'LoanStepError';
  }
}

/** The steps a user may take next from a status (system steps are not offered). */
export function allowedSteps(status: LoanStatus): LoanStep[] {
  return Object.keys(TRANSITIONS[status] ?? {}).filter((s) => !SYSTEM_STEPS.includes(s as LoanStep)) as LoanStep[];
}

/** The status after the step, or a LoanStepError naming what is allowed. */
export function nextStatus(current: LoanStatus, step: LoanStep): LoanStatus {
  const next = TRANSITIONS[current]?.[step];
  if (!next) throw new LoanStepError(current, step, allowedSteps(current));
  return next;
}
