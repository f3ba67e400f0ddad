import { randomUUID } from 'node:crypto';
import { ApplicationSubmitted, ApplicationSubmittedV1 } from '@xingfu/contracts';
import { OutboxWriter } from '@xingfu/messaging';
import { createTestDatabase, dropTestDatabase, eventually, newTownshipCode, TestApp } from '@xingfu/testing';
import { recorded, startBackboneApp, submittedPayload } from '../support/backbone';
import { POISON_VILLAGE_SUFFIX } from '../support/recorder.module';

/**
 * A relay batch reaches each consumer as one inbox transaction. The inbox's handled_at is the
 * transaction's now(), so the rows one transaction wrote share one timestamp: the count of
 * distinct timestamps per consumer is the count of its transactions.
 */
describe('batch delivery (in-process)', () => {
  let databaseUrl: string;
  let app: TestApp;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('batch');
    app = await startBackboneApp(databaseUrl, { kafka: false, env: { OUTBOX_BATCH_SIZE: '500', INBOX_MAX_ATTEMPTS: '2' } });
  });

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  /** Commits all payloads in ONE transaction, so they become visible (and are claimed) together. */
  async function commitTogether(payloads: { payload: ApplicationSubmittedV1; key: string }[]): Promise<string[]> {
    const writer = app.app.get(OutboxWriter);
    return app.dataSource.transaction(async (manager) => {
      const ids: string[] = [];
      for (const { payload, key } of payloads) {
        const envelope = await writer.append(manager, ApplicationSubmitted, { aggregateId: key, payload, context: { correlationId: randomUUID(), causationId: null, actor: 'system:test' } });
        ids.push(envelope.eventId);
      }
      return ids;
    });
  }

  const transactionsPerConsumer = async (eventIds: string[]): Promise<Record<string, number>> => {
    const rows: { consumer: string; n: number }[] = await app.dataSource.query(
      `SELECT consumer, count(DISTINCT handled_at)::int AS n FROM reporting.inbox WHERE event_id = ANY($1::uuid[]) GROUP BY consumer ORDER BY consumer`,
      [eventIds],
    );
    return Object.fromEntries(rows.map((r) => [r.consumer, r.n]));
  };

  const handledPerConsumer = async (eventIds: string[]): Promise<Record<string, number>> => {
    const rows: { consumer: string; n: number }[] = await app.dataSource.query(
      `SELECT consumer, count(*)::int AS n FROM reporting.inbox WHERE event_id = ANY($1::uuid[]) GROUP BY consumer ORDER BY consumer`,
      [eventIds],
    );
    return Object.fromEntries(rows.map((r) => [r.consumer, r.n]));
  };

  it('hands a batch to each consumer in one transaction, each key in order', async () => {
    const township = newTownshipCode();
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    const batch = Array.from({ length: 60 }, (_, i) => ({ key: keys[i % 3], payload: submittedPayload(township, { requestedAmountFen: 100_000 + i }) }));
    const ids = await commitTogether(batch);

    await eventually(async () => expect(await recorded(app, township)).toHaveLength(60));
    // Every consumer of ApplicationSubmitted, the read model's too: each took the batch in one transaction.
    await eventually(async () => expect(await handledPerConsumer(ids)).toEqual({ 'reporting.applications-by-township': 60, 'reporting.read-model-applications': 60, 'reporting.test-recorder': 60 }));
    expect(await transactionsPerConsumer(ids)).toEqual({ 'reporting.applications-by-township': 1, 'reporting.read-model-applications': 1, 'reporting.test-recorder': 1 });
    const rows = await recorded(app, township);
    for (const key of keys) {
      const seqs = rows.filter((r) => r.aggregate_id === key).map((r) => r.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => Number(a) - Number(b)));
    }
  });

  it('parks a poison event of a batch alone: the rest of the batch commits, the other consumer keeps its one transaction', async () => {
    const township = newTownshipCode();
    const key = randomUUID();
    const batch = Array.from({ length: 10 }, (_, i) => ({
      key: i % 2 ? key : randomUUID(),
      payload: submittedPayload(township, { requestedAmountFen: 100_000 + i, ...(i === 5 ? { villageCode: `${township}${POISON_VILLAGE_SUFFIX}` } : {}) }),
    }));
    const ids = await commitTogether(batch);
    const poisonId = ids[5];

    await eventually(async () => expect(await recorded(app, township)).toHaveLength(9));
    const letters = await app.dataSource.query(`SELECT consumer, event_id FROM reporting.dead_letters WHERE event_id = ANY($1::uuid[])`, [ids]);
    expect(letters).toEqual([{ consumer: 'reporting.test-recorder', event_id: poisonId }]);
    expect((await recorded(app, township)).map((r) => r.event_id)).toEqual(ids.filter((id) => id !== poisonId));
    const [count] = await app.dataSource.query(`SELECT applications FROM reporting.applications_by_township WHERE township_code = $1`, [township]);
    expect(count.applications).toBe(10);
    const perConsumer = await transactionsPerConsumer(ids);
    expect(perConsumer['reporting.applications-by-township']).toBe(1);
    expect(perConsumer['reporting.test-recorder']).toBe(9); // the fallback: one event per transaction
  });
});
