import { eventually } from '@xingfu/testing';
import { useIntakeContext } from '../support/intake-context';
import { ArrearsFixtures } from './arrears-fixtures';

/**
 * Arrears on the business date: the sweep (the admin route and the daily catch-up), the pause,
 * the reschedule and the write-off, on real PostgreSQL and Redis; the default-to-write-off flow
 * also over the broker, which checks every event against docs/asyncapi.yaml.
 */
describe.each([
  { transport: 'in-process', kafka: false },
  { transport: 'kafka', kafka: true },
])('loans: a loan ages day by day into default, its guarantee is invoked, and it is written off (events $transport)', ({ kafka }) => {
  const ctx = useIntakeContext({ label: 'loanarrears', kafka });
  const f = new ArrearsFixtures(ctx);
  let admin: string;
  beforeAll(async () => {
    admin = await ctx.app.tokenFor('admin');
    await f.fund();
  });
  afterAll(() => f.close());

  it('moving the business date 100 days catches up day by day: one InstalmentOverdue per bucket entered, LoanDefaulted past 90 days, the guarantee invoked; the write-off waits 30 days unless overridden', async () => {
    const loan = await f.loan({ disbursedOn: ctx.today, instalments: [{ dueDate: '2026-12-01', principalFen: 150_000 }, { dueDate: '2027-06-01', principalFen: 150_000 }] });
    ctx.clock.set(ctx.today);
    await f.moveDateTo('2027-03-11');

    // The row changed last on the day it defaulted; the days past due are the date's, as the loan is read.
    expect(await f.loanRow(loan.loanId)).toMatchObject({ status: 'defaulted', bucket: '90+', aged_on: '2027-03-02', defaulted_on: '2027-03-02' });
    expect((await ctx.as(ctx.foundation).get(`/loans/${loan.loanId}`).expect(200)).body).toMatchObject({ daysPastDue: 100, bucket: '90+' });
    const overdue = await f.events(loan.loanId, 'InstalmentOverdue');
    expect(overdue.map((e) => [e.payload.bucket, e.payload.asOf, e.payload.daysPastDue])).toEqual([
      ['1-30', '2026-12-02', 1],
      ['31-60', '2027-01-01', 31],
      ['61-90', '2027-01-31', 61],
      ['90+', '2027-03-02', 91],
    ]);
    expect(overdue[0].payload).toMatchObject({ loanId: loan.loanId, seq: 1, scheduleVersion: 1, dueDate: '2026-12-01', unpaidFen: 150_000, townshipCode: ctx.township });
    expect(overdue[0].headers).toMatchObject({ actor: 'system:loan-arrears-sweep' });
    const defaulted = await f.events(loan.loanId, 'LoanDefaulted');
    expect(defaulted).toHaveLength(1);
    expect(defaulted[0].payload).toEqual({
      loanId: loan.loanId, applicationId: loan.applicationId, projectId: ctx.projectId, defaultedOn: '2027-03-02', daysPastDue: 91, overdueFen: 150_000, outstandingPrincipalFen: 300_000,
    });
    await f.guaranteeReaches(loan.guaranteeId!, { status: 'invoked' });
    await eventuallyInvoked(f, loan.loanId, '2027-03-02');

    // The day already aged: nothing new.
    expect(await f.sweepFor('2027-03-11', admin)).toMatchObject({ loansAged: 0, bucketsEntered: 0, loansDefaulted: 0 });

    const officer = await ctx.app.tokenFor('officer', { townships: [ctx.township] });
    const partner = await ctx.app.tokenFor('partner', { partnerId: 'p-1' });
    await ctx.as(officer).post(`/loans/${loan.loanId}/write-off`, { reason: '无力偿还' }).expect(403);
    await ctx.as(ctx.manager).post(`/loans/${loan.loanId}/write-off`, { reason: '无力偿还' }).expect(403);
    await ctx.as(partner).post(`/loans/${loan.loanId}/write-off`, { reason: '无力偿还' }).expect(404);
    const tooSoon = await ctx.as(ctx.foundation).post(`/loans/${loan.loanId}/write-off`, { reason: '借款人外出失联' }).expect(409);
    expect(tooSoon.body).toMatchObject({ code: 'guarantor_demands_too_recent', details: { demandedOn: '2027-03-02', demandsAgeDays: 9, writeOffFrom: '2027-04-01' } });

    const written = await ctx.as(ctx.foundation).post(`/loans/${loan.loanId}/write-off`, { reason: '借款人外出失联', overrideReason: '担保人书面确认无力代偿' }).expect(201);
    expect(written.body).toMatchObject({ status: 'written_off', writtenOffOn: '2027-03-11', writtenOffFen: 300_000 });
    expect(await f.loanRow(loan.loanId)).toMatchObject({ status: 'written_off', principal_outstanding_fen: 0, written_off_fen: 300_000, next_due_date: null });
    const [loss] = await f.sql<{ sum: string }>(`SELECT sum(l.amount_fen)::text AS sum FROM loans.ledger_lines l JOIN loans.ledger_entries e ON e.id = l.entry_id WHERE e.loan_id = $1 AND l.account = 'written_off_loss'`, [loan.loanId]);
    expect(loss.sum).toBe('300000');
    const [receivable] = await f.sql<{ sum: string }>(`SELECT sum(l.amount_fen)::text AS sum FROM loans.ledger_lines l JOIN loans.ledger_entries e ON e.id = l.entry_id WHERE e.loan_id = $1 AND l.account = 'loans_receivable'`, [loan.loanId]);
    expect(receivable.sum).toBe('0');
    expect((await f.events(loan.loanId, 'LoanWrittenOff'))[0].payload).toMatchObject({ lossFen: 300_000, writtenOffOn: '2027-03-11', reason: '担保人书面确认无力代偿' });
    await f.guaranteeReaches(loan.guaranteeId!, { outcome: 'loss' });

    // Written off, it is out of the sweep; a second write-off is an illegal step.
    expect(await f.sweepFor('2027-03-11', admin)).toMatchObject({ loansAged: 0 });
    expect((await ctx.as(ctx.foundation).post(`/loans/${loan.loanId}/write-off`, { reason: 'again' }).expect(409)).body).toMatchObject({ code: 'illegal_step', details: { currentState: 'written_off' } });
    // Every event of the loan's arrears got out (over Kafka the broker checked each against its contract).
    await eventually(
      async () => {
        const rows = await f.sql<{ type: string; status: string }>(
          `SELECT type, status FROM (SELECT seq, type, status, key FROM loans.outbox UNION ALL SELECT seq, type, status, key FROM loans.outbox_archive) o WHERE key = $1 ORDER BY seq`,
          [loan.loanId],
        );
        expect(rows).toEqual(['InstalmentOverdue', 'InstalmentOverdue', 'InstalmentOverdue', 'InstalmentOverdue', 'LoanDefaulted', 'LoanWrittenOff'].map((type) => ({ type, status: 'published' })));
      },
      { timeoutMs: 60_000 },
    );
  });
});

async function eventuallyInvoked(f: ArrearsFixtures, loanId: string, invokedOn: string): Promise<void> {
  await eventually(async () => expect(await f.loanRow(loanId)).toMatchObject({ guarantee_invoked_on: invokedOn }), { timeoutMs: 60_000 });
}

describe('loans: the arrears sweep, pauses and reschedules', () => {
  const ctx = useIntakeContext({ label: 'loanarrears2', kafka: false });
  const f = new ArrearsFixtures(ctx);
  let admin: string;
  beforeAll(async () => {
    admin = await ctx.app.tokenFor('admin');
    await f.fund();
  });
  afterAll(() => f.close());

  it('run twice for one date, the sweep emits once; it refuses a date after today and anyone but an admin', async () => {
    const loan = await f.loan({ disbursedOn: ctx.today, guarantee: false, instalments: [{ dueDate: '2026-12-01', principalFen: 200_000 }] });
    ctx.clock.set('2026-12-02');
    expect(await f.sweepFor('2026-12-01', admin)).toMatchObject({ asOf: '2026-12-01', bucketsEntered: 0 });
    // Due today, not overdue yet: nothing changes, the sweep leaves the row alone.
    expect(await f.loanRow(loan.loanId)).toMatchObject({ days_past_due: 0, bucket: 'current', aged_on: null });
    expect(await f.sweepFor('2026-12-02', admin)).toMatchObject({ asOf: '2026-12-02', loansAged: 1, bucketsEntered: 1, loansDefaulted: 0 });
    expect(await f.sweepFor('2026-12-02', admin)).toMatchObject({ loansAged: 0, bucketsEntered: 0 });
    expect(await f.events(loan.loanId, 'InstalmentOverdue')).toHaveLength(1);
    expect(await f.loanRow(loan.loanId)).toMatchObject({ days_past_due: 1, bucket: '1-30', aged_on: '2026-12-02' });
    const [inst] = await f.sql(`SELECT days_past_due, bucket FROM loans.instalments WHERE loan_id = $1`, [loan.loanId]);
    expect(inst).toEqual({ days_past_due: 1, bucket: '1-30' });

    expect((await ctx.as(admin).post('/admin/sweeps/arrears', { asOf: '2026-12-03' }).expect(400)).body.details).toHaveProperty('asOf');
    await ctx.as(admin).post('/admin/sweeps/arrears', { asOf: '2026-13-01' }).expect(400);
    await ctx.as(ctx.manager).post('/admin/sweeps/arrears', { asOf: '2026-12-02' }).expect(403);
  });

  it('a paused loan does not age and keeps its subsidy; the days outside the pause count', async () => {
    const loan = await f.loan({
      disbursedOn: ctx.today, guarantee: false, chargeKind: 'interest', subsidyBasisPoints: 365,
      instalments: [{ dueDate: '2026-12-01', principalFen: 100_000, feeFen: 500 }],
    });
    ctx.clock.set('2026-12-03');
    const officer = await ctx.app.tokenFor('officer', { townships: [ctx.township] });
    const partner = await ctx.app.tokenFor('partner', { partnerId: 'p-1' });
    const body = { from: '2026-12-05', to: '2027-02-28', reason: '村里发生非洲猪瘟' };
    await ctx.as(officer).post(`/loans/${loan.loanId}/arrears-pause`, body).expect(403);
    await ctx.as(partner).post(`/loans/${loan.loanId}/arrears-pause`, body).expect(404);
    expect((await ctx.as(ctx.manager).post(`/loans/${loan.loanId}/arrears-pause`, { ...body, to: '2026-12-04' }).expect(400)).body.details).toHaveProperty('to');
    await ctx.as(ctx.manager).post(`/loans/${loan.loanId}/arrears-pause`, { ...body, to: '2027-12-31' }).expect(400);
    const paused = await ctx.as(ctx.manager).post(`/loans/${loan.loanId}/arrears-pause`, body).expect(201);
    expect(paused.body).toMatchObject({ loanId: loan.loanId, from: '2026-12-05', to: '2027-02-28', reason: '村里发生非洲猪瘟' });
    expect((await f.events(loan.loanId, 'ArrearsPaused'))[0].payload).toMatchObject({ pauseId: paused.body.pauseId, from: '2026-12-05', to: '2027-02-28' });
    expect(await f.sql(`SELECT step, to_status FROM loans.loan_history WHERE loan_id = $1`, [loan.loanId])).toEqual([{ step: 'arrears-pause', to_status: 'active' }]);

    ctx.clock.set('2027-03-01');
    await f.sweepFor('2026-12-04', admin);
    await f.sweepFor('2027-02-28', admin);
    // 2–4 December count; the pause does not. 100,000 × 3.65% × 3 / 365 = 30 fen of subsidy lost, not 89 days' worth.
    // Paused, it had nothing to change on 28 February: the row is as the sweep of 4 December left it.
    expect(await f.loanRow(loan.loanId)).toMatchObject({ days_past_due: 3, bucket: '1-30', aged_on: '2026-12-04' });
    const [inst] = await f.sql(`SELECT days_past_due, subsidy_lost_fen FROM loans.instalments WHERE loan_id = $1`, [loan.loanId]);
    expect(inst).toEqual({ days_past_due: 3, subsidy_lost_fen: 30 });
    await f.sweepFor('2027-03-01', admin);
    expect(await f.loanRow(loan.loanId)).toMatchObject({ days_past_due: 4 });
    expect((await f.events(loan.loanId, 'InstalmentOverdue')).map((e) => e.payload.bucket)).toEqual(['1-30']);
  });

  it('a reschedule keeps the old schedule as history, folds a partly paid instalment’s remainder into the new one and starts it current', async () => {
    const loan = await f.loan({ disbursedOn: ctx.today, guarantee: false, instalments: [{ dueDate: '2026-12-01', principalFen: 100_000 }, { dueDate: '2027-01-01', principalFen: 100_000 }] });
    ctx.clock.set('2026-12-20');
    await f.sweepFor('2026-12-20', admin);
    expect(await f.loanRow(loan.loanId)).toMatchObject({ days_past_due: 19, bucket: '1-30' });
    // 40,000 of the first instalment paid (as the repayment posting writes it).
    await f.sql(`UPDATE loans.instalments SET principal_paid_fen = 40000 WHERE loan_id = $1 AND seq = 1`, [loan.loanId]);
    await f.sql(`UPDATE loans.loans SET principal_outstanding_fen = 160000, principal_repaid_fen = 40000 WHERE id = $1`, [loan.loanId]);

    const officer = await ctx.app.tokenFor('officer', { townships: [ctx.township] });
    const plan = { instalments: [{ dueDate: '2027-03-01', amountFen: 80_000 }, { dueDate: '2027-06-01', amountFen: 80_000 }], reason: '猪价下跌，回购推迟' };
    await ctx.as(officer).post(`/loans/${loan.loanId}/reschedule`, plan).expect(403);
    const short = await ctx.as(ctx.manager).post(`/loans/${loan.loanId}/reschedule`, { ...plan, instalments: [{ dueDate: '2027-03-01', amountFen: 80_000 }] }).expect(400);
    expect(short.body.details.instalments[0]).toMatch(/80000 fen short/);
    await ctx.as(ctx.manager).post(`/loans/${loan.loanId}/reschedule`, { ...plan, instalments: [{ dueDate: '2026-12-20', amountFen: 160_000 }] }).expect(400);

    const done = await ctx.as(ctx.manager).post(`/loans/${loan.loanId}/reschedule`, plan).expect(201);
    expect(done.body).toMatchObject({ status: 'active', scheduleVersion: 2, rescheduledOn: '2026-12-20' });
    expect(await f.loanRow(loan.loanId)).toMatchObject({ schedule_version: 2, days_past_due: 0, bucket: 'current', next_due_date: '2027-03-01' });
    const rows = await f.sql(`SELECT schedule_version, seq, due_date::text, principal_fen, principal_paid_fen, superseded FROM loans.instalments WHERE loan_id = $1 ORDER BY schedule_version, seq`, [loan.loanId]);
    expect(rows).toEqual([
      { schedule_version: 1, seq: 1, due_date: '2026-12-01', principal_fen: 100_000, principal_paid_fen: 40_000, superseded: true },
      { schedule_version: 1, seq: 2, due_date: '2027-01-01', principal_fen: 100_000, principal_paid_fen: 0, superseded: true },
      { schedule_version: 2, seq: 1, due_date: '2027-03-01', principal_fen: 80_000, principal_paid_fen: 0, superseded: false },
      { schedule_version: 2, seq: 2, due_date: '2027-06-01', principal_fen: 80_000, principal_paid_fen: 0, superseded: false },
    ]);
    const [event] = await f.events(loan.loanId, 'LoanRescheduled');
    expect(event.payload).toMatchObject({ loanId: loan.loanId, scheduleVersion: 2, rescheduledOn: '2026-12-20', reason: '猪价下跌，回购推迟', instalments: [{ seq: 1, dueDate: '2027-03-01', principalFen: 80_000, feeFen: 0 }, { seq: 2, dueDate: '2027-06-01', principalFen: 80_000, feeFen: 0 }] });
    expect(await f.sql(`SELECT step, detail->>'fromVersion' AS "from" FROM loans.loan_history WHERE loan_id = $1`, [loan.loanId])).toEqual([{ step: 'reschedule', from: '1' }]);

    // Nothing is due until March: the sweep leaves it alone.
    ctx.clock.set('2027-01-10');
    await f.sweepFor('2027-01-10', admin);
    expect(await f.loanRow(loan.loanId)).toMatchObject({ days_past_due: 0, bucket: 'current', aged_on: '2026-12-20' });
  });
});
