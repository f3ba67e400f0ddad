import { eventually } from '@xingfu/testing';
import { PLAIN_APPROVAL } from '../support/intake';
import { useIntakeContext } from '../support/intake-context';
import { LoanDriver } from './loan-driver';

/** Over Kafka the broker (go-mokapi) checks every event against docs/asyncapi.yaml; the approval and the guarantee arrive from their own topics. */
describe.each([
  { transport: 'in-process', kafka: false },
  { transport: 'kafka', kafka: true },
])('lending: a loan from approval to disbursement (events $transport)', ({ kafka }) => {
  const ctx = useIntakeContext({ label: 'lendingevents', kafka });
  const d = new LoanDriver(ctx);

  it('is created by ApplicationApproved, moved by GuaranteeEffective, and publishes LoanAgreementSigned, LoanDisbursed and RepaymentScheduleCreated within their contracts', async () => {
    const plan = { ...PLAIN_APPROVAL, amountFen: 400000, termMonths: 4, repaymentPlan: { kind: 'equal_monthly' } };
    const { loanId, loan } = await d.disbursedLoan({ plan });
    expect(loan.schedule.map((i: { principalFen: number }) => i.principalFen)).toEqual([100000, 100000, 100000, 100000]);
    await eventually(
      async () => {
        const rows = await d.sql(
          `SELECT type, status FROM (SELECT seq, type, status, key FROM loans.outbox UNION ALL SELECT seq, type, status, key FROM loans.outbox_archive) o WHERE key = $1 ORDER BY seq`,
          [loanId],
        );
        expect(rows).toEqual([
          { type: 'LoanAgreementSigned', status: 'published' },
          { type: 'LoanDisbursed', status: 'published' },
          { type: 'RepaymentScheduleCreated', status: 'published' },
        ]);
      },
      { timeoutMs: 60000 },
    );
  });
});
