import { randomUUID } from 'node:crypto';
import { addDays } from '@xingfu/common';
import { describeFieldByField, Fixture, RouteCase } from '../support/field-by-field';
import { useIntakeContext } from '../support/intake-context';
import { LoanDriver } from './loan-driver';

/**
 * The loans service's routes, field by field (test/support/field-by-field.ts): never a 5xx,
 * always the one error shape. The loans are made through the real routes (LoanDriver); a
 * defaulted loan by the admin sweep on a date past its due date's default threshold.
 */
describe('every loans route, field by field: never a 5xx, always the one error shape', () => {
  const today = '2026-11-22';
  const ctx = useIntakeContext({ label: 'loansbadinput', today });
  const loans = new LoanDriver(ctx);

  const loanOf = (made: { loanId: string }): Fixture => ({ id: made.loanId });
  const active = async () => loanOf(await loans.disbursedLoan());
  /** An active loan past its bullet's due date by 100 days, aged by the sweep to defaulted; `on` is that day. */
  const defaulted = async (): Promise<Fixture> => {
    const { loanId } = await loans.disbursedLoan();
    const [{ due }] = await loans.sql<{ due: string }>(`SELECT next_due_date::text AS due FROM loans.loans WHERE id = $1`, [loanId]);
    const on = addDays(due, 100);
    ctx.clock.set(on);
    await ctx.as(await ctx.app.tokenFor('admin')).post('/admin/sweeps/arrears', { asOf: on }).expect(200);
    const [{ status }] = await loans.sql<{ status: string }>(`SELECT status FROM loans.loans WHERE id = $1`, [loanId]);
    if (status !== 'defaulted') throw new Error(`the loan is ${status} after the sweep of ${on}, not defaulted`);
    return { id: loanId, on };
  };

  const ROUTES: RouteCase[] = [
    {
      route: 'POST /api/v1/projects/{id}/fund/contributions',
      as: 'foundation',
      fixture: async () => ({ id: await loans.openFund() }),
      body: () => ({ amountFen: 100000, source: 'foundation', stage: 'received', date: today, round: 1, note: '基金会第一批拨款' }),
      keepsFixture: true,
    },
    { route: 'GET /api/v1/projects/{id}/fund', as: 'foundation', fixture: async () => ({ id: await loans.openFund() }), keepsFixture: true },
    { route: 'GET /api/v1/projects/{id}/fund/ledger', as: 'foundation', fixture: async () => ({ id: await loans.openFund() }), query: () => ({ page: '1', pageSize: '10' }), keepsFixture: true },
    {
      route: 'PUT /api/v1/projects/{id}/loan-settings',
      as: 'manager',
      // A project of its own, so no other case's loans default on another threshold.
      fixture: async () => ({ id: await loans.openFund(randomUUID()) }),
      body: () => ({ defaultThresholdDays: 90, interestSubsidyBasisPoints: 0 }),
      keepsFixture: true,
    },
    { route: 'POST /api/v1/loans/{id}/agreement', as: 'officer', fixture: async () => loanOf(await loans.effectiveLoan()), body: () => ({ signedOn: today }) },
    {
      route: 'POST /api/v1/loans/{id}/disbursement',
      // The context's project manager, not the officer who signed the agreement.
      as: 'manager',
      fixture: async () => {
        const signed = await loans.signedLoan();
        await loans.fundWith(300000);
        return loanOf(signed);
      },
      body: () => loans.disbursementBody(),
    },
    {
      route: 'POST /api/v1/loans/{id}/repayments',
      as: 'officer',
      fixture: active,
      body: () => ({ amountFen: 100, paidOn: today, source: 'cash', reference: '收据 No. 0012345' }),
      headers: () => ({ 'Idempotency-Key': randomUUID() }),
      // One yuan of 3,000 each time: the loan stays active.
      keepsFixture: true,
    },
    { route: 'POST /api/v1/loans/{id}/arrears-pause', as: 'manager', fixture: active, body: () => ({ from: today, to: addDays(today, 30), reason: '村里发生非洲猪瘟' }) },
    {
      route: 'POST /api/v1/loans/{id}/reschedule',
      as: 'manager',
      fixture: active,
      body: () => ({ instalments: [{ dueDate: addDays(today, 200), amountFen: 100000 }, { dueDate: addDays(today, 400), amountFen: 200000 }], reason: '猪价下跌，延期至出栏后还款' }),
    },
    {
      route: 'POST /api/v1/loans/{id}/write-off',
      as: 'foundation',
      fixture: defaulted,
      on: (f) => f.on,
      body: () => ({ reason: '借款人外出失联', overrideReason: '担保人书面确认无力代偿' }),
    },
    { route: 'POST /api/v1/admin/sweeps/arrears', as: 'admin', body: () => ({ asOf: today }), status: 200, keepsFixture: true },
    {
      route: 'GET /api/v1/loans',
      as: 'manager',
      query: () => ({ projectId: ctx.projectId, township: ctx.township, village: `${ctx.township}101`, status: 'active', bucket: 'current', partnerId: 'bama-pig-co', round: '1', page: '1', pageSize: '10' }),
      keepsFixture: true,
    },
    { route: 'GET /api/v1/loans/{id}', as: 'officer', fixture: active, query: () => ({ postingsPage: '1', postingsPageSize: '10' }), keepsFixture: true },
  ];

  describeFieldByField('loans', ctx, ROUTES, { today, documented: /^\/api\/v1\/(loans|projects\/\{id\}\/(fund|loan-settings)|admin\/sweeps\/arrears)/ });
});
