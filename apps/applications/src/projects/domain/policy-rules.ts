import { MAX_AMOUNT_FEN } from '@xingfu/kernel';
import { collectProblems, FieldProblems } from '@xingfu/kernel';
import { AidStandard, CreditGrade, CreditWeights, LoanPolicy } from '../../domain/project-policy';

export interface PolicyParts {
  aidStandard: AidStandard;
  loanPolicy: LoanPolicy;
  creditGrades: CreditGrade[];
  creditWeights: CreditWeights;
  publicNoticeDays: number;
}

export const POLICY_PART_NAMES = ['aidStandard', 'loanPolicy', 'creditGrades', 'creditWeights', 'publicNoticeDays'] as const;
export type PolicyPartName = (typeof POLICY_PART_NAMES)[number];

/**
 * Upper bounds that keep every figure far inside what the columns and integer arithmetic hold
 * (amounts go into bigint columns and are multiplied by rates), while leaving room for any real
 * project: the programme lends 1,000–50,000 yuan over 4–36 months. The fen ceiling is the one
 * every amount in a request has (IsFen).
 */
export const POLICY_LIMITS = { maxFen: MAX_AMOUNT_FEN, maxTermMonths: 120, maxGraceDays: 365, maxStatuses: 20, maxLabelLength: 50 };

/** What is inconsistent in a project's policy, by field (empty when it is sound). */
export function policyProblems(policy: Omit<PolicyParts, 'publicNoticeDays'>): FieldProblems {
  const { problems, add } = collectProblems();
  const { aidStandard: aid, loanPolicy: loan, creditGrades: grades, creditWeights: w } = policy;
  const fenLimit = (field: string, fen: number) => fen > POLICY_LIMITS.maxFen && add(field, `must be at most ${POLICY_LIMITS.maxFen} fen`);

  if (aid.minAge > aid.maxAge) add('aidStandard.minAge', 'must not exceed maxAge');
  fenLimit('aidStandard.incomeCeilingFenPerCapita', aid.incomeCeilingFenPerCapita);
  if (aid.familyPlanningStatuses.length === 0) add('aidStandard.familyPlanningStatuses', 'list at least one qualifying status');
  if (aid.familyPlanningStatuses.some((s) => s.trim() === '')) add('aidStandard.familyPlanningStatuses', 'a status must not be blank');
  if (aid.familyPlanningStatuses.length > POLICY_LIMITS.maxStatuses) add('aidStandard.familyPlanningStatuses', `list at most ${POLICY_LIMITS.maxStatuses} statuses`);
  if (aid.familyPlanningStatuses.some((s) => s.length > POLICY_LIMITS.maxLabelLength)) {
    add('aidStandard.familyPlanningStatuses', `a status has at most ${POLICY_LIMITS.maxLabelLength} characters`);
  }

  if (loan.minAmountFen > loan.maxAmountFen) add('loanPolicy.minAmountFen', 'must not exceed maxAmountFen');
  fenLimit('loanPolicy.maxAmountFen', loan.maxAmountFen);
  if (loan.minTermMonths > loan.maxTermMonths) add('loanPolicy.minTermMonths', 'must not exceed maxTermMonths');
  if (loan.maxTermMonths > POLICY_LIMITS.maxTermMonths) add('loanPolicy.maxTermMonths', `must be at most ${POLICY_LIMITS.maxTermMonths} months`);
  if (loan.defaultGraceDays > POLICY_LIMITS.maxGraceDays) add('loanPolicy.defaultGraceDays', `must be at most ${POLICY_LIMITS.maxGraceDays} days`);
  if (loan.repaymentPlans.length === 0) add('loanPolicy.repaymentPlans', 'allow at least one repayment plan');
  if (loan.chargeKind === 'none' && loan.rateBasisPoints !== 0) add('loanPolicy.rateBasisPoints', 'an interest-free policy has rate 0');
  if (loan.chargeKind !== 'none' && loan.rateBasisPoints === 0) add('loanPolicy.rateBasisPoints', `a ${loan.chargeKind} needs a rate`);

  if (w.honesty + w.labour + w.income !== 100) add('creditWeights', 'the weights must add up to 100');
  for (const message of gradeTableProblems(grades)) add('creditGrades', message);
  return problems;
}

/** The grade table must cover every score from 0 to 100 exactly once. */
function gradeTableProblems(grades: CreditGrade[]): string[] {
  const problems: string[] = [];
  if (grades.length === 0) return ['give at least one grade'];
  if (grades.some((g) => g.grade.trim() === '' || g.grade.length > POLICY_LIMITS.maxLabelLength)) problems.push(`a grade name has 1–${POLICY_LIMITS.maxLabelLength} characters`);
  if (grades.some((g) => g.minScore > g.maxScore)) problems.push('each grade needs minScore ≤ maxScore');
  if (grades.some((g) => g.ceilingFen > POLICY_LIMITS.maxFen)) problems.push(`a ceiling must be at most ${POLICY_LIMITS.maxFen} fen`);
  const sorted = [...grades].sort((a, b) => a.minScore - b.minScore);
  let next = 0;
  for (const g of sorted) {
    if (g.minScore > next) problems.push(`no grade covers scores ${next}–${g.minScore - 1}`);
    if (g.minScore < next) problems.push(`grade ${g.grade} overlaps the grade below it`);
    next = Math.max(next, g.maxScore + 1);
  }
  if (next <= 100) problems.push(`no grade covers scores ${next}–100`);
  if (new Set(grades.map((g) => g.grade)).size !== grades.length) problems.push('grade names must be unique');
  return problems;
}

/**
 * The parts of `proposed` that differ from `current`, by value: a PATCH that repeats what is in
 * force (a client's retry, say) changes nothing and makes no new version.
 */
export function changedParts(current: PolicyParts, proposed: Partial<PolicyParts>): PolicyPartName[] {
  return POLICY_PART_NAMES.filter((part) => proposed[part] !== undefined && canonical(proposed[part]) !== canonical(current[part]));
}

/** JSON with object keys sorted, so two equal values stored in different key orders compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
