import { randomUUID } from 'node:crypto';
import { eventually } from '@xingfu/testing';
import { PLAIN_APPROVAL } from '../support/intake';
import { useIntakeContext } from '../support/intake-context';
import { LoanDriver } from './loan-driver';

/**
 * Repayments on a loan that went through the whole lending flow (approval, guarantee,
 * agreement, the fund, disbursement and its generated schedule): paid off in two postings, the
 * loan ends repaid, its guarantee is released and GET /loans/:id shows the postings.
 */
describe('loans: a loan from the lending flow repaid on its schedule', () => {
  const ctx = useIntakeContext({ label: 'repaymentsschedule' });
  const d = new LoanDriver(ctx);

  const pay = (loanId: string, amountFen: number) =>
    ctx.app
      .http()
      .post(`/api/v1/loans/${loanId}/repayments`)
      .set('Authorization', `Bearer ${ctx.officer}`)
      .set('Idempotency-Key', randomUUID())
      .send({ amountFen, paidOn: ctx.clock.today(), source: 'transfer', reference: 'bank 889' });

  it('pays three monthly instalments at once, then the rest; LoanRepaid, the guarantee released, the postings on the loan', async () => {
    const plan = { ...PLAIN_APPROVAL, repaymentPlan: { kind: 'equal_monthly' } };
    const { loanId, guaranteeId } = await d.disbursedLoan({ plan });
    const schedule = await d.sql<{ seq: number; principal_fen: number; fee_fen: number }>(
      `SELECT seq, principal_fen, fee_fen FROM loans.instalments WHERE loan_id = $1 AND NOT superseded ORDER BY seq`,
      [loanId],
    );
    expect(schedule.reduce((s, i) => s + i.principal_fen, 0)).toBe(plan.amountFen);
    const owedOn = (seqs: number) => schedule.slice(0, seqs).reduce((s, i) => s + i.principal_fen + i.fee_fen, 0);
    const owedAll = owedOn(schedule.length);

    const first = await pay(loanId, owedOn(3)).expect(201);
    expect(first.body.allocation.map((a: { seq: number; paidInFull: boolean }) => [a.seq, a.paidInFull])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ]);
    expect((await d.events(loanId, 'InstalmentPaid')).map((e) => e.payload.seq)).toEqual([1, 2, 3]);

    const last = await pay(loanId, owedAll - owedOn(3)).expect(201);
    expect(last.body.loan).toMatchObject({ status: 'repaid', principalOutstandingFen: 0, outstandingFen: 0, repaidOn: ctx.today, nextDueDate: null });
    expect((await d.events(loanId, 'LoanRepaid')).map((e) => e.payload)).toEqual([expect.objectContaining({ loanId, repaidOn: ctx.today, principalFen: plan.amountFen })]);
    expect(await d.availableFen()).toBe(plan.amountFen);

    const read = (await d.get(loanId).expect(200)).body;
    expect(read).toMatchObject({ status: 'repaid', balances: { principalOutstandingFen: 0, principalRepaidFen: plan.amountFen } });
    expect(read.postings.items.map((p: { id: string }) => p.id).sort()).toEqual([first.body.id, last.body.id].sort());
    await eventually(async () => expect((await d.guarantees.get(guaranteeId).expect(200)).body).toMatchObject({ status: 'released', outcome: 'released' }), { timeoutMs: 60_000 });
  });
});
