import { createTestDatabase, dropTestDatabase, eventually, metric, newTownshipCode, TestApp } from '@xingfu/testing';
import { appendSubmitted, appendUnchecked, recorded, startBackboneApp, submittedPayload } from '../support/backbone';
import { POISON_VILLAGE_SUFFIX } from '../support/recorder.module';

describe('a poison event', () => {
  let databaseUrl: string;
  let app: TestApp;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('poison');
    app = await startBackboneApp(databaseUrl, { kafka: true, env: { OUTBOX_MAX_ATTEMPTS: '3', INBOX_MAX_ATTEMPTS: '3' } });
  });

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  const failedCount = () => metric(app, 'xingfu_outbox_failed_total', { service: 'applications' });

  it('that breaks the contract is rejected by the broker, ends failed and counted, and stalls nothing', async () => {
    const township = newTownshipCode();
    const failedBefore = await failedCount();
    const sharedKey = 'aggregate-with-a-bad-event';
    await appendSubmitted(app, submittedPayload(township), sharedKey);
    const badEventId = await appendUnchecked(app, { ...submittedPayload(township), townshipCode: 'not-a-township' }, sharedKey);
    await appendSubmitted(app, submittedPayload(township), sharedKey);
    await appendSubmitted(app, submittedPayload(township));

    await eventually(async () => expect(await recorded(app, township)).toHaveLength(3), { timeoutMs: 30000 });
    const [bad] = await eventually(async () => {
      const rows = await app.dataSource.query(`SELECT status, attempts, last_error FROM applications.outbox WHERE event_id = $1`, [badEventId]);
      expect(rows[0].status).toBe('failed');
      return rows;
    });
    expect(bad.attempts).toBe(3);
    expect(bad.last_error).toMatch(/validation on broker|INVALID_RECORD|rejected/i);
    expect(await failedCount()).toBe(failedBefore + 1);

    const admin = await app.tokenFor('admin');
    const listed = await app.http().get('/api/v1/admin/messaging/outbox?status=failed').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(listed.body.items.map((i: { eventId: string }) => i.eventId)).toContain(badEventId);
  });

  it('that its consumer cannot handle is dead-lettered after the last try, and later events still arrive', async () => {
    const township = newTownshipCode();
    const poison = submittedPayload(township, { villageCode: `${township}${POISON_VILLAGE_SUFFIX}` });
    const key = poison.applicationId;
    await appendSubmitted(app, poison, key);
    await appendSubmitted(app, submittedPayload(township), key);

    await eventually(async () => expect(await recorded(app, township)).toHaveLength(1), { timeoutMs: 30000 });
    const letters = await app.dataSource.query(`SELECT consumer, attempts FROM reporting.dead_letters WHERE event_id = (
      SELECT event_id FROM applications.outbox WHERE payload->>'villageCode' = $1)`, [poison.villageCode]);
    expect(letters).toEqual([{ consumer: 'reporting.test-recorder', attempts: 3 }]);

    const admin = await app.tokenFor('admin');
    const listed = await app.http().get('/api/v1/admin/messaging/dead-letters').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(listed.body.items.some((i: { consumer: string }) => i.consumer === 'reporting.test-recorder')).toBe(true);
    // The other consumer of the same event was not affected by the recorder's failure.
    const [count] = await app.dataSource.query(`SELECT applications FROM reporting.applications_by_township WHERE township_code = $1`, [township]);
    expect(count.applications).toBe(2);
  });
});
