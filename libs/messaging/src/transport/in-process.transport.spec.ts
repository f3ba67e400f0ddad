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
  it('delivers in order and, when a subscriber cannot take an event, holds back the rest of that key only', async () => {
    const seen: string[] = [];
    const subscription: Subscription = {
      service: 'reporting',
      consumer: 'reporting.test',
      contracts: [ApplicationSubmitted],
      deliver: async (e) => {
        if (e.eventId === 'a-1') throw new Error('database down');
        seen.push(e.eventId);
      },
    };
    const sut = new InProcessTransport();
    await sut.start([subscription]);
    const outcomes = await sut.publish([message('a', 1), message('b', 1), message('a', 2), message('b', 2)]);
    expect(outcomes.map((o) => o.status)).toEqual(['unavailable', 'published', 'skipped', 'published']);
    expect(seen).toEqual(['b-1', 'b-2']);
  });
});

describe('backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 100))).toEqual([100, 200, 400, 800]);
    expect(backoffMs(30, 100, 5000)).toBe(5000);
  });
});
