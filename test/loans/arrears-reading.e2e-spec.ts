import { randomUUID } from 'node:crypto';
import { useIntakeContext } from '../support/intake-context';
import { ArrearsFixtures } from './arrears-fixtures';

/**
 * Days past due and the bucket are read on the business date, not stored by the sweep day by
 * day: GET /loans/:id, the list and its bucket filter agree on a date no sweep has run for,
 * pauses leave their days out, and the sweep touches a loan only on the days its state changes.
 */
describe('loans: arrears read on the business date', () => {
  const ctx = useIntakeContext({ label: 'loanarrearsread', kafka: false });
  const f = new ArrearsFixtures(ctx);
  let admin: string;
  let officer: string;
  beforeAll(async () => {
    admin = await ctx.app.tokenFor('admin');
    officer = await ctx.app.tokenFor('officer', { townships: [ctx.township] });
    await f.fund();
  });
  afterAll(() => f.close());

  const listed = async (bucket: string): Promise<string[]> => {
    const res = await ctx.as(officer).get(`/loans?projectId=${ctx.projectId}&bucket=${bucket}&pageSize=100`).expect(200);
    expect(res.body.total).toBe(res.body.items.length);
    return res.body.items.map((l: { id: string }) => l.id);
  };

  it('shows and filters the days past due of the date, with no sweep run for it; a pause leaves its days out', async () => {
    const late = await f.loan({ disbursedOn: ctx.today, guarantee: false, instalments: [{ dueDate: '2026-12-01', principalFen: 100_000 }, { dueDate: '2027-03-01', principalFen: 100_000 }] });
    const paused = await f.loan({ disbursedOn: ctx.today, guarantee: false, instalments: [{ dueDate: '2026-12-01', principalFen: 100_000 }] });
    const graced = await f.loan({ disbursedOn: ctx.today, guarantee: false, graceDays: 40, instalments: [{ dueDate: '2026-12-01', principalFen: 100_000 }] });
    ctx.clock.set('2026-12-20');
    await ctx.as(ctx.manager).post(`/loans/${paused.loanId}/arrears-pause`, { from: '2026-12-10', to: '2026-12-29', reason: '洪水' }).expect(201);

    ctx.clock.set('2027-01-05'); // no sweep has run since the loans were written
    const read = (await ctx.as(officer).get(`/loans/${late.loanId}`).expect(200)).body;
    expect(read).toMatchObject({ daysPastDue: 35, bucket: '31-60' });
    expect(read.schedule.map((i: { overdue: unknown }) => i.overdue)).toEqual([{ daysPastDue: 35, bucket: '31-60' }, null]);
    // 35 days less the 20 paused (10–29 December); within its 40 days' grace the other is current.
    expect((await ctx.as(officer).get(`/loans/${paused.loanId}`).expect(200)).body).toMatchObject({ daysPastDue: 15, bucket: '1-30' });
    expect((await ctx.as(officer).get(`/loans/${graced.loanId}`).expect(200)).body).toMatchObject({ daysPastDue: 0, bucket: 'current' });

    expect(await listed('31-60')).toEqual([late.loanId]);
    expect(await listed('1-30')).toEqual([paused.loanId]);
    expect(await listed('current')).toEqual([graced.loanId]);
    const all = (await ctx.as(officer).get(`/loans?projectId=${ctx.projectId}&pageSize=100`).expect(200)).body.items;
    expect(Object.fromEntries(all.map((l: { id: string; daysPastDue: number }) => [l.id, l.daysPastDue]))).toEqual({ [late.loanId]: 35, [paused.loanId]: 15, [graced.loanId]: 0 });

    // Past the grace (41 days) it is overdue from its due date: 42 days on 12 January.
    ctx.clock.set('2027-01-12');
    expect(await listed('31-60')).toEqual(expect.arrayContaining([late.loanId, graced.loanId]));
  });

  it('answers a repayment with the days past due of the date, as GET /loans/:id counts them, with no sweep run for it', async () => {
    ctx.clock.set(ctx.today);
    const loan = await f.loan({ disbursedOn: ctx.today, guarantee: false, instalments: [{ dueDate: '2026-12-01', principalFen: 100_000 }, { dueDate: '2027-03-01', principalFen: 100_000 }] });
    ctx.clock.set('2027-01-05');
    const pay = (amountFen: number) =>
      ctx.as(officer).post(`/loans/${loan.loanId}/repayments`).set('Idempotency-Key', randomUUID()).send({ amountFen, paidOn: '2027-01-05', source: 'cash' }).expect(201);
    // Half the first instalment: still 35 days late (the row, never swept, says 0 and current).
    expect((await pay(50_000)).body.loan).toMatchObject({ daysPastDue: 35, bucket: '31-60' });
    expect((await ctx.as(officer).get(`/loans/${loan.loanId}`).expect(200)).body).toMatchObject({ daysPastDue: 35, bucket: '31-60' });
    // The rest of it: the next falls due in March, so she is current.
    expect((await pay(50_000)).body.loan).toMatchObject({ daysPastDue: 0, bucket: 'current' });
  });

  it('touches a loan only on the days its state changes, and each change is what the day would have emitted', async () => {
    const loan = await f.loan({ disbursedOn: ctx.today, guarantee: false, instalments: [{ dueDate: '2026-12-01', principalFen: 100_000 }] });
    // The date the sweep last wrote the loan (the counts are the whole book's, this file's other loans included).
    const sweep = async (asOf: string) => {
      ctx.clock.set(asOf);
      await f.sweepFor(asOf, admin);
      const [row] = await f.sql<{ aged_on: string | null }>(`SELECT aged_on::text FROM loans.loans WHERE id = $1`, [loan.loanId]);
      return row.aged_on;
    };
    expect(await sweep('2026-12-01')).toBeNull(); // due today: nothing to change
    expect(await sweep('2026-12-02')).toBe('2026-12-02'); // enters 1–30
    expect(await sweep('2026-12-03')).toBe('2026-12-02'); // 2 days, still 1–30: not touched
    expect(await sweep('2026-12-31')).toBe('2026-12-02'); // 30 days: still 1–30
    expect(await sweep('2027-01-01')).toBe('2027-01-01'); // 31: enters 31–60
    expect((await f.events(loan.loanId, 'InstalmentOverdue')).map((e) => [e.payload.bucket, e.payload.asOf, e.payload.daysPastDue])).toEqual([
      ['1-30', '2026-12-02', 1],
      ['31-60', '2027-01-01', 31],
    ]);
    // A pause recorded afterwards over 10 of those days: the next sweep looks again and sets it back to 1–30 (21 days), without an event.
    await ctx.as(ctx.manager).post(`/loans/${loan.loanId}/arrears-pause`, { from: '2026-12-11', to: '2026-12-20', reason: '猪瘟' }).expect(201);
    expect(await sweep('2027-01-02')).toBe('2027-01-02');
    expect(await f.events(loan.loanId, 'InstalmentOverdue')).toHaveLength(2);
    const [inst] = await f.sql(`SELECT bucket, ages_on::text FROM loans.instalments WHERE loan_id = $1`, [loan.loanId]);
    expect(inst).toEqual({ bucket: '1-30', ages_on: '2027-01-11' });
    expect((await ctx.as(officer).get(`/loans/${loan.loanId}`).expect(200)).body).toMatchObject({ daysPastDue: 22, bucket: '1-30' });
  });
});
