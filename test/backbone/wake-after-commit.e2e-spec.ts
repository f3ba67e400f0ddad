import { randomUUID } from 'node:crypto';
import { ApplicationSubmitted } from '@xingfu/contracts';
import { outboxChannel, OutboxWriter } from '@xingfu/messaging';
import { createTestDatabase, dropTestDatabase, eventually, newTownshipCode, TestApp } from '@xingfu/testing';
import { Client } from 'pg';
import { appendSubmitted, recorded, startBackboneApp, submittedPayload } from '../support/backbone';

/**
 * The relay is woken after the commit, in memory, by the process that committed: no NOTIFY in
 * (or after) the write transaction when this process's relay leads. Polls a minute apart, so
 * anything delivered within eventually's 20 s came by the wake-up.
 */
describe('the relay wakes after commit', () => {
  let databaseUrl: string;
  let app: TestApp;
  let listener: Client;
  const notifications: string[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('wake');
    app = await startBackboneApp(databaseUrl, { kafka: false, env: { OUTBOX_POLL_INTERVAL_MS: '60000' } });
    listener = new Client({ connectionString: databaseUrl });
    await listener.connect();
    listener.on('notification', (n) => notifications.push(n.channel));
    await listener.query(`LISTEN ${outboxChannel('applications')}`);
  });

  afterAll(async () => {
    await listener?.end();
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('after dataSource.transaction(...), without a NOTIFY', async () => {
    const township = newTownshipCode();
    for (let i = 1; i <= 3; i++) {
      await appendSubmitted(app, submittedPayload(township));
      await eventually(async () => expect(await recorded(app, township)).toHaveLength(i));
    }
    expect(notifications).toEqual([]);
  });

  it('after a transaction the caller runs on its own QueryRunner', async () => {
    const township = newTownshipCode();
    const writer = app.app.get(OutboxWriter);
    const queryRunner = app.dataSource.createQueryRunner();
    await queryRunner.connect();
    try {
      for (let i = 1; i <= 2; i++) {
        await queryRunner.startTransaction();
        const payload = submittedPayload(township);
        await writer.append(queryRunner.manager, ApplicationSubmitted, {
          aggregateId: payload.applicationId,
          payload,
          context: { correlationId: randomUUID(), causationId: null, actor: 'system:test' },
        });
        await queryRunner.commitTransaction();
        await eventually(async () => expect(await recorded(app, township)).toHaveLength(i));
      }
    } finally {
      await queryRunner.release();
    }
    expect(notifications).toEqual([]);
  });

  it('not after a rollback', async () => {
    const township = newTownshipCode();
    const writer = app.app.get(OutboxWriter);
    const queryRunner = app.dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    const payload = submittedPayload(township);
    await writer.append(queryRunner.manager, ApplicationSubmitted, { aggregateId: payload.applicationId, payload, context: { correlationId: randomUUID(), causationId: null, actor: 'system:test' } });
    await queryRunner.rollbackTransaction();
    // The same runner's next transaction writes nothing: its commit must not carry the old mark.
    await queryRunner.startTransaction();
    await queryRunner.commitTransaction();
    await queryRunner.release();
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM applications.outbox WHERE payload->>'townshipCode' = $1`, [township]);
    expect(n).toBe(0);
  });
});
