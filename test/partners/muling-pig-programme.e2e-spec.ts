import { AppConfig } from '@xingfu/common';
import { BuybackConfirmedV1, EventEnvelope, topicOf } from '@xingfu/contracts';
import { brokerAddress, committedOffsets, createTestDatabase, dropTestDatabase, eventually, FULL_ID_NUMBER } from '@xingfu/testing';
import { Kafka, logLevel } from 'kafkajs';
import { expectGet } from '../muling/muling-world';
import { ADVANCE_FEN, BUYBACK_ON, buybackFigures, BUYBACKS, CORRECTED, DELIVERED_ON, DISPUTED, LOAN_FEN, MASKED, PigProgramme, PIGLETS, REPAID_IN_FULL, SETTLED_ON } from './muling-pig-driver';

const CONSUMER = 'loans.post-buyback-when-buyback-confirmed';

/**
 * The Muling pig programme of the seed ("supplies breeding pigs and buys the piglets back after
 * 4 months, deducting the breeding-stock cost"), end to end over HTTP in standalone mode: a
 * company registered with its programme, 16 mothers approved with it and lent 5,000 yuan each,
 * 10 piglets delivered to each and acknowledged, the buyback 120 days later, 15 confirmed and
 * one disputed and settled, the withholdings posted to the loans once each.
 *
 * The modelling this test follows: in this programme the company ADVANCES the breeding pigs
 * (the programme's cost bearer is `partner`, deduction rule `delivered_cost`), and the buyback
 * recovers that advance as its stock-cost deduction; the mother's loan is paid out in cash and
 * has no in-kind part. When instead the fund pays for the stock as the loan's in-kind part (the
 * chained Muling scenario in test/muling), the buyback deducts 0 and the withholding recovers
 * the stock's cost through the loan.
 */
describe.each([
  { transport: 'in-process', kafka: false },
  // Over Kafka the go-mokapi broker checks every event against docs/asyncapi.yaml.
  { transport: 'kafka', kafka: true },
])('Muling pig programme (standalone, over HTTP, events $transport)', ({ kafka }) => {
  let databaseUrl: string;
  const w = new PigProgramme(kafka);
  const withheldTotal = () => w.mothers.reduce((sum, p) => sum + w.withheldOf(p), 0);

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('mulingpigs');
    await w.start(databaseUrl);
  });

  afterAll(async () => {
    await w.app?.close();
    await dropTestDatabase(databaseUrl);
  });

  /** The BuybackConfirmed envelope of a buyback as partners published it, to deliver it once more. */
  async function confirmedEnvelope(buybackId: string): Promise<EventEnvelope<BuybackConfirmedV1>> {
    const rows = await w.sql(
      `SELECT event_id, type, version, key, payload, headers FROM (SELECT * FROM partners.outbox UNION ALL SELECT * FROM partners.outbox_archive) o WHERE type = 'BuybackConfirmed' AND payload->>'buybackId' = $1`,
      [buybackId],
    );
    expect(rows).toHaveLength(1);
    const [row] = rows;
    return { eventId: row.event_id, type: row.type, version: row.version, aggregateId: row.key, payload: row.payload, ...row.headers } as EventEnvelope<BuybackConfirmedV1>;
  }

  /** Over Kafka, onto the partners topic again, and waits until loans' consumer group has committed past it. */
  async function republish(envelope: EventEnvelope): Promise<void> {
    const producer = new Kafka({ clientId: 'muling-pig-redelivery', brokers: [brokerAddress()], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const [sent] = await producer.send({ topic: topicOf('partners'), messages: [{ key: envelope.aggregateId, value: JSON.stringify(envelope) }] });
    await producer.disconnect();
    const group = `${w.app.app.get(AppConfig).KAFKA_GROUP_PREFIX}xingfu.loans`;
    await eventually(async () => expect((await committedOffsets(group, topicOf('partners'))).get(sent.partition) ?? 0).toBeGreaterThan(Number(sent.baseOffset)), { timeoutMs: 60000 });
  }

  it('registers the company with its programme (the company advances the piglets) and approves 16 mothers with it', async () => {
    await w.registerCompany();
    const partner = (await expectGet(w, w.tokens.partner, `/partners/${w.partnerId}`)).body;
    expect(partner).toMatchObject({ type: 'company', countyCode: '231085', programmes: [{ projectId: w.projectId, costBorneBy: 'partner', growOutDays: 120, unitCostFen: 30000 }] });
    await w.approveSixteen();
    expect(w.mothers).toHaveLength(16);
  });

  it('lends each mother 5,000 yuan in cash; the company accepts all 16, delivers 10 piglets each, and the officers acknowledge them', async () => {
    await w.lendInCash();
    await w.enrolAndDeliver();
    const list = (await expectGet(w, w.tokens.partner, `/partners/${w.partnerId}/enrolments?pageSize=50`)).body;
    expect(list.total).toBe(16);
    for (const e of list.items) {
      // The advance is no part of the loan: nothing in kind on either side, nothing differs.
      expect(e).toMatchObject({ status: 'accepted', expectedBuybackDate: BUYBACK_ON, deliveries: [{ quantity: PIGLETS, valueFen: ADVANCE_FEN, acknowledged: true, acknowledgedOn: DELIVERED_ON }] });
      expect(e.inKind).toEqual({ loanInKindFen: 0, deliveredFen: ADVANCE_FEN, acknowledgedFen: ADVANCE_FEN, inKindExpectedFen: 0, differenceFen: 0, differs: false });
    }
  });

  it('buys the piglets back after 120 days, the advance deducted and part withheld; the 15 confirmed post their withholding, the disputed one nothing until a project manager settles it', async () => {
    await w.buyBack();
    const disputed = w.mothers[DISPUTED];
    await eventually(async () => expect([...(await w.buybackPostings()).keys()]).toHaveLength(15), { timeoutMs: 60000 });
    // Every other confirmed buyback was heard, so the disputed one was passed over, not yet to come.
    expect((await w.buybackPostings()).get(disputed.loanId)).toBeUndefined();
    expect((await w.loan(disputed)).body.balances).toMatchObject({ principalOutstandingFen: LOAN_FEN, principalRepaidFen: 0 });

    await w.settleDispute();
    await eventually(async () => expect((await w.buybackPostings()).get(disputed.loanId)).toHaveLength(1), { timeoutMs: 60000 });
  });

  it('posts nothing more when a BuybackConfirmed is delivered again', async () => {
    const disputed = w.mothers[DISPUTED];
    const settled = await confirmedEnvelope(disputed.buybackId);
    // The settlement's event carries the re-weighed figures, not the recorded ones.
    expect(settled.payload).toMatchObject({ buybackId: disputed.buybackId, applicationId: disputed.applicationId, partnerId: w.partnerId, boughtOn: BUYBACK_ON, confirmedOn: SETTLED_ON });
    expect(settled.payload.figures).toEqual(buybackFigures(CORRECTED));
    if (kafka) {
      await republish(settled);
    } else {
      expect(await w.app.messaging.replay(CONSUMER, settled)).toBe('duplicate');
      // Even past the inbox (its row gone), the posting keyed by the event id is not made twice.
      const other = await confirmedEnvelope(w.mothers[0].buybackId);
      await w.sql(`DELETE FROM loans.inbox WHERE consumer = $1 AND event_id = $2`, [CONSUMER, other.eventId]);
      expect(await w.app.messaging.replay(CONSUMER, other)).toBe('handled');
    }
    const postings = await w.buybackPostings();
    expect(postings.get(disputed.loanId)).toEqual([{ amount_fen: CORRECTED.loanWithheldFen, reference: disputed.buybackId, source_event_id: settled.eventId, paid_on: BUYBACK_ON }]);
    expect(postings.get(w.mothers[0].loanId)).toHaveLength(1);
  });

  it('shows on each loan exactly one buyback posting of the amount withheld, its balances and the fund’s', async () => {
    const postings = await w.buybackPostings();
    for (const p of w.mothers) {
      const event = await confirmedEnvelope(p.buybackId);
      expect(postings.get(p.loanId)).toEqual([{ amount_fen: w.withheldOf(p), reference: p.buybackId, source_event_id: event.eventId, paid_on: BUYBACK_ON }]);
      const loan = (await w.loan(p)).body;
      expect(loan.postings).toMatchObject({ total: 1, items: [{ source: 'buyback', amountFen: w.withheldOf(p), principalFen: w.withheldOf(p), reference: p.buybackId, paidOn: BUYBACK_ON }] });
      expect(loan.postings.items).toHaveLength(1);
      expect(loan.balances).toEqual({ principalOutstandingFen: LOAN_FEN - w.withheldOf(p), principalRepaidFen: w.withheldOf(p), feePaidFen: 0, writtenOffFen: 0 });
      expect(loan.status).toBe(p.index === REPAID_IN_FULL ? 'repaid' : 'active');
    }
    // One RepaymentPosted per loan and no excess returned: every withholding was owed.
    const [{ posted, returned }] = await w.sql(
      `SELECT count(*) FILTER (WHERE type = 'RepaymentPosted')::int AS posted, count(*) FILTER (WHERE type = 'BuybackExcessReturned')::int AS returned
         FROM (SELECT type, key FROM loans.outbox UNION ALL SELECT type, key FROM loans.outbox_archive) o WHERE key = ANY($1)`,
      [w.mothers.map((p) => p.loanId)],
    );
    expect({ posted, returned }).toEqual({ posted: 16, returned: 0 });
    const fund = (await expectGet(w, w.tokens.foundation, `/projects/${w.projectId}/fund`)).body;
    expect(fund).toMatchObject({ disbursedFen: 16 * LOAN_FEN, repaidFen: withheldTotal(), outstandingFen: 16 * LOAN_FEN - withheldTotal(), identityHolds: true });
    expect(withheldTotal()).toBe(11 * 300000 + 250000 + 3 * 200000 + 500000);
  });

  it('shows the company each mother’s net pay, her name masked, never her ID number or phone, and no way into the loans', async () => {
    // partners has heard each posting answer its buyback's withholding.
    await eventually(async () => {
      const rows = await w.sql(`SELECT id, posted_to_loan_fen::int AS fen FROM partners.buybacks WHERE id = ANY($1)`, [w.mothers.map((p) => p.buybackId)]);
      expect(Object.fromEntries(rows.map((r) => [r.id, r.fen]))).toEqual(Object.fromEntries(w.mothers.map((p) => [p.buybackId, w.withheldOf(p)])));
    }, { timeoutMs: 60000 });
    const list = (await expectGet(w, w.tokens.partner, `/partners/${w.partnerId}/enrolments?pageSize=50`)).body;
    expect(list.total).toBe(16);
    const byId = new Map<string, any>(list.items.map((e: { id: string }) => [e.id, e]));
    for (const p of w.mothers) {
      const e = byId.get(p.enrolmentId);
      expect(e).toMatchObject({ status: 'bought_back', motherNameMasked: MASKED[p.index], villageCode: p.m.village, netPaidFen: w.netOf(p), loanWithheldFen: w.withheldOf(p) });
      const figures = p.index === DISPUTED ? CORRECTED : BUYBACKS[p.index];
      expect(e.buybacks).toEqual([expect.objectContaining({ status: 'confirmed', boughtOn: BUYBACK_ON, stockCostDeductionFen: ADVANCE_FEN, ...figures })]);
      expect(e.loan).toMatchObject({ loanId: p.loanId, outstandingPrincipalFen: LOAN_FEN - w.withheldOf(p) });
    }
    expect(list.items.reduce((sum: number, e: { netPaidFen: number }) => sum + e.netPaidFen, 0)).toBe(w.mothers.reduce((sum, p) => sum + w.netOf(p), 0));
    const text = JSON.stringify(list);
    expect(text).not.toMatch(/idNumber|phone/i);
    expect(text).not.toMatch(FULL_ID_NUMBER);
    for (const p of w.mothers) {
      expect(text).not.toContain(p.m.body.mother.name);
      expect(text).not.toContain(p.m.body.mother.phone);
    }
    await expectGet(w, w.tokens.partner, `/loans/${w.mothers[0].loanId}`, 404);

    // Every event of the programme published (over Kafka: accepted by the broker against the AsyncAPI document), and no dead letter of ours.
    await eventually(async () => {
      const rows = await w.sql(`SELECT type, status, count(*)::int AS n FROM (SELECT type, status FROM partners.outbox UNION ALL SELECT type, status FROM partners.outbox_archive) o GROUP BY type, status ORDER BY type`);
      expect(Object.fromEntries(rows.map((r) => [`${r.type} ${r.status}`, r.n]))).toEqual({
        'PartnerRegistered published': 1,
        'EnrolmentAccepted published': 16,
        'InputsDelivered published': 16,
        'DeliveryAcknowledged published': 16,
        'BuybackRecorded published': 16,
        'BuybackConfirmed published': 16,
        'BuybackDisputed published': 1,
        'BuybackDisputeSettled published': 1,
      });
      const loans = await w.sql(`SELECT count(*)::int AS n FROM loans.outbox WHERE key = ANY($1) AND status <> 'published'`, [w.mothers.map((p) => p.loanId)]);
      expect(loans).toEqual([{ n: 0 }]);
    }, { timeoutMs: 60000 });
    const dead = await w.sql(
      `SELECT consumer, error FROM (SELECT consumer, error, envelope FROM loans.dead_letters UNION ALL SELECT consumer, error, envelope FROM partners.dead_letters) d WHERE d.envelope->'payload'->>'applicationId' = ANY($1)`,
      [w.mothers.map((p) => p.applicationId)],
    );
    expect(dead).toEqual([]);
  });
});
