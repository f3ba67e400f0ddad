import { randomUUID } from 'node:crypto';
import { ApplicationSubmitted, EventEnvelope } from '@xingfu/contracts';
import { EntityManager } from 'typeorm';
import { EventConsumerOptions, EventHandler } from '../consumer/event-consumer.decorator';
import { InboxRunner } from './inbox-runner';

const options: EventConsumerOptions = { service: 'reporting', name: 'counter', events: [ApplicationSubmitted] };
const event = (key: string): EventEnvelope =>
  ({ eventId: randomUUID(), type: ApplicationSubmitted.type, version: 1, aggregateId: key, correlationId: randomUUID(), payload: {} }) as EventEnvelope;

/**
 * A data source whose transactions record their statements and roll back on a throw: inbox
 * rows a transaction inserted count as handled only once it returns.
 */
function fakeDataSource(handled: Set<string> = new Set()) {
  const transactions: string[][] = [];
  const parked: unknown[][] = [];
  const dataSource = {
    transaction: async <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
      const statements: string[] = [];
      const staged = new Set<string>();
      transactions.push(statements);
      const manager = {
        query: async (sql: string, params: unknown[]) => {
          statements.push(sql.trim().split(/\s+/).slice(0, 3).join(' '));
          if (!/INSERT INTO "reporting".inbox/.test(sql)) return [];
          const many = Array.isArray(params[1]);
          const ids = (many ? params[1] : [params[1]]) as string[];
          const fresh = ids.filter((id) => !handled.has(id) && !staged.has(id));
          fresh.forEach((id) => staged.add(id));
          return fresh.map((event_id) => ({ event_id }));
        },
      } as unknown as EntityManager;
      const result = await work(manager);
      staged.forEach((id) => handled.add(id));
      return result;
    },
    query: async (...args: unknown[]) => void parked.push(args),
  };
  return { dataSource, transactions, parked };
}

const policy = { maxAttempts: 2, backoffBaseMs: 1 };

describe('InboxRunner.deliverBatch', () => {
  it('takes a batch in one transaction with one inbox insert, and hands over only the events not handled before, in order', async () => {
    const batch = [event('a'), event('b'), event('a')];
    const { dataSource, transactions } = fakeDataSource(new Set([batch[1].eventId]));
    const seen: string[] = [];
    const handler: EventHandler = { handle: async (e) => void seen.push(e.eventId) };

    await new InboxRunner(dataSource as never, policy, (work) => dataSource.transaction(work)).deliverBatch(options, handler, batch);

    expect(transactions).toEqual([['INSERT INTO "reporting".inbox']]);
    expect(seen).toEqual([batch[0].eventId, batch[2].eventId]);
  });

  it('gives a set-based handler the new events in one call', async () => {
    const batch = [event('a'), event('b')];
    const { dataSource, transactions } = fakeDataSource();
    const calls: string[][] = [];
    const handler: EventHandler = { handle: async () => undefined, handleBatch: async (events) => void calls.push(events.map((e) => e.eventId)) };

    await new InboxRunner(dataSource as never, policy, (work) => dataSource.transaction(work)).deliverBatch(options, handler, batch);

    expect(calls).toEqual([batch.map((e) => e.eventId)]);
    expect(transactions).toHaveLength(1);
  });

  it('falls back to one event per transaction when a handler throws: the bad event parks alone, the others commit in order', async () => {
    const batch = [event('a'), event('b'), event('a')];
    const poison = batch[1].eventId;
    const { dataSource, transactions, parked } = fakeDataSource();
    const handled: string[] = [];
    const handler: EventHandler = {
      handle: async (e) => {
        if (e.eventId === poison) throw new Error('cannot digest');
        handled.push(e.eventId);
      },
    };

    await new InboxRunner(dataSource as never, policy, (work) => dataSource.transaction(work)).deliverBatch(options, handler, batch);

    // The batch (rolled back), then a, the poison twice, and the last a, each on its own.
    expect(transactions).toHaveLength(1 + 1 + policy.maxAttempts + 1);
    expect(handled.slice(-2)).toEqual([batch[0].eventId, batch[2].eventId]);
    expect(parked).toHaveLength(1);
    expect(parked[0][1]).toEqual(expect.arrayContaining([poison]));
  });
});
