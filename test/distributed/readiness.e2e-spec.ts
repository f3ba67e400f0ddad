import { Logger } from '@nestjs/common';
import { EVENT_TRANSPORT, EventTransport } from '@xingfu/messaging';
import { createTestDatabase, dropTestDatabase, eventually, metric, newTownshipCode, PrivateBroker, startPrivateBroker, startTestApp, TestApp } from '@xingfu/testing';
import { applicationsDatabase } from '../../apps/applications/src/applications.database';
import { ApplicationsModule } from '../../apps/applications/src/applications.module';
import { appendSubmitted, recorded, startBackboneApp, submittedPayload } from '../support/backbone';
import { HELD_VILLAGE_SUFFIX, holdRecorder } from '../support/recorder.module';

/** What the relay of applications logged, by level: the lines an operator reads. */
function relayLines() {
  const spies = (['log', 'warn', 'error'] as const).map((level) => [level, jest.spyOn(Logger.prototype, level)] as const);
  return {
    of: (level: 'log' | 'warn' | 'error', pattern: RegExp) => {
      const { mock } = spies.find(([l]) => l === level)![1];
      return mock.calls
        .filter((_, i) => (mock.contexts[i] as { context?: string } | undefined)?.context === 'OutboxRelay:applications')
        .map((call) => String(call[0]))
        .filter((line) => pattern.test(line));
    },
    restore: () => spies.forEach(([, spy]) => spy.mockRestore()),
  };
}

async function ready(app: TestApp): Promise<{ status: number; body: any; public: any }> {
  const admin = await app.tokenFor('admin');
  const detailed = await app.http().get('/ready').set('Authorization', `Bearer ${admin}`);
  const anonymous = await app.http().get('/ready');
  return { status: detailed.status, body: detailed.body, public: { status: anonymous.status, body: anonymous.body } };
}

describe('readiness of the event backbone', () => {
  let databaseUrl: string;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('readiness');
  });

  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
  });

  afterAll(async () => {
    await dropTestDatabase(databaseUrl);
  });

  it('a broker without the topic the service produces to: /ready says so at once, the relay logs it once, the row stays pending', async () => {
    const broker = await startPrivateBroker({ withoutTopics: ['xingfu.applications.v1'] });
    cleanups.push(() => broker.stop());
    const lines = relayLines();
    cleanups.push(async () => lines.restore());
    // Only the relay of applications (its consumers read its own topic, and would refuse to start: below).
    const app = await startTestApp({
      services: [applicationsDatabase],
      modules: [],
      databaseUrl,
      kafka: true,
      env: { KAFKA_BROKERS: broker.address, OUTBOX_POLL_INTERVAL_MS: '100' },
    });
    cleanups.push(() => app.close());

    const before = await ready(app);
    expect(before.status).toBe(503);
    expect(before.body.error.kafka.message).toContain('the broker has no topic xingfu.applications.v1');
    // Without an admin token only up or down, as for every other dependency.
    expect(before.public).toEqual({ status: 503, body: { status: 'error' } });

    await appendSubmitted(app, submittedPayload(newTownshipCode()));
    await eventually(() => expect(lines.of('error', /no topic xingfu\.applications\.v1/)).toHaveLength(1), { timeoutMs: 20_000 });
    const [row] = await eventually(async () => {
      const rows = await app.dataSource.query(`SELECT status, last_error, created_at FROM applications.outbox`);
      expect(rows[0].last_error).toMatch(/does not host this topic-partition/);
      return rows;
    });
    expect(row.status).toBe('pending');
    // Many more attempts, still the one line (not one per attempt).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(lines.of('error', /no topic/)).toHaveLength(1);
    expect(lines.of('warn', /publishing is failing/)).toHaveLength(0);
    const after = await ready(app);
    expect(after.status).toBe(503);
    expect(after.body.error.kafka.message).toMatch(/no topic xingfu\.applications\.v1/);
  });

  it('a consumer of a topic the broker does not have refuses to start, naming the topic', async () => {
    const broker = await startPrivateBroker({ withoutTopics: ['xingfu.applications.v1'] });
    cleanups.push(() => broker.stop());
    const started = startTestApp({ services: [applicationsDatabase], modules: [ApplicationsModule], databaseUrl, kafka: true, env: { KAFKA_BROKERS: broker.address } });
    await expect(started).rejects.toThrow(/cannot subscribe to .*xingfu\.applications\.v1.*the broker lacks one of them/);
  });

  it('a relay whose publishes keep failing makes /ready 503 after OUTBOX_FAILING_READY_SECONDS, with the oldest pending age; one line when it starts, one when it recovers', async () => {
    const broker = await startPrivateBroker();
    cleanups.push(() => broker.stop());
    const lines = relayLines();
    cleanups.push(async () => lines.restore());
    const app = await startBackboneApp(databaseUrl, { kafka: true, env: { KAFKA_BROKERS: broker.address, OUTBOX_FAILING_READY_SECONDS: '2', OUTBOX_POLL_INTERVAL_MS: '100' } });
    cleanups.push(() => app.close());
    expect((await ready(app)).status).toBe(200);

    // The broker answers /ready's probe but every publish fails, as when its partitions are unavailable.
    const transport = app.app.get<EventTransport>(EVENT_TRANSPORT);
    const publish = transport.publish.bind(transport);
    transport.publish = async (messages) => messages.map(() => ({ status: 'unavailable', error: 'KafkaJSConnectionError: Connection timeout' }));
    await appendSubmitted(app, submittedPayload(newTownshipCode()));
    await eventually(() => expect(lines.of('warn', /publishing is failing/)).toHaveLength(1));
    // Failing, but not yet for long: still ready.
    expect((await ready(app)).status).toBe(200);
    const failing = await eventually(
      async () => {
        const r = await ready(app);
        expect(r.status).toBe(503);
        return r;
      },
      { timeoutMs: 10_000, intervalMs: 250 },
    );
    expect(failing.body.error.kafka.message).toMatch(/applications has failed to publish for \d+ s: KafkaJSConnectionError: Connection timeout; oldest pending outbox row \d+ s old/);
    expect(failing.public).toEqual({ status: 503, body: { status: 'error' } });
    expect(lines.of('warn', /publishing is failing/)).toHaveLength(1);

    transport.publish = publish;
    await eventually(() => expect(lines.of('log', /publishing works again after \d+ s of failures \(last: KafkaJSConnectionError: Connection timeout\)/)).toHaveLength(1));
    await eventually(async () => expect((await ready(app)).status).toBe(200));
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM applications.outbox WHERE status = 'pending'`);
    expect(n).toBe(0);
  });

  it('a consumer group that stops fetching (a handler that never returns) makes /ready 503 after CONSUMER_STALLED_READY_SECONDS, naming the group; ready again once it consumes', async () => {
    const broker = await startPrivateBroker();
    cleanups.push(() => broker.stop());
    const app = await startBackboneApp(databaseUrl, { kafka: true, env: { KAFKA_BROKERS: broker.address, CONSUMER_STALLED_READY_SECONDS: '3', OUTBOX_POLL_INTERVAL_MS: '100' } });
    cleanups.push(() => app.close());
    // Ready once every group joined and fetched (go-mokapi's join delay is 3 s).
    await eventually(async () => expect((await ready(app)).status).toBe(200), { timeoutMs: 30_000, intervalMs: 250 });

    const release = holdRecorder();
    cleanups.push(async () => release());
    const township = newTownshipCode();
    await appendSubmitted(app, submittedPayload(township, { villageCode: `${township}${HELD_VILLAGE_SUFFIX}` }));
    const stalled = await eventually(
      async () => {
        const r = await ready(app);
        expect(r.status).toBe(503);
        return r;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(stalled.body.error.kafka.message).toMatch(/consumer group \S*xingfu\.reporting has fetched nothing for \d+ s \(fetching\): its events wait/);
    expect(stalled.public).toEqual({ status: 503, body: { status: 'error' } });

    release();
    await eventually(async () => expect(await recorded(app, township)).toHaveLength(1), { timeoutMs: 30_000 });
    await eventually(async () => expect((await ready(app)).status).toBe(200), { timeoutMs: 30_000, intervalMs: 250 });
  });

  it('a broker gone: one line when publishing starts failing, one when it recovers, whatever the number of attempts', async () => {
    const broker: PrivateBroker = await startPrivateBroker();
    cleanups.push(() => broker.stop());
    const lines = relayLines();
    cleanups.push(async () => lines.restore());
    const app = await startBackboneApp(databaseUrl, { kafka: true, env: { KAFKA_BROKERS: broker.address, OUTBOX_POLL_INTERVAL_MS: '100' } });
    cleanups.push(() => app.close());
    const attempts = () => metric(app, 'xingfu_outbox_publish_errors_total', { service: 'applications', reason: 'unavailable' });
    // Delivered (with what earlier tests of this file left behind): the broker works before it goes.
    await eventually(async () => expect((await app.dataSource.query(`SELECT 1 FROM applications.outbox WHERE status = 'pending'`)).length).toBe(0));

    // Refused at once (a frozen broker makes each attempt wait out its timeouts: see the drill).
    await broker.kill();
    const before = await attempts();
    for (let i = 0; i < 3; i++) await appendSubmitted(app, submittedPayload(newTownshipCode()));
    await eventually(() => expect(lines.of('warn', /publishing is failing: the broker is unavailable/)).toHaveLength(1), { timeoutMs: 30_000, intervalMs: 250 });
    // Many failed attempts, one line.
    await eventually(async () => expect((await attempts()) - before).toBeGreaterThanOrEqual(9), { timeoutMs: 30_000, intervalMs: 250 });
    expect(lines.of('warn', /publishing is failing/)).toHaveLength(1);
    expect(lines.of('error', /no topic/)).toHaveLength(0);

    await broker.restart();
    await eventually(() => expect(lines.of('log', /publishing works again after \d+ s of failures \(last: .*\)/)).toHaveLength(1), { timeoutMs: 40_000, intervalMs: 250 });
    expect(lines.of('warn', /publishing is failing/)).toHaveLength(1);
    await eventually(async () => expect((await app.dataSource.query(`SELECT 1 FROM applications.outbox WHERE status = 'pending'`)).length).toBe(0), { timeoutMs: 30_000 });
  });
});
