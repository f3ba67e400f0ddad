import { randomUUID } from 'node:crypto';
import { ApplicationSubmitted, EventEnvelope } from '@xingfu/contracts';
import { Subscription, UnreadableMessage } from './event-transport';
import { consumeBatch, FetchedBatch, PARK_UNREADABLE_AFTER_SIGHTINGS, readEnvelope, RecordUnreadableYet, UnreadableSightings } from './kafka-batch';

const envelope = (): EventEnvelope => ({ eventId: randomUUID(), type: ApplicationSubmitted.type, version: 1, aggregateId: 'a' }) as EventEnvelope;
const record = (offset: string, value: Buffer | null) => ({ offset, key: Buffer.from('a'), value });

function fetched(messages: ReturnType<typeof record>[], resolved: string[]): FetchedBatch {
  return {
    batch: { topic: 'xingfu.applications.v1', partition: 2, messages },
    resolveOffset: (offset) => void resolved.push(offset),
    heartbeat: async () => undefined,
    isRunning: () => true,
    isStale: () => false,
  };
}

describe('consumeBatch (the Kafka consumer loop)', () => {
  it('parks an unreadable record with where it came from, resolves it and goes on to the next', async () => {
    const good = envelope();
    const seen: string[] = [];
    const parked: UnreadableMessage[] = [];
    const resolved: string[] = [];
    const subscription: Subscription = { service: 'reporting', consumer: 'reporting.x', contracts: [ApplicationSubmitted], deliver: async (batch) => void seen.push(...batch.map((e) => e.eventId)) };
    const garbage = Buffer.from([0xff, 0x00, 0x13]);

    const sightings = new UnreadableSightings();
    const batch = () => fetched([record('7', garbage), record('8', Buffer.from(JSON.stringify(good)))], resolved);
    // Fetched again first: a fetch the client misread reads fine the next time.
    for (let i = 1; i < PARK_UNREADABLE_AFTER_SIGHTINGS; i++) {
      await expect(consumeBatch('reporting', [subscription], async (m) => void parked.push(m), batch(), sightings)).rejects.toThrow(RecordUnreadableYet);
      expect(parked).toEqual([]);
      expect(resolved).toEqual([]);
    }
    await consumeBatch('reporting', [subscription], async (m) => void parked.push(m), batch(), sightings);

    expect(parked).toEqual([
      { service: 'reporting', topic: 'xingfu.applications.v1', partition: 2, offset: '7', key: 'a', value: garbage, reason: expect.stringMatching(/not JSON/) },
    ]);
    expect(seen).toEqual([good.eventId]);
    expect(resolved).toEqual(['8']);
  });

  it('delivers and resolves the records before an unreadable one, and has the rest fetched again; a second reading that is fine goes through', async () => {
    const [before, misread] = [envelope(), envelope()];
    const seen: string[] = [];
    const parked: UnreadableMessage[] = [];
    const resolved: string[] = [];
    const subscription: Subscription = { service: 'reporting', consumer: 'reporting.x', contracts: [ApplicationSubmitted], deliver: async (batch) => void seen.push(...batch.map((e) => e.eventId)) };
    const sightings = new UnreadableSightings();

    const first = fetched([record('6', Buffer.from(JSON.stringify(before))), record('7', Buffer.from('-garbled'))], resolved);
    await expect(consumeBatch('reporting', [subscription], async (m) => void parked.push(m), first, sightings)).rejects.toThrow(/xingfu.applications.v1\[2\]@7.*sighting 1 of 3/);
    expect(seen).toEqual([before.eventId]);
    expect(resolved).toEqual(['6']);

    await consumeBatch('reporting', [subscription], async (m) => void parked.push(m), fetched([record('7', Buffer.from(JSON.stringify(misread)))], resolved), sightings);
    expect(seen).toEqual([before.eventId, misread.eventId]);
    expect(resolved).toEqual(['6', '7']);
    expect(parked).toEqual([]);
  });

  it('leaves the offsets of a batch whose delivery failed unresolved, so Kafka hands it over again', async () => {
    const [first, second] = [envelope(), envelope()];
    const resolved: string[] = [];
    const subscription: Subscription = {
      service: 'reporting',
      consumer: 'reporting.x',
      contracts: [ApplicationSubmitted],
      deliver: async (batch) => {
        if (batch.some((e) => e.eventId === second.eventId)) throw new Error('database down');
      },
    };
    const batch = fetched([record('1', Buffer.from(JSON.stringify(first))), record('2', Buffer.from(JSON.stringify(second)))], resolved);

    await expect(consumeBatch('reporting', [subscription], async () => undefined, batch)).rejects.toThrow('database down');
    expect(resolved).toEqual([]);
  });

  it('hands each subscriber its share of the fetched batch in one call, the subscribers side by side, then resolves the offsets', async () => {
    const [first, second, third] = [envelope(), envelope(), envelope()];
    const resolved: string[] = [];
    const calls: string[][] = [];
    let running = 0;
    let together = 0;
    const subscription = (consumer: string): Subscription => ({
      service: 'reporting',
      consumer,
      contracts: [ApplicationSubmitted],
      deliver: async (batch) => {
        running++;
        await new Promise((resolve) => setTimeout(resolve, 10));
        together = Math.max(together, running);
        running--;
        calls.push([consumer, ...batch.map((e) => e.eventId)]);
      },
    });
    const batch = fetched([first, second, third].map((e, i) => record(String(i + 1), Buffer.from(JSON.stringify(e)))), resolved);

    await consumeBatch('reporting', [subscription('reporting.a'), subscription('reporting.b')], async () => undefined, batch);

    expect(calls.sort()).toEqual([
      ['reporting.a', first.eventId, second.eventId, third.eventId],
      ['reporting.b', first.eventId, second.eventId, third.eventId],
    ]);
    expect(together).toBe(2);
    expect(resolved).toEqual(['3']);
  });

  it('calls a record without a uuid eventId unreadable (the inbox could never store it)', () => {
    expect(readEnvelope(Buffer.from(JSON.stringify({ ...envelope(), eventId: 'e-1' })))).toEqual({ reason: 'no uuid eventId' });
    expect(readEnvelope(Buffer.from('{"eventId":'))).toEqual({ reason: expect.stringMatching(/^not JSON/) });
    expect(readEnvelope(null)).toEqual({ reason: 'empty value' });
  });
});
