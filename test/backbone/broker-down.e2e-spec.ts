import { randomUUID } from 'node:crypto';
import { ApplicationSubmitted } from '@xingfu/contracts';
import { OutboxWriter } from '@xingfu/messaging';
import { createTestDatabase, dropTestDatabase, eventually, freezeBroker, metric, newTownshipCode, thawBroker, TestApp } from '@xingfu/testing';
import { recorded, startBackboneApp, submittedPayload } from '../support/backbone';
import { seedProject, surveyBody } from '../support/intake';

describe('the broker is down while commands run', () => {
  let databaseUrl: string;
  let app: TestApp;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('down');
    app = await startBackboneApp(databaseUrl, { kafka: true });
  });

  afterAll(async () => {
    thawBroker(); // whatever happened, leave a broker for the files after this one
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('lets the commands succeed and delivers everything, in order per key, once it is back', async () => {
    const township = newTownshipCode();
    const officer = await app.tokenFor('officer', { townships: [township] });
    const projectId = await seedProject(app.dataSource, township.slice(0, 6));
    const unavailable = () => metric(app, 'xingfu_outbox_publish_errors_total', { service: 'applications', reason: 'unavailable' });
    const unavailableBefore = await unavailable();
    // Down as clients see it, its log and offsets kept (see freezeBroker).
    freezeBroker();

    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await app.http().post('/api/v1/applications').set('Authorization', `Bearer ${officer}`).send(surveyBody(projectId, township)).expect(201);
      ids.push(res.body.id);
    }
    // Several events per aggregate, interleaved across aggregates; n is each key's commit order.
    const keys = ['a', 'b', 'c'].map((k) => `${k}-${randomUUID()}`);
    const perKey = 6;
    const writer = app.app.get(OutboxWriter);
    for (let n = 0; n < perKey; n++) {
      for (const key of keys) {
        await app.dataSource.transaction((manager) =>
          writer.append(manager, ApplicationSubmitted, {
            aggregateId: key,
            payload: submittedPayload(township, { requestedAmountFen: n }),
            context: { correlationId: randomUUID(), causationId: null, actor: 'system:test' },
          }),
        );
      }
    }
    const [pending] = await app.dataSource.query(`SELECT count(*)::int AS n FROM applications.outbox WHERE status = 'pending'`);
    expect(pending.n).toBeGreaterThanOrEqual(ids.length + keys.length * perKey);
    // Down long enough that the relay has found the broker unavailable (not merely slow).
    await eventually(async () => expect(await unavailable()).toBeGreaterThan(unavailableBefore), { timeoutMs: 30000, intervalMs: 500 });

    thawBroker();
    const rows = await eventually(
      async () => {
        const found = await recorded(app, township);
        expect(found).toHaveLength(ids.length + keys.length * perKey);
        return found;
      },
      { timeoutMs: 60000, intervalMs: 200 },
    );
    expect(rows.filter((r) => ids.includes(r.aggregate_id)).map((r) => r.aggregate_id).sort()).toEqual([...ids].sort());
    for (const key of keys) {
      expect(rows.filter((r) => r.aggregate_id === key).map((r) => r.seq)).toEqual(Array.from({ length: perKey }, (_, n) => n));
    }
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(rows.length);
    const [{ n: failed }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM applications.outbox WHERE status = 'failed'`);
    expect(failed).toBe(0);
  });
});
