import { LoanPolicy } from '../../domain/project-policy';
import { ApprovalContext, ApprovalInput, approvalProblems } from './approval-rules';

const policy: LoanPolicy = {
  minAmountFen: 100000,
  maxAmountFen: 5000000,
  minTermMonths: 4,
  maxTermMonths: 36,
  repaymentPlans: ['bullet', 'custom'],
  chargeKind: 'none',
  rateBasisPoints: 0,
  defaultGraceDays: 0,
};
const ctx: ApprovalContext = { policy, creditCeilingFen: 3000000, model: 'park', approvedOn: '2026-11-20', surveyPartnerId: null };
const input = (o: Partial<ApprovalInput> = {}): ApprovalInput => ({
  amountFen: 1000000,
  termMonths: 12,
  repaymentPlan: { kind: 'bullet' },
  disbursementMode: 'mixed',
  partnerId: 'park-1',
  ...o,
});

describe('approval rules', () => {
  it('accept an approval within the policy and the grade ceiling', () => {
    expect(approvalProblems(input(), ctx)).toEqual({});
  });

  it('refuse an amount above the grade ceiling even when the policy allows it', () => {
    expect(Object.keys(approvalProblems(input({ amountFen: 4000000 }), ctx))).toEqual(['amountFen']);
  });

  it('refuse an amount or term outside the policy', () => {
    expect(approvalProblems(input({ amountFen: 50000 }), ctx).amountFen).toHaveLength(1);
    expect(approvalProblems(input({ termMonths: 48 }), ctx).termMonths).toHaveLength(1);
  });

  it('refuse a plan the project does not allow', () => {
    expect(approvalProblems(input({ repaymentPlan: { kind: 'equal_monthly' } }), ctx)['repaymentPlan.kind']).toBeDefined();
  });

  it('check a custom plan: ascending dates inside the term, summing to the amount', () => {
    const plan = (instalments: { dueDate: string; amountFen: number }[]) => input({ repaymentPlan: { kind: 'custom', instalments } });
    expect(approvalProblems(plan([{ dueDate: '2027-06-30', amountFen: 400000 }, { dueDate: '2027-10-31', amountFen: 600000 }]), ctx)).toEqual({});
    expect(approvalProblems(plan([{ dueDate: '2027-06-30', amountFen: 400000 }, { dueDate: '2027-10-31', amountFen: 500000 }]), ctx)['repaymentPlan.instalments']).toEqual([
      'amounts sum to 900000 fen, not 1000000',
    ]);
    expect(approvalProblems(plan([{ dueDate: '2027-10-31', amountFen: 500000 }, { dueDate: '2027-06-30', amountFen: 500000 }]), ctx)['repaymentPlan.instalments']).toContain(
      'due dates must be strictly ascending',
    );
    expect(approvalProblems(plan([{ dueDate: '2028-01-31', amountFen: 1000000 }]), ctx)['repaymentPlan.instalments']).toEqual([
      'the last due date must be on or before 2027-11-20',
    ]);
    expect(approvalProblems(plan([]), ctx)['repaymentPlan.instalments']).toEqual(['a custom plan needs dated amounts']);
  });

  it('want the partner for company, lead-farmer and park models, and none for a self-run project', () => {
    expect(approvalProblems(input({ partnerId: null }), ctx).partnerId).toBeDefined();
    const self = { ...ctx, model: 'self' as const };
    expect(approvalProblems(input({ partnerId: null, disbursementMode: 'cash' }), self)).toEqual({});
    expect(approvalProblems(input({ partnerId: 'x', disbursementMode: 'cash' }), self).partnerId).toBeDefined();
    expect(approvalProblems(input({ partnerId: null, disbursementMode: 'in_kind' }), self).disbursementMode).toBeDefined();
  });

  it('report a term far outside the policy instead of throwing on its date arithmetic', () => {
    const custom = input({ termMonths: 100000, repaymentPlan: { kind: 'custom', instalments: [{ dueDate: '2027-06-30', amountFen: 1000000 }] } });
    expect(approvalProblems(custom, ctx)).toEqual({ termMonths: ['must be between 4 and 36 months'] });
  });

  it('refuse a partner other than the one the survey named', () => {
    expect(approvalProblems(input({ partnerId: 'park-2' }), { ...ctx, surveyPartnerId: 'park-1' }).partnerId).toEqual(['the survey names park-1']);
    expect(approvalProblems(input({ partnerId: 'park-1' }), { ...ctx, surveyPartnerId: 'park-1' })).toEqual({});
  });
});
