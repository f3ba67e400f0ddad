import { addMonths } from '@xingfu/kernel';
import { collectProblems, FieldProblems } from '@xingfu/kernel';
import { hasPartner } from '../../domain/project-model';
import { LoanPolicy, RepaymentPlan } from '../../domain/project-policy';

export interface ApprovalInput {
  amountFen: number;
  termMonths: number;
  repaymentPlan: RepaymentPlan;
  disbursementMode: 'cash' | 'in_kind' | 'mixed';
  partnerId: string | null;
}

export interface ApprovalContext {
  policy: LoanPolicy;
  /** The ceiling of the mother's credit grade. */
  creditCeilingFen: number;
  model: 'company' | 'lead_farmer' | 'park' | 'self';
  approvedOn: string;
  /** The partner the survey named, if any: the approval may not name another. */
  surveyPartnerId: string | null;
}

/** Everything wrong with a proposed approval, by field; empty when it may be approved. */
export function approvalProblems(input: ApprovalInput, ctx: ApprovalContext): FieldProblems {
  const { problems, add } = collectProblems();
  const { policy } = ctx;

  if (input.amountFen < policy.minAmountFen || input.amountFen > policy.maxAmountFen) {
    add('amountFen', `must be between ${policy.minAmountFen} and ${policy.maxAmountFen} fen under the project's loan policy`);
  }
  if (input.amountFen > ctx.creditCeilingFen) add('amountFen', `exceeds the credit grade's ceiling of ${ctx.creditCeilingFen} fen`);
  const termAllowed = input.termMonths >= policy.minTermMonths && input.termMonths <= policy.maxTermMonths;
  if (!termAllowed) add('termMonths', `must be between ${policy.minTermMonths} and ${policy.maxTermMonths} months`);
  if (!policy.repaymentPlans.includes(input.repaymentPlan.kind)) {
    add('repaymentPlan.kind', `the project allows ${policy.repaymentPlans.join(', ')}`);
  }
  const instalments = input.repaymentPlan.instalments ?? [];
  if (input.repaymentPlan.kind === 'custom') {
    if (instalments.length === 0) add('repaymentPlan.instalments', 'a custom plan needs dated amounts');
    const dates = instalments.map((i) => i.dueDate);
    if (dates.some((d, i) => i > 0 && d <= dates[i - 1])) add('repaymentPlan.instalments', 'due dates must be strictly ascending');
    if (dates.length && dates[0] <= ctx.approvedOn) add('repaymentPlan.instalments', 'the first due date must be after the approval date');
    // The term's end is only computed for a term the policy allows: an absurd one is reported above, not thrown on.
    const termEnd = termAllowed ? addMonths(ctx.approvedOn, input.termMonths) : null;
    if (termEnd && dates.length && dates[dates.length - 1] > termEnd) add('repaymentPlan.instalments', `the last due date must be on or before ${termEnd}`);
    const sum = instalments.reduce((total, i) => total + i.amountFen, 0);
    if (instalments.length && sum !== input.amountFen) add('repaymentPlan.instalments', `amounts sum to ${sum} fen, not ${input.amountFen}`);
  } else if (instalments.length) {
    add('repaymentPlan.instalments', `only a custom plan takes dated amounts`);
  }
  if (input.partnerId && ctx.surveyPartnerId && input.partnerId !== ctx.surveyPartnerId) add('partnerId', `the survey names ${ctx.surveyPartnerId}`);
  const needsPartner = hasPartner(ctx.model);
  if (needsPartner && !input.partnerId) add('partnerId', `a ${ctx.model} project needs its partner`);
  if (!needsPartner && input.partnerId) add('partnerId', 'a self-run project has no partner');
  if (input.disbursementMode !== 'cash' && !needsPartner) add('disbursementMode', 'inputs in kind come from a partner; a self-run project is paid in cash');
  return problems;
}
