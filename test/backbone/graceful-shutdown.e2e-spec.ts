import { randomBytes, randomUUID } from 'node:crypto';
import { ApplicationSubmitted } from '@xingfu/contracts';
import { EVENT_TRANSPORT, EventTransport, MessagingRuntime, OutboxWriter } from '@xingfu/messaging';
import { createTestDatabase, dropTestDatabase, eventually, newTownshipCode, TestApp } from '@xingfu/testing';
import { recorded, startBackboneApp, submittedPayload } from '../support/backbone';
import { holdTownshipRow, lockWaits, queryOnce, townshipCount } from './support/hold';

/**
 * Resolves once the part that feeds the handlers was told to stop: the relays in-process
 * (they deliver), the Kafka consumers otherwise. Both stop flags are set synchronously
 * inside the call, so when this resolves no new event can start.
 */
function stopRequested(app: TestApp, kafka: boolean): Promise<void> {
  const target: MessagingRuntime | EventTransport = kafka ? app.app.get<EventTransport>(EVENT_TRANSPORT) : app.messaging;
  const method = kafka ? 'stop' : 'beforeApplicationShutdown';
  return new Promise((resolve) => {
    const original = (target as unknown as Record<string, () => Promise<void>>)[method].bind(target);
    jest.spyOn(target as unknown as Record<string, () => Promise<void>>, method).mockImplementation(() => {
      const stopping = original();
      resolve();
      return stopping;
    });
  });
}

describe.each([{ kafka: false }, { kafka: true }])('a graceful stop while events flow (kafka: $kafka)', ({ kafka }) => {
  let databaseUrl: string;
  let app: TestApp | undefined;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('sigterm');
  });

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('loses nothing: after a restart every event is handled exactly once, in order per key', async () => {
    // Small relay batches, and the same consumer group after the restart.
    const env = { OUTBOX_BATCH_SIZE: '5', KAFKA_GROUP_PREFIX: `t${randomBytes(4).toString('hex')}.` };
    app = await startBackboneApp(databaseUrl, { kafka, env });
    const township = newTownshipCode();
    const keys = ['a', 'b'].map((k) => `${k}-${randomUUID()}`);
    const perKey = 10;
    const total = keys.length * perKey;
    // Every handler for this township waits mid-transaction until the hold is released.
    const hold = await holdTownshipRow(databaseUrl, township);
    // Two commits: the first half is claimed (or fetched) as full batches of several events and
    // keys and held; the second half comes while it is held, so the stop finds events still flowing
    // (a consumer takes a whole fetched batch in one transaction: one commit would all be in it).
    const writer = app.app.get(OutboxWriter);
    const commit = (from: number, to: number) =>
      app!.dataSource.transaction(async (manager) => {
        for (let n = from; n < to; n++) {
          for (const key of keys) {
            await writer.append(manager, ApplicationSubmitted, {
              aggregateId: key,
              payload: submittedPayload(township, { requestedAmountFen: n }),
              context: { correlationId: randomUUID(), causationId: null, actor: 'system:test' },
            });
          }
        }
      });
    await commit(0, perKey / 2);
    await eventually(async () => expect(await lockWaits(databaseUrl)).toBeGreaterThan(0), { timeoutMs: 60000 });
    await commit(perKey / 2, perKey);

    // SIGTERM's path (app.close()) while handlers are mid-transaction and events queue behind them.
    const stopping = stopRequested(app, kafka);
    const closing = app.close();
    await stopping;
    await hold.release();
    await closing;
    app = undefined;
    const handledBefore = await townshipCount(databaseUrl, township);
    expect(handledBefore).toBeLessThan(total);

    app = await startBackboneApp(databaseUrl, { kafka, env });
    const rows = await eventually(
      async () => {
        const found = await recorded(app!, township);
        expect(found).toHaveLength(total);
        return found;
      },
      { timeoutMs: 60000 },
    );
    for (const key of keys) expect(rows.filter((r) => r.aggregate_id === key).map((r) => r.seq)).toEqual(Array.from({ length: perKey }, (_, n) => n));
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(total);
    expect(await townshipCount(databaseUrl, township)).toBe(total);
    const [{ n: inboxed }] = await queryOnce<{ n: number }>(
      databaseUrl,
      `SELECT count(*)::int AS n FROM reporting.inbox WHERE consumer = 'reporting.applications-by-township' AND event_id = ANY($1::uuid[])`,
      [rows.map((r) => r.event_id)],
    );
    expect(inboxed).toBe(total);
  });
});
