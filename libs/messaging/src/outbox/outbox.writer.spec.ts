import { randomUUID } from 'node:crypto';
import { ApplicationSubmitted, ApplicationSubmittedV1, defineEvent } from '@xingfu/contracts';
import { SystemClock } from '@xingfu/common';
import { EntityManager } from 'typeorm';
import { DeclaredProducers } from '../startup/declared-producers';
import { OutboxWakeups } from './outbox-wakeups';
import { OutboxWriter } from './outbox.writer';

const payload = (): ApplicationSubmittedV1 => ({
  applicationId: randomUUID(),
  projectId: randomUUID(),
  countyCode: '231085',
  townshipCode: '231085100',
  villageCode: '231085100201',
  motherNameMasked: '王*梅',
  idNumberMasked: '2310**********0021',
  industry: 'mushroom',
  requestedAmountFen: 100000,
  model: 'park',
  submittedOn: '2026-11-22',
});
const context = { correlationId: randomUUID(), causationId: null, actor: 'system:test' };

/** A manager inside a transaction that records every statement sent through it. */
function recordingManager() {
  const statements: string[] = [];
  const queryRunner = { isTransactionActive: true, data: {} as Record<string, unknown> };
  const manager = { queryRunner, query: async (sql: string) => void statements.push(sql) } as unknown as EntityManager;
  return { manager, statements, queryRunner };
}

describe('OutboxWriter', () => {
  it('sends one INSERT and no pg_notify inside the write transaction', async () => {
    const { manager, statements } = recordingManager();
    const sut = new OutboxWriter(new SystemClock());

    await sut.append(manager, ApplicationSubmitted, { aggregateId: randomUUID(), payload: payload(), context });

    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^INSERT INTO "applications"\.outbox/);
    expect(statements.join('\n')).not.toMatch(/notify/i);
  });

  it('appends many events of one contract in one INSERT, in the order given, each payload checked', async () => {
    const { manager, statements } = recordingManager();
    const params: unknown[][] = [];
    (manager as unknown as { query: (sql: string, p: unknown[]) => Promise<void> }).query = async (sql, p) => void (statements.push(sql), params.push(p));
    const sut = new OutboxWriter(new SystemClock());
    const keys = [randomUUID(), randomUUID(), randomUUID()];

    const envelopes = await sut.appendMany(manager, ApplicationSubmitted, keys.map((aggregateId) => ({ aggregateId, payload: payload(), context })));

    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^INSERT INTO "applications"\.outbox .* WITH ORDINALITY .* ORDER BY e\.n$/s);
    expect(params[0][1]).toEqual(keys);
    expect(envelopes.map((e) => e.aggregateId)).toEqual(keys);
    await expect(sut.appendMany(manager, ApplicationSubmitted, [{ aggregateId: 'x', payload: { ...payload(), townshipCode: 'nope' }, context }])).rejects.toThrow();
    expect(await sut.appendMany(manager, ApplicationSubmitted, [])).toEqual([]);
    expect(statements).toHaveLength(1);
  });

  it('leaves the wake-up to after the commit: the commit wakes the leading relay of this process', async () => {
    const { manager, queryRunner } = recordingManager();
    const sut = new OutboxWriter(new SystemClock());
    const dataSource = { subscribers: [] as unknown[], query: jest.fn(async () => []) };
    const wakeups = new OutboxWakeups(dataSource as never);
    const wake = jest.fn(() => true);
    wakeups.register('applications', wake);

    await sut.append(manager, ApplicationSubmitted, { aggregateId: randomUUID(), payload: payload(), context });
    expect(wake).not.toHaveBeenCalled();
    // A savepoint released inside the transaction is no commit yet.
    wakeups.afterTransactionCommit({ queryRunner } as never);
    expect(wake).not.toHaveBeenCalled();
    queryRunner.isTransactionActive = false;
    wakeups.afterTransactionCommit({ queryRunner } as never);
    expect(wake).toHaveBeenCalledTimes(1);
    expect(dataSource.query).not.toHaveBeenCalled();
    // The mark is spent: the next commit on this query runner wrote nothing.
    wakeups.afterTransactionCommit({ queryRunner } as never);
    expect(wake).toHaveBeenCalledTimes(1);
    expect(dataSource.subscribers).toContain(wakeups);
  });

  it('refuses an event with no registered contract, and one its service did not declare', async () => {
    const { manager, statements } = recordingManager();
    const declared = new DeclaredProducers();
    declared.declare('applications', [ApplicationSubmitted]);
    const sut = new OutboxWriter(new SystemClock(), declared);
    class TeleportedV1 {}
    const Unregistered = defineEvent({ type: 'ApplicationTeleported', version: 1, producer: 'applications', payload: TeleportedV1, description: '' });

    await expect(sut.append(manager, Unregistered, { aggregateId: 'a', payload: {}, context })).rejects.toThrow(
      'ApplicationTeleported v1 has no contract in libs/contracts/src/registry.ts',
    );
    const { ProjectRegistered } = await import('@xingfu/contracts');
    await expect(sut.append(manager, ProjectRegistered, { aggregateId: 'a', payload: {} as never, context })).rejects.toThrow(
      'applications does not declare ProjectRegistered v1',
    );
    expect(statements).toEqual([]);
  });
});

describe('OutboxWakeups', () => {
  it('sends one debounced NOTIFY after commits when no relay of this process leads', async () => {
    const dataSource = { subscribers: [] as unknown[], query: jest.fn(async () => []) };
    const sut = new OutboxWakeups(dataSource as never);
    sut.register('applications', () => false); // a standby here: the leader is elsewhere

    for (let i = 0; i < 5; i++) sut.wake('applications');
    expect(dataSource.query).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 30));

    expect(dataSource.query).toHaveBeenCalledTimes(1);
    expect(dataSource.query).toHaveBeenCalledWith('SELECT pg_notify($1, $2)', ['xingfu_outbox_applications', '']);
  });

  it('forgets what a rolled-back transaction wrote', () => {
    const dataSource = { subscribers: [] as unknown[], query: jest.fn(async () => []) };
    const sut = new OutboxWakeups(dataSource as never);
    const wake = jest.fn(() => true);
    sut.register('applications', wake);
    const queryRunner = { isTransactionActive: false, data: { 'xingfu.outboxWritten': new Set(['applications']) } };

    sut.afterTransactionRollback({ queryRunner } as never);
    sut.afterTransactionCommit({ queryRunner } as never);

    expect(wake).not.toHaveBeenCalled();
  });
});
