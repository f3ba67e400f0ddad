import { randomUUID } from 'node:crypto';
import { EventEnvelope, topicOf } from '@xingfu/contracts';
import { brokerAddress, eventually } from '@xingfu/testing';
import { Kafka, logLevel } from 'kafkajs';
import { useIntakeContext } from '../support/intake-context';
import { LoanFixture } from './loan-fixture';
import { buybackBody, PartnerDriver } from './partner-driver';

const CONSUMER = 'loans.post-buyback-when-buyback-confirmed';

/**
 * A confirmed buyback repays the loan through loans' one posting path, keyed by the event:
 * exactly once however often BuybackConfirmed arrives; a disputed one posts nothing until it is
 * settled; a withholding the loan no longer owes (she paid in between) comes back as
 * BuybackExcessReturned, never a refused event, never a lost fen.
 */
describe.each([
  { transport: 'in-process', kafka: false },
  { transport: 'kafka', kafka: true },
])('partners → loans: a buyback’s withholding repays the loan (events $transport)', ({ kafka }) => {
  const ctx = useIntakeContext({ label: 'buybackposting', kafka });
  const d = new PartnerDriver(ctx);
  const loans = new LoanFixture(ctx);
  beforeAll(() => loans.fund());

  const repayments = (loanId: string) =>
    d.sql<{ amount_fen: number; source: string; reference: string; source_event_id: string; paid_on: string }>(
      `SELECT amount_fen, source, reference, source_event_id, paid_on::text FROM loans.repayments WHERE loan_id = $1 ORDER BY created_at`,
      [loanId],
    );
  const loanEvents = (loanId: string, type: string) =>
    d.sql<{ payload: Record<string, number | string> }>(`SELECT payload FROM (SELECT seq, payload, key, type FROM loans.outbox UNION ALL SELECT seq, payload, key, type FROM loans.outbox_archive) o WHERE key = $1 AND type = $2 ORDER BY seq`, [loanId, type]);

  /** The BuybackConfirmed envelope as it was published, to deliver it once more. */
  async function confirmedEnvelope(buybackId: string): Promise<EventEnvelope> {
    const [row] = await d.sql<{ event_id: string; type: string; version: number; key: string; payload: object; headers: object }>(
      `SELECT event_id, type, version, key, payload, headers FROM (SELECT * FROM partners.outbox UNION ALL SELECT * FROM partners.outbox_archive) o WHERE type = 'BuybackConfirmed' AND payload->>'buybackId' = $1`,
      [buybackId],
    );
    return { eventId: row.event_id, type: row.type, version: row.version, aggregateId: row.key, payload: row.payload, ...row.headers } as EventEnvelope;
  }

  async function deliverAgain(envelope: EventEnvelope): Promise<void> {
    if (!kafka) {
      expect(await ctx.app.messaging.replay(CONSUMER, envelope)).toBe('duplicate');
      return;
    }
    const producer = new Kafka({ clientId: 'buyback-redelivery', brokers: [brokerAddress()], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: topicOf('partners'), messages: [{ key: envelope.aggregateId, value: JSON.stringify(envelope) }] });
    await producer.disconnect();
  }

  async function boughtBack() {
    const partner = await d.partner();
    const enrolled = await d.delivered(partner);
    const loanId = await loans.disbursed(enrolled.applicationId);
    await d.disbursedAsLoansWould(enrolled.applicationId, { partnerId: partner.partnerId, loanId });
    ctx.clock.set('2027-03-25');
    return { partner, loanId, ...enrolled };
  }

  it('posts a confirmed buyback’s withholding once, with source buyback and the event id as its key, even when BuybackConfirmed comes twice', async () => {
    const { partner, loanId, enrolmentId } = await boughtBack();
    const recorded = await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/buybacks`, buybackBody('2027-03-25')).expect(201);
    const buybackId = recorded.body.buybacks[0].id;
    await ctx.as(ctx.officer).post(`/buybacks/${buybackId}/confirmation`).expect(201);
    const envelope = await confirmedEnvelope(buybackId);

    await eventually(async () => expect(await repayments(loanId)).toHaveLength(1), { timeoutMs: 60000 });
    expect(await repayments(loanId)).toEqual([{ amount_fen: 200000, source: 'buyback', reference: buybackId, source_event_id: envelope.eventId, paid_on: '2027-03-25' }]);
    await deliverAgain(envelope);
    // A second buyback of the same enrolment (same key, so behind the copy) proves the consumer read past it.
    const next = await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/buybacks`, buybackBody('2027-03-25', { stockCostDeductionFen: 0, loanWithheldFen: 50000, netPaidFen: 376566 })).expect(201);
    await ctx.as(ctx.officer).post(`/buybacks/${next.body.buybacks[1].id}/confirmation`).expect(201);
    await eventually(async () => expect(await repayments(loanId)).toHaveLength(2), { timeoutMs: 60000 });
    // Even past the inbox (its row gone), the posting keyed by the event id is not made twice.
    if (!kafka) {
      await d.sql(`DELETE FROM loans.inbox WHERE consumer = $1 AND event_id = $2`, [CONSUMER, envelope.eventId]);
      await ctx.app.messaging.replay(CONSUMER, envelope);
    }
    const [loan] = await d.sql<{ principal_outstanding_fen: number }>(`SELECT principal_outstanding_fen FROM loans.loans WHERE id = $1`, [loanId]);
    expect(loan.principal_outstanding_fen).toBe(50000);
    expect((await repayments(loanId)).map((r) => [r.reference, r.amount_fen])).toEqual([[buybackId, 200000], [next.body.buybacks[1].id, 50000]]);
    expect((await loanEvents(loanId, 'RepaymentPosted')).map((e) => e.payload)).toEqual([
      expect.objectContaining({ amountFen: 200000, source: 'buyback', reference: buybackId, outstandingPrincipalFen: 100000 }),
      expect.objectContaining({ amountFen: 50000, source: 'buyback', outstandingPrincipalFen: 50000 }),
    ]);
    expect(await loanEvents(loanId, 'BuybackExcessReturned')).toEqual([]);
    // partners hears it: the outstanding it knows follows, and the withholding is no longer on the way.
    await eventually(async () => expect((await ctx.as(partner.token).get(`/enrolments/${enrolmentId}`).expect(200)).body.loan).toMatchObject({ outstandingPrincipalFen: 50000 }), { timeoutMs: 60000 });
    expect(await d.sql(`SELECT posted_to_loan_fen::int AS fen FROM partners.buybacks WHERE id = $1`, [buybackId])).toEqual([{ fen: 200000 }]);
  });

  it('posts nothing for a disputed buyback until a project manager settles it, then the settled figure', async () => {
    const { partner, loanId, enrolmentId } = await boughtBack();
    const recorded = await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/buybacks`, buybackBody('2027-03-25')).expect(201);
    const buybackId = recorded.body.buybacks[0].id;
    await ctx.as(ctx.officer).post(`/buybacks/${buybackId}/dispute`, { reason: '过磅重量与农户记录不符' }).expect(201);
    // Another mother's confirmed buyback behind it proves the consumer ran past this one.
    const other = await boughtBack();
    const otherBuyback = await ctx.as(other.partner.token).post(`/enrolments/${other.enrolmentId}/buybacks`, buybackBody('2027-03-25')).expect(201);
    await ctx.as(ctx.officer).post(`/buybacks/${otherBuyback.body.buybacks[0].id}/confirmation`).expect(201);
    await eventually(async () => expect(await repayments(other.loanId)).toHaveLength(1), { timeoutMs: 60000 });
    expect(await repayments(loanId)).toEqual([]);

    const corrected = { headCount: 10, totalWeightGrams: 150200, pricePerKgFen: 2800, marketReferencePerKgFen: 2900, grossFen: 420560, stockCostDeductionFen: 120000, loanWithheldFen: 150000, netPaidFen: 150560 };
    await ctx.as(ctx.manager).post(`/buybacks/${buybackId}/settlement`, { outcome: 'corrected', reason: '复称后确认', figures: corrected }).expect(201);
    await eventually(async () => expect(await repayments(loanId)).toHaveLength(1), { timeoutMs: 60000 });
    expect((await repayments(loanId))[0]).toMatchObject({ amount_fen: 150000, source: 'buyback', reference: buybackId });
  });

  it('posts what the loan still owes and returns the rest when the mother paid in between (the loan then repaid)', async () => {
    const { partner, loanId, enrolmentId } = await boughtBack();
    const recorded = await ctx.as(partner.token).post(`/enrolments/${enrolmentId}/buybacks`, buybackBody('2027-03-25')).expect(201);
    // She paid 150,000 herself before the officer confirmed: the loan owes 150,000 of the 200,000 withheld.
    await ctx.app
      .http()
      .post(`/api/v1/loans/${loanId}/repayments`)
      .set('Authorization', `Bearer ${ctx.officer}`)
      .set('Idempotency-Key', randomUUID())
      .send({ amountFen: 150000, paidOn: '2027-03-25', source: 'cash', reference: '收据 0001' })
      .expect(201);
    await ctx.as(ctx.officer).post(`/buybacks/${recorded.body.buybacks[0].id}/confirmation`).expect(201);
    await eventually(async () => expect(await loanEvents(loanId, 'BuybackExcessReturned')).toHaveLength(1), { timeoutMs: 60000 });
    expect((await repayments(loanId)).map((r) => [r.source, r.amount_fen])).toEqual([['cash', 150000], ['buyback', 150000]]);
    expect((await d.sql(`SELECT status FROM loans.loans WHERE id = $1`, [loanId]))[0]).toEqual({ status: 'repaid' });
    expect((await loanEvents(loanId, 'BuybackExcessReturned'))[0].payload).toMatchObject({ withheldFen: 200000, postedFen: 150000, returnedFen: 50000, buybackId: recorded.body.buybacks[0].id });
  });
});
