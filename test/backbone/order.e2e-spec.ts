import { createTestDatabase, dropTestDatabase, eventually, newTownshipCode, TestApp } from '@xingfu/testing';
import { ApplicationSubmitted } from '@xingfu/contracts';
import { OutboxWriter } from '@xingfu/messaging';
import { randomUUID } from 'node:crypto';
import { recorded, startBackboneApp, submittedPayload } from '../support/backbone';

describe.each([{ kafka: false }, { kafka: true }])('per-key order (kafka: $kafka)', ({ kafka }) => {
  let databaseUrl: string;
  let app: TestApp;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('order');
    app = await startBackboneApp(databaseUrl, { kafka });
  });

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('hands each key’s events to the consumer in commit order, with many concurrent writers', async () => {
    const township = newTownshipCode();
    const keys = ['a', 'b', 'c'].map((k) => `${k}-${randomUUID()}`);
    const writer = app.app.get(OutboxWriter);
    const perKey = 20;
    // Writers to one aggregate serialise on its lock (as a real aggregate's row lock does);
    // the number they write under the lock is that key's commit order.
    const write = (key: string) =>
      app.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
        const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM applications.outbox WHERE key = $1`, [key]);
        await writer.append(manager, ApplicationSubmitted, {
          aggregateId: key,
          payload: submittedPayload(township, { requestedAmountFen: n }),
          context: { correlationId: randomUUID(), causationId: null, actor: 'system:test' },
        });
      });
    await Promise.all(keys.flatMap((key) => Array.from({ length: perKey }, () => write(key))));

    const rows = await eventually(
      async () => {
        const found = await recorded(app, township);
        expect(found).toHaveLength(keys.length * perKey);
        return found;
      },
      { timeoutMs: 60000 },
    );
    for (const key of keys) {
      const seqs = rows.filter((r) => r.aggregate_id === key).map((r) => r.seq);
      expect(seqs).toEqual(Array.from({ length: perKey }, (_, i) => i));
    }
  });
});
