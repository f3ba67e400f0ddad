import { randomUUID } from 'node:crypto';
import { parkUnreadable, UnreadableMessage } from '@xingfu/messaging';
import { createTestDatabase, dropTestDatabase, metric, newTownshipCode, TestApp } from '@xingfu/testing';
import { appendSubmitted, startBackboneApp, submittedPayload } from '../support/backbone';

describe('the backbone on /metrics and in dead letters', () => {
  let databaseUrl: string;
  let app: TestApp;
  // The relay stays off: the outbox rows stay as the test puts them.
  const start = () => startBackboneApp(databaseUrl, { kafka: false, env: { OUTBOX_RELAY_ENABLED: 'false' } });

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('gauges');
    app = await start();
  });

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('shows outbox rows by status and dead letters by consumer as the database holds them, also after a restart', async () => {
    const township = newTownshipCode();
    for (let i = 0; i < 3; i++) await appendSubmitted(app, submittedPayload(township));
    // Written straight to the tables: no code path that could count them in memory.
    await app.dataSource.query(`UPDATE applications.outbox SET status = 'failed' WHERE seq = (SELECT min(seq) FROM applications.outbox)`);
    await app.dataSource.query(
      `INSERT INTO reporting.dead_letters (consumer, event_id, envelope, error, attempts, replayed_at)
       VALUES ('reporting.test-recorder', $1, '{}', 'boom', 5, NULL), ('reporting.test-recorder', $2, '{}', 'boom', 5, now())`,
      [randomUUID(), randomUUID()],
    );
    await app.close();
    app = await start();

    const outbox = (status: string) => metric(app, 'xingfu_outbox_rows', { service: 'applications', status });
    expect([await outbox('pending'), await outbox('failed'), await outbox('published')]).toEqual([2, 1, 0]);
    const letters = (consumer: string, state: string) => metric(app, 'xingfu_dead_letters', { service: 'reporting', consumer, state });
    expect(await letters('reporting.test-recorder', 'unreplayed')).toBe(1);
    expect(await letters('reporting.test-recorder', 'replayed')).toBe(1);
    const res = await app.http().get('/metrics').set('Authorization', `Bearer ${await app.tokenFor('admin')}`).expect(200);
    expect(res.text).toMatch(/^xingfu_dead_letters\{[^}]*consumer="reporting\.applications-by-township"[^}]*state="unreplayed"[^}]*\} 0$/m);
  });

  it('parks an unreadable Kafka record once, with its raw value and where it came from, counts it and will not replay it', async () => {
    // go-mokapi refuses such a record at produce time, so the sink the Kafka consumer hands it
    // to is driven directly here; kafka-batch.spec.ts proves the consumer hands it over.
    const record: UnreadableMessage = {
      service: 'reporting',
      topic: 'xingfu.applications.v1',
      partition: 1,
      offset: String(Date.now()),
      key: 'k-1',
      value: Buffer.from([0xff, 0xfe, 0x00, 0x41]),
      reason: 'not JSON (Unexpected token)',
    };
    const counted = () => metric(app, 'xingfu_kafka_unreadable_total', { service: 'reporting', topic: record.topic });
    const before = await counted();

    await parkUnreadable(app.dataSource, record);
    await parkUnreadable(app.dataSource, record); // read again: the consumer died before committing the offset

    const rows = await app.dataSource.query(`SELECT id, event_id, envelope, error FROM reporting.dead_letters WHERE consumer = 'reporting.<unreadable>'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].envelope).toEqual({
      unreadable: true,
      topic: record.topic,
      partition: 1,
      offset: record.offset,
      key: 'k-1',
      value: record.value?.toString('base64'),
      encoding: 'base64',
    });
    expect(rows[0].error).toBe(`unreadable record at xingfu.applications.v1[1]@${record.offset}: not JSON (Unexpected token)`);
    expect(await counted()).toBe(before + 1);
    expect(await metric(app, 'xingfu_dead_letters', { service: 'reporting', consumer: 'reporting.<unreadable>', state: 'unreplayed' })).toBe(1);

    const admin = await app.tokenFor('admin');
    const listed = await app.http().get('/api/v1/admin/messaging/dead-letters').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ id: rows[0].id, consumer: 'reporting.<unreadable>', error: rows[0].error }));
    const replay = await app.http().post(`/api/v1/admin/messaging/dead-letters/reporting/${rows[0].id}/replay`).set('Authorization', `Bearer ${admin}`).expect(409);
    expect(replay.body.code).toBe('unreadable');
  });
});
