import { randomUUID } from 'node:crypto';
import { OutboxRelay } from '@xingfu/messaging';
import { createTestDatabase, dropTestDatabase, eventually, newTownshipCode, TestApp } from '@xingfu/testing';
import { DataSource } from 'typeorm';
import { appendSubmitted, recorded, startBackboneApp, submittedPayload } from '../support/backbone';
import { commitEvent, commitEvents, outboxOnlyDatabase, Published, publishedOrder, range, RecordingTransport, relayFor } from './support/relays';
import { TcpProxy } from './support/tcp-proxy';

describe('the relay wakes on NOTIFY', () => {
  let databaseUrl: string;
  let app: TestApp;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('notify');
    // A poll a minute apart: anything delivered within eventually's 20 s came by NOTIFY.
    app = await startBackboneApp(databaseUrl, { kafka: false, env: { OUTBOX_POLL_INTERVAL_MS: '60000' } });
  });

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('delivers each committed event promptly although the next poll is a minute away', async () => {
    const township = newTownshipCode();
    // The first event may ride the relay's first round at start-up; the later ones find it asleep.
    for (let i = 1; i <= 3; i++) {
      await appendSubmitted(app, submittedPayload(township));
      await eventually(async () => expect(await recorded(app, township)).toHaveLength(i));
    }
  });
});

describe('relays of one service on one database', () => {
  let databaseUrl: string;
  let dataSource: DataSource;
  const started: OutboxRelay[] = [];

  const start = (relay: OutboxRelay) => {
    started.push(relay);
    relay.start();
    return relay;
  };
  const relayConnections = async () => {
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'xingfu-relay-applications'`,
    );
    return n as number;
  };
  const keysForTest = () => ['a', 'b', 'c'].map((k) => `${k}-${randomUUID()}`);

  // A database per test: a row one test leaves pending never reaches the next test's relays.
  beforeEach(async () => {
    databaseUrl = await createTestDatabase('leader');
    dataSource = await outboxOnlyDatabase(databaseUrl);
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((relay) => relay.stop()));
    await dataSource?.destroy();
    await dropTestDatabase(databaseUrl);
  });

  it('does not sleep through a NOTIFY that arrives while it is publishing', async () => {
    const log: Published[] = [];
    let publishes = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transport = new RecordingTransport('relay', log, async () => {
      if (++publishes === 1) await held;
    });
    start(relayFor(databaseUrl, dataSource, transport, 60_000));
    const key = `k-${randomUUID()}`;

    const first = await commitEvent(dataSource, key, 0);
    await eventually(() => expect(publishes).toBe(1));
    const second = await commitEvent(dataSource, key, 1); // its NOTIFY comes while the relay is busy
    release();

    await eventually(() => expect(log.map((p) => p.eventId)).toEqual([first, second]));
  });

  it('lets only the lock holder publish; when it stops, the standby takes over, losing and reordering nothing', async () => {
    const log: Published[] = [];
    const keys = keysForTest();
    start(relayFor(databaseUrl, dataSource, new RecordingTransport('a', log), 50));
    await commitEvent(dataSource, keys[0], 0);
    await eventually(() => expect(log).toHaveLength(1)); // a holds the lock
    start(relayFor(databaseUrl, dataSource, new RecordingTransport('b', log), 50));
    await eventually(async () => expect(await relayConnections()).toBe(2)); // b is up, asking for the lock every 50 ms

    await commitEvents(dataSource, keys, 1, 10);
    await eventually(() => expect(log).toHaveLength(1 + 3 * 10));
    expect(log.filter((p) => p.by !== 'a')).toEqual([]);

    // The leader stops while writers are still committing.
    const writing = commitEvents(dataSource, keys, 11, 20);
    await eventually(() => expect(log.length).toBeGreaterThan(31));
    await started[0].stop();
    await writing;
    // Committed once the leader has stopped: only the standby can publish these (on a loaded
    // machine the leader may drain every event of the writers before its stop returns).
    await commitEvents(dataSource, keys, 31, 2);

    await eventually(() => expect(log).toHaveLength(1 + 3 * 32));
    for (const [i, key] of keys.entries()) expect(publishedOrder(log, key)).toEqual(range(i === 0 ? 0 : 1, 33));
    expect(new Set(log.map((p) => p.eventId)).size).toBe(log.length);
    const lastByA = log.map((p) => p.by).lastIndexOf('a');
    expect(log.slice(lastByA + 1).map((p) => p.by)).toEqual(Array(log.length - lastByA - 1).fill('b'));
    expect(lastByA).toBeLessThan(log.length - 1);
  });

  it('hands the lead to the standby when the leader is cut off from the database, and the cut-off leader publishes nothing', async () => {
    const proxy = await TcpProxy.start({ host: new URL(databaseUrl).hostname, port: Number(new URL(databaseUrl).port || 5432) });
    try {
      const log: Published[] = [];
      const keys = keysForTest();
      // The leader's lock connection runs through a proxy; its other queries do not.
      start(relayFor(proxy.url(databaseUrl), dataSource, new RecordingTransport('a', log), 50));
      await commitEvent(dataSource, keys[0], 0);
      await eventually(() => expect(log).toHaveLength(1));
      // The standby asks for the lock only every 300 ms: time in which a cut-off leader that
      // still thought itself leader would publish the events committed right after the cut.
      start(relayFor(databaseUrl, dataSource, new RecordingTransport('b', log), 300));
      await eventually(async () => expect(await relayConnections()).toBe(2));

      // A partition: the leader hears nothing more and does not know; the server ends its
      // session (as TCP keepalive would), which frees the lock.
      proxy.partition();
      await dataSource.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      await commitEvents(dataSource, keys, 1, 10);

      await eventually(() => expect(log).toHaveLength(1 + 3 * 10));
      expect(log.slice(1).filter((p) => p.by !== 'b')).toEqual([]);
      for (const [i, key] of keys.entries()) expect(publishedOrder(log, key)).toEqual(range(i === 0 ? 0 : 1, 11));
    } finally {
      await proxy.close(); // the cut-off leader's connection now fails, so it can stop
    }
  });
});
