import { randomUUID } from 'node:crypto';
import { EventTransport, OutboundMessage, OutboxRelay, PublishOutcome } from '@xingfu/messaging';
import { createTestDatabase, dropTestDatabase, eventually } from '@xingfu/testing';
import { DataSource } from 'typeorm';
import { commitEvents, outboxOnlyDatabase, Published, publishedOrder, range, RecordingTransport, relayFor } from './support/relays';

/** A transport whose first publish waits for `hold`, then may fail the messages of some keys. */
class FlakyFirstPublish implements EventTransport {
  readonly name = 'in-process' as const;
  publishes = 0;

  constructor(
    private readonly log: Published[],
    private readonly hold: () => Promise<void>,
    private readonly failKeys: Set<string>,
  ) {}

  async publish(messages: OutboundMessage[]): Promise<PublishOutcome[]> {
    const first = ++this.publishes === 1;
    if (first) await this.hold();
    return messages.map(({ key, envelope }) => {
      if (first && this.failKeys.has(key)) return { status: 'unavailable', error: 'down for this key' };
      this.log.push({ by: 'flaky', eventId: envelope.eventId, key, n: (envelope.payload as { n: number }).n });
      return { status: 'published' };
    });
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async probe(): Promise<void> {}
}

describe('the relay records a batch and claims the next in one statement after its delivery', () => {
  let databaseUrl: string;
  let dataSource: DataSource;
  let relay: OutboxRelay | undefined;
  const leased = async (): Promise<number> =>
    (await dataSource.query(`SELECT count(*)::int AS n FROM applications.outbox WHERE status = 'pending' AND next_attempt_at > now()`))[0].n;

  beforeEach(async () => {
    databaseUrl = await createTestDatabase('pipeline');
    dataSource = await outboxOnlyDatabase(databaseUrl);
  });

  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
    await dataSource?.destroy();
    await dropTestDatabase(databaseUrl);
  });

  it('claims the next batch only once the current one is delivered, with the rows committed meanwhile, and keeps each key in order', async () => {
    const keys = ['a', 'b', 'c'].map((k) => `${k}-${randomUUID()}`);
    await commitEvents(dataSource, keys, 0, 8); // 24 rows, batches of 10
    const log: Published[] = [];
    let publishes = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    relay = relayFor(databaseUrl, dataSource, new RecordingTransport('relay', log, async () => void (++publishes === 1 && (await held))), 60_000);
    relay.start();

    await eventually(() => expect(publishes).toBe(1));
    // The first batch is being delivered (held): only it is claimed; rows committed now go in the next.
    await eventually(async () => expect(await leased()).toBe(10));
    await commitEvents(dataSource, keys, 8, 2);
    expect(await leased()).toBe(10);
    release();

    await eventually(() => expect(log).toHaveLength(30));
    for (const key of keys) expect(publishedOrder(log, key)).toEqual(range(0, 10));
    expect(publishes).toBe(3); // 10 + 10 + 10: nothing delivered in a batch of its own
  });

  it("holds back a key's later rows when that key failed in the batch before", async () => {
    const keys = ['a', 'b', 'c'].map((k) => `${k}-${randomUUID()}`);
    await commitEvents(dataSource, keys, 0, 8);
    const log: Published[] = [];
    // The first publish returns once its batch is claimed (and nothing else is), and fails key a's rows.
    const transport = new FlakyFirstPublish(log, () => eventually(async () => expect(await leased()).toBe(10)), new Set([keys[0]]));
    relay = relayFor(databaseUrl, dataSource, transport, 100);
    relay.start();

    await eventually(() => expect(log).toHaveLength(24));
    for (const key of keys) expect(publishedOrder(log, key)).toEqual(range(0, 8));
  });
});
