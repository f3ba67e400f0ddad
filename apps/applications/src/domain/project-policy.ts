import { ChargeKind, RepaymentPlanKind } from '@xingfu/kernel';

/** A project's rules, as plain data. Amounts in fen, rates in basis points. */
export interface AidStandard {
  /** Per-capita household income must be BELOW this (fen per person per year). */
  incomeCeilingFenPerCapita: number;
  minAge: number;
  maxAge: number;
  /** Family-planning statuses that qualify (e.g. 'one_child', 'two_daughters', 'compliant'). */
  familyPlanningStatuses: string[];
}


export interface LoanPolicy {
  minAmountFen: number;
  maxAmountFen: number;
  minTermMonths: number;
  maxTermMonths: number;
  repaymentPlans: RepaymentPlanKind[];
  chargeKind: ChargeKind;
  rateBasisPoints: number;
  defaultGraceDays: number;
}

/** Score range (inclusive) → grade → the most that may be lent. */
export interface CreditGrade {
  grade: string;
  minScore: number;
  maxScore: number;
  ceilingFen: number;
}

/** Weights of the credit components, in percent; the published scheme is 70 / 20 / 10. */
export interface CreditWeights {
  honesty: number;
  labour: number;
  income: number;
}

export const DEFAULT_CREDIT_WEIGHTS: CreditWeights = { honesty: 70, labour: 20, income: 10 };
export const DEFAULT_PUBLIC_NOTICE_DAYS = 7;

export interface ProjectPolicy {
  version: number;
  aidStandard: AidStandard;
  loanPolicy: LoanPolicy;
  creditGrades: CreditGrade[];
  creditWeights: CreditWeights;
  publicNoticeDays: number;
}

export interface RepaymentPlan {
  kind: RepaymentPlanKind;
  instalments?: { dueDate: string; amountFen: number }[];
}
