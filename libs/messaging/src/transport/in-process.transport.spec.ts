import { EventEnvelope } from '@xingfu/contracts';
import { ApplicationSubmitted } from '@xingfu/contracts';
import { backoffMs } from '../relay/backoff';
import { OutboundMessage, Subscription } from './event-transport';
import { InProcessTransport } from './in-process.transport';

const message = (key: string, n: number): OutboundMessage => ({
  topic: 'xingfu.applications.v1',
  key,
  envelope: { eventId: `${key}-${n}`, type: ApplicationSubmitted.type, version: 1, aggregateId: key } as EventEnvelope,
});

describe('InProcessTransport', () => {
  it('hands the whole batch to each subscriber in one call, in outbox order', async () => {
    const calls: string[][] = [];
    const subscription: Subscription = {
      service: 'reporting',
      consumer: 'reporting.test',
      contracts: [ApplicationSubmitted],
      deliver: async (batch) => void calls.push(batch.map((e) => e.eventId)),
    };
    const sut = new InProcessTransport();
    await sut.start([subscription]);
    const outcomes = await sut.publish([message('a', 1), message('b', 1), message('a', 2)]);
    expect(calls).toEqual([['a-1', 'b-1', 'a-2']]);
    expect(outcomes.map((o) => o.status)).toEqual(['published', 'published', 'published']);
  });

  it('runs subscribers side by side, and marks a batch a subscriber could not take unavailable', async () => {
    let release!: () => void;
    const slowStarted = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    const slow: Subscription = {
      service: 'reporting',
      consumer: 'reporting.slow',
      contracts: [ApplicationSubmitted],
      deliver: async (batch) => {
        release();
        await new Promise((resolve) => setTimeout(resolve, 20));
        seen.push(...batch.map((e) => `slow:${e.eventId}`));
      },
    };
    const failing: Subscription = {
      service: 'reporting',
      consumer: 'reporting.failing',
      contracts: [ApplicationSubmitted],
      deliver: async () => {
        await slowStarted; // only returns once the slow one runs: they are side by side
        throw new Error('database down');
      },
    };
    const sut = new InProcessTransport();
    await sut.start([slow, failing]);
    const outcomes = await sut.publish([message('a', 1), message('b', 1)]);
    expect(outcomes.map((o) => o.status)).toEqual(['unavailable', 'unavailable']);
    expect(seen).toEqual(['slow:a-1', 'slow:b-1']);
  });
});

describe('backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 100))).toEqual([100, 200, 400, 800]);
    expect(backoffMs(30, 100, 5000)).toBe(5000);
  });
});
