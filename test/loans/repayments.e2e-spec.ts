import { randomUUID } from 'node:crypto';
import { contextFromEvent } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { eventually, newTownshipCode } from '@xingfu/testing';
import { LoanLifecycle } from '../../apps/loans/src/shared/loan-lifecycle';
import { RepaymentInput, RepaymentPosting } from '../../apps/loans/src/shared/repayment-posting';
import { IntakeContext, useIntakeContext } from '../support/intake-context';
import { ArrearsFixtures, ArrearsLoan } from './arrears-fixtures';

/**
 * Repayments over HTTP on real PostgreSQL and Redis: the Idempotency-Key, the allocation, the
 * fund, concurrency on one loan, the last payment (LoanRepaid, the guarantee released) and a
 * guarantor's payment on a defaulted loan (shown on the guarantee). The guarantor flow also runs
 * over the broker, which checks every event against docs/asyncapi.yaml.
 *
 * The disbursed loans come from the arrears fixtures (a real guarantee; the loan's rows as
 * disbursement writes them) until lending's driver (test/loans/loan-driver.ts) lands.
 */
class Repayments {
  readonly f: ArrearsFixtures;

  constructor(private readonly ctx: IntakeContext) {
    this.f = new ArrearsFixtures(ctx);
  }

  /** POST /loans/:id/repayments with a key (a new one unless given; null for none). */
  pay(loanId: string, body: object, o: { key?: string | null; token?: string } = {}) {
    const req = this.ctx.app
      .http()
      .post(`/api/v1/loans/${loanId}/repayments`)
      .set('Authorization', `Bearer ${o.token ?? this.ctx.officer}`);
    if (o.key !== null) req.set('Idempotency-Key', o.key ?? randomUUID());
    return req.send(body);
  }

  cash(amountFen: number, paidOn = this.ctx.clock.today()) {
    return { amountFen, paidOn, source: 'cash', reference: '收据 0012345' };
  }

  async count(sql: string, params: unknown[]): Promise<number> {
    return Number((await this.f.sql<{ n: string }>(sql, params))[0].n);
  }

  postings(loanId: string): Promise<number> {
    return this.count(`SELECT count(*) AS n FROM loans.repayments WHERE loan_id = $1`, [loanId]);
  }

  /** The sum of one account's lines over the loan's ledger entries (disbursement and repayments). */
  async accountOfLoan(loanId: string, account: string): Promise<number> {
    const [row] = await this.f.sql<{ sum: string | null }>(
      `SELECT sum(l.amount_fen)::text AS sum FROM loans.ledger_lines l JOIN loans.ledger_entries e ON e.id = l.entry_id WHERE e.loan_id = $1 AND l.account = $2`,
      [loanId, account],
    );
    return Number(row.sum ?? 0);
  }

  instalments(loanId: string) {
    return this.f.sql<{ seq: number; principal_paid_fen: number; fee_paid_fen: number; paid_on: string | null }>(
      `SELECT seq, principal_paid_fen, fee_paid_fen, paid_on::text FROM loans.instalments WHERE loan_id = $1 AND NOT superseded ORDER BY seq`,
      [loanId],
    );
  }
}

describe('loans: repayments over HTTP (events in-process)', () => {
  const ctx = useIntakeContext({ label: 'repayments' });
  const r = new Repayments(ctx);
  let loan: ArrearsLoan;
  beforeAll(async () => {
    await r.f.fund({ chargeKind: 'management_fee' });
  });
  beforeEach(async () => {
    // 300,000 fen in three instalments with a fee each: 101,000 due on each date.
    loan = await r.f.loan({
      disbursedOn: ctx.today,
      chargeKind: 'management_fee',
      instalments: [
        { dueDate: '2027-01-22', principalFen: 100_000, feeFen: 1_000 },
        { dueDate: '2027-04-22', principalFen: 100_000, feeFen: 1_000 },
        { dueDate: '2027-07-22', principalFen: 100_000, feeFen: 1_000 },
      ],
      guarantee: false,
    });
  });
  afterAll(() => r.f.close());

  it('posts a payment fee first, oldest instalment first, an overpayment prepaying the next, and answers with the allocation and the balances', async () => {
    const res = await r.pay(loan.loanId, r.cash(150_000)).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      loanId: loan.loanId,
      paidOn: ctx.today,
      amountFen: 150_000,
      feeFen: 2_000,
      principalFen: 148_000,
      source: 'cash',
      guarantorRole: null,
      reference: '收据 0012345',
      postedBy: expect.stringMatching(/^user:/),
      allocation: [
        { scheduleVersion: 1, seq: 1, dueDate: '2027-01-22', feeFen: 1_000, principalFen: 100_000, paidInFull: true },
        { scheduleVersion: 1, seq: 2, dueDate: '2027-04-22', feeFen: 1_000, principalFen: 48_000, paidInFull: false },
      ],
      loan: {
        id: loan.loanId,
        status: 'active',
        principalOutstandingFen: 152_000,
        principalRepaidFen: 148_000,
        feePaidFen: 2_000,
        outstandingFen: 303_000 - 150_000,
        postingsCount: 1,
        nextDueDate: '2027-04-22',
        daysPastDue: 0,
        bucket: 'current',
        repaidOn: null,
      },
    });
    expect(await r.instalments(loan.loanId)).toEqual([
      { seq: 1, principal_paid_fen: 100_000, fee_paid_fen: 1_000, paid_on: ctx.today },
      { seq: 2, principal_paid_fen: 48_000, fee_paid_fen: 1_000, paid_on: null },
      { seq: 3, principal_paid_fen: 0, fee_paid_fen: 0, paid_on: null },
    ]);
    // The principal is back in the fund's cash; the fee went to the project office's account.
    expect(await r.accountOfLoan(loan.loanId, 'fund_cash')).toBe(-300_000 + 148_000);
    expect(await r.accountOfLoan(loan.loanId, 'loans_receivable')).toBe(152_000);
    expect(await r.accountOfLoan(loan.loanId, 'fee_cash')).toBe(2_000);
    const [posted] = await r.f.events(loan.loanId, 'RepaymentPosted');
    expect(posted.payload).toEqual({
      repaymentId: res.body.id,
      loanId: loan.loanId,
      applicationId: loan.applicationId,
      projectId: ctx.projectId,
      postedOn: ctx.today,
      amountFen: 150_000,
      feeFen: 2_000,
      principalFen: 148_000,
      outstandingPrincipalFen: 152_000,
      source: 'cash',
      reference: '收据 0012345',
    });
    expect((await r.f.events(loan.loanId, 'InstalmentPaid')).map((e) => e.payload)).toEqual([
      { loanId: loan.loanId, applicationId: loan.applicationId, projectId: ctx.projectId, scheduleVersion: 1, seq: 1, dueDate: '2027-01-22', paidOn: ctx.today },
    ]);
    expect(await r.f.events(loan.loanId, 'LoanRepaid')).toEqual([]);
  });

  it('posts once for the same Idempotency-Key twice, replaying the first answer; another body with that key is 422; no key is 400', async () => {
    const key = randomUUID();
    const first = await r.pay(loan.loanId, r.cash(10_000), { key }).expect(201);
    const again = await r.pay(loan.loanId, { reference: '收据 0012345', source: 'cash', paidOn: ctx.today, amountFen: 10_000 }, { key }).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await r.pay(loan.loanId, r.cash(20_000), { key }).expect(422);
    expect(other.body).toMatchObject({ code: 'idempotency_key_reused', details: { idempotencyKey: key } });
    const none = await r.pay(loan.loanId, r.cash(10_000), { key: null }).expect(400);
    expect(none.body).toMatchObject({ code: 'validation_failed', details: { 'Idempotency-Key': [expect.any(String)] } });
    expect(await r.postings(loan.loanId)).toBe(1);
    expect(await r.f.events(loan.loanId, 'RepaymentPosted')).toHaveLength(1);
    expect(await r.f.loanRow(loan.loanId)).toMatchObject({ principal_outstanding_fen: 300_000 - 9_000 });
  });

  it('adds 50 concurrent postings on one loan up exactly: the loan, the postings, the instalments and the fund agree', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => r.pay(loan.loanId, r.cash(5_001))));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    const paid = 50 * 5_001;
    const principalPaid = paid - 3_000; // the three fees came first
    const [sums] = await r.f.sql<{ n: string; amount: string; fee: string; principal: string }>(
      `SELECT count(*) AS n, sum(amount_fen)::text AS amount, sum(fee_fen)::text AS fee, sum(principal_fen)::text AS principal FROM loans.repayments WHERE loan_id = $1`,
      [loan.loanId],
    );
    expect(sums).toEqual({ n: '50', amount: String(paid), fee: '3000', principal: String(principalPaid) });
    expect(await r.f.loanRow(loan.loanId)).toMatchObject({ principal_outstanding_fen: 300_000 - principalPaid });
    const [row] = await r.f.sql<{ principal_repaid_fen: number; fee_paid_fen: number; postings_count: number }>(`SELECT principal_repaid_fen, fee_paid_fen, postings_count FROM loans.loans WHERE id = $1`, [loan.loanId]);
    expect(row).toEqual({ principal_repaid_fen: principalPaid, fee_paid_fen: 3_000, postings_count: 50 });
    const instalments = await r.instalments(loan.loanId);
    expect(instalments.reduce((s, i) => s + i.principal_paid_fen, 0)).toBe(principalPaid);
    expect(instalments.reduce((s, i) => s + i.fee_paid_fen, 0)).toBe(3_000);
    expect(instalments.map((i) => i.paid_on !== null)).toEqual([true, true, false]);
    expect(await r.accountOfLoan(loan.loanId, 'fund_cash')).toBe(-300_000 + principalPaid);
    expect(await r.accountOfLoan(loan.loanId, 'loans_receivable')).toBe(300_000 - principalPaid);
    // Each answer saw the balance its posting left: every outstanding figure from 300,000 down appears once.
    const outstanding = answers.map((a) => a.body.loan.outstandingFen as number).sort((a, b) => b - a);
    expect(outstanding).toEqual(Array.from({ length: 50 }, (_, i) => 303_000 - (i + 1) * 5_001));
  });

  it('refuses a payment above the whole outstanding balance with 422 naming the balance, and posts nothing', async () => {
    await r.pay(loan.loanId, r.cash(1_500)).expect(201);
    const res = await r.pay(loan.loanId, r.cash(303_000 - 1_500 + 1)).expect(422);
    expect(res.body).toEqual({ code: 'overpayment', message: expect.stringContaining('301500 fen'), details: { outstandingFen: 301_500, amountFen: 301_501 } });
    expect(await r.postings(loan.loanId)).toBe(1);
  });

  it('posts once for an event however often it is posted (its id the key), answering the first posting again', async () => {
    const event = { eventId: randomUUID(), type: 'BuybackConfirmed', correlationId: randomUUID() };
    const input: RepaymentInput = { amountFen: 60_000, paidOn: ctx.today, source: 'buyback', reference: 'buyback-1', sourceEventId: event.eventId };
    // As a consumer posts: in the inbox's transaction, on the loan it locked by application.
    const postFromEvent = () =>
      ctx.app.dataSource.transaction(async (manager) => {
        const app = ctx.app.app;
        const locked = await app.get(LoanLifecycle).loadByApplicationForChange(manager, loan.applicationId);
        return app.get(RepaymentPosting).post(app.get(UnitOfWork).join(manager, contextFromEvent(event)), locked!, input);
      });
    const [first, second] = await Promise.all([postFromEvent(), postFromEvent()]);
    const third = await postFromEvent();
    expect(second.id).toBe(first.id);
    expect(third).toMatchObject({ id: first.id, amountFen: 60_000, source: 'buyback', reference: 'buyback-1', allocation: first.allocation, loan: { principalOutstandingFen: 300_000 - 59_000 } });
    expect(await r.postings(loan.loanId)).toBe(1);
    expect(await r.f.events(loan.loanId, 'RepaymentPosted')).toHaveLength(1);
    expect(await r.accountOfLoan(loan.loanId, 'fund_cash')).toBe(-300_000 + 59_000);
    const [posted] = await r.f.sql<{ posted_by: string; source_event_id: string }>(`SELECT posted_by, source_event_id FROM loans.repayments WHERE loan_id = $1`, [loan.loanId]);
    expect(posted).toEqual({ posted_by: `event:BuybackConfirmed:${event.eventId}`, source_event_id: event.eventId });
  });

  it('refuses paidOn in the future or before the disbursement with 400', async () => {
    const future = await r.pay(loan.loanId, r.cash(1_000, '2026-11-23')).expect(400);
    expect(future.body).toMatchObject({ code: 'validation_failed', details: { paidOn: [expect.stringContaining('future')] } });
    const early = await r.pay(loan.loanId, r.cash(1_000, '2026-11-21')).expect(400);
    expect(early.body).toMatchObject({ code: 'validation_failed', details: { paidOn: [expect.stringContaining('disbursed')] } });
    expect(await r.postings(loan.loanId)).toBe(0);
  });

  it('refuses a bad body in the one error shape: NUL, a huge or fractional amount, a buyback, a guarantor without a role, a role without a guarantor, an unknown field', async () => {
    const bodies: [object, string][] = [
      [{ ...r.cash(1_000), reference: 'a\u0000b' }, 'body.reference'],
      [{ ...r.cash(1_000), amountFen: 1e20 }, 'amountFen'],
      [{ ...r.cash(1_000), amountFen: 100.5 }, 'amountFen'],
      [{ ...r.cash(1_000), amountFen: 0 }, 'amountFen'],
      [{ ...r.cash(1_000), amountFen: '1000' }, 'amountFen'],
      [{ ...r.cash(1_000), paidOn: '2026-02-30' }, 'paidOn'],
      [{ ...r.cash(1_000), source: 'buyback' }, 'source'],
      [{ ...r.cash(1_000), source: 'guarantor' }, 'guarantorRole'],
      [{ ...r.cash(1_000), guarantorRole: 'household' }, 'guarantorRole'],
      [{ ...r.cash(1_000), reference: 'x'.repeat(201) }, 'reference'],
      [{ ...r.cash(1_000), note: 'hi' }, 'note'],
    ];
    for (const [body, field] of bodies) {
      const res = await r.pay(loan.loanId, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body).toEqual({ code: expect.any(String), message: expect.any(String), details: expect.objectContaining({ [field]: expect.any(Array) }) });
    }
    expect(await r.postings(loan.loanId)).toBe(0);
  });

  it('is a 404 for a partner and for an officer of another township; a project manager of the county may post; a loan not yet disbursed takes none', async () => {
    const partner = await ctx.app.tokenFor('partner', { partnerId: 'p-1' });
    const elsewhere = await ctx.app.tokenFor('officer', { townships: [newTownshipCode()] });
    expect((await r.pay(loan.loanId, r.cash(1_000), { token: partner }).expect(404)).body).toMatchObject({ code: 'not_found' });
    expect((await r.pay(loan.loanId, r.cash(1_000), { token: elsewhere }).expect(404)).body).toMatchObject({ code: 'not_found' });
    await r.pay(randomUUID(), r.cash(1_000)).expect(404);
    await r.pay(loan.loanId, r.cash(1_000), { token: ctx.foundation }).expect(403);
    await r.pay(loan.loanId, { ...r.cash(1_000), source: 'transfer' }, { token: ctx.manager }).expect(201);
    expect(await r.postings(loan.loanId)).toBe(1);

    await r.f.sql(`UPDATE loans.loans SET status = 'agreement_signed' WHERE id = $1`, [loan.loanId]);
    const refused = await r.pay(loan.loanId, r.cash(1_000)).expect(409);
    expect(refused.body).toMatchObject({ code: 'illegal_step', details: { currentState: 'agreement_signed', step: 'repayment' } });
  });
});

describe.each([
  { transport: 'in-process', kafka: false },
  { transport: 'kafka', kafka: true },
])('loans: guarantors pay a defaulted loan, the last payment repays it and the guarantee is released (events $transport)', ({ kafka }) => {
  const ctx = useIntakeContext({ label: 'repaymentsguarantor', kafka });
  const r = new Repayments(ctx);
  let admin: string;
  beforeAll(async () => {
    admin = await ctx.app.tokenFor('admin');
    await r.f.fund();
  });
  afterAll(() => r.f.close());

  it('posts a guarantor payment on a defaulted loan and shows it on the guarantee; the last payment emits LoanRepaid and releases the guarantee', async () => {
    const loan = await r.f.loan({
      disbursedOn: '2026-08-01',
      instalments: [
        { dueDate: '2026-08-15', principalFen: 150_000 },
        { dueDate: '2027-06-01', principalFen: 150_000 },
      ],
    });
    await r.f.sweepFor(ctx.today, admin);
    expect(await r.f.loanRow(loan.loanId)).toMatchObject({ status: 'defaulted', bucket: '90+' });
    await r.f.guaranteeReaches(loan.guaranteeId!, { status: 'invoked' });

    const household = await r.pay(loan.loanId, { amountFen: 150_000, paidOn: ctx.today, source: 'guarantor', guarantorRole: 'household', reference: '担保户代偿' }).expect(201);
    // Still defaulted (only the foundation's write-off or a reschedule leaves that), but nothing is overdue any more.
    expect(household.body).toMatchObject({ source: 'guarantor', guarantorRole: 'household', loan: { status: 'defaulted', principalOutstandingFen: 150_000, daysPastDue: 0, bucket: 'current', nextDueDate: '2027-06-01' } });
    await eventually(
      async () => {
        const parties = (await r.f.guarantees.get(loan.guaranteeId!).expect(200)).body.parties as { role: string; payments: unknown[]; paidFen: number }[];
        expect(parties.find((p) => p.role === 'household')).toMatchObject({ paidFen: 150_000, payments: [{ repaymentId: household.body.id, paidOn: ctx.today, amountFen: 150_000 }] });
      },
      { timeoutMs: 60_000 },
    );

    const township = await r.pay(loan.loanId, { amountFen: 150_000, paidOn: ctx.today, source: 'guarantor', guarantorRole: 'township' }).expect(201);
    expect(township.body.loan).toMatchObject({ status: 'repaid', principalOutstandingFen: 0, outstandingFen: 0, repaidOn: ctx.today, nextDueDate: null });
    const repaid = await r.f.events(loan.loanId, 'LoanRepaid');
    expect(repaid.map((e) => e.payload)).toEqual([{ loanId: loan.loanId, applicationId: loan.applicationId, projectId: ctx.projectId, repaidOn: ctx.today, principalFen: 300_000 }]);
    await r.f.guaranteeReaches(loan.guaranteeId!, { status: 'released', outcome: 'released' });
    // Repaid, it takes no more.
    expect((await r.pay(loan.loanId, r.cash(1)).expect(409)).body).toMatchObject({ code: 'illegal_step', details: { currentState: 'repaid' } });

    // Every event the postings emitted got out (over Kafka the broker checked each against its contract).
    await eventually(
      async () => {
        const rows = await r.f.sql<{ type: string; status: string }>(
          `SELECT type, status FROM (SELECT seq, type, status, key FROM loans.outbox UNION ALL SELECT seq, type, status, key FROM loans.outbox_archive) o
            WHERE key = $1 AND type IN ('RepaymentPosted', 'InstalmentPaid', 'LoanRepaid') ORDER BY seq`,
          [loan.loanId],
        );
        expect(rows).toEqual(['RepaymentPosted', 'InstalmentPaid', 'RepaymentPosted', 'InstalmentPaid', 'LoanRepaid'].map((type) => ({ type, status: 'published' })));
      },
      { timeoutMs: 60_000 },
    );
  });
});
