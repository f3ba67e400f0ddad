import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { entityInsert, observePipelinedWrites, queryPipelined, SqlStatement, writePipelined } from '@xingfu/database';
import { createTestDatabase, dropTestDatabase, newResidentId } from '@xingfu/testing';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { ApplicationEntity } from '../../apps/applications/src/shared/application.entity';
import { SubmitApplicationCommand } from '../../apps/applications/src/submit-application/submit-application.command';
import { ApplicationsContext } from '../service/applications-context';
import { surveyBody } from '../support/intake';

/**
 * Statements sent in one round trip (the unit of work's writes, the survey's reads): the same
 * results, order, snapshots and errors as one `query` each, in fewer round trips.
 */
describe('pipelined statements', () => {
  let url: string;
  let dataSource: DataSource;
  const rows = (sql: string, params: unknown[] = []) => dataSource.query(sql, params) as Promise<Record<string, unknown>[]>;

  /** Runs `body` in a transaction and counts the ReadyForQuery messages (one per round trip) its pg connection received meanwhile. */
  async function inTransactionCounting<T>(body: (manager: EntityManager) => Promise<T>): Promise<{ result: T; roundTrips: number }> {
    let roundTrips = 0;
    const result = await dataSource.transaction(async (manager) => {
      const client = (await manager.queryRunner!.connect()) as PoolClient & { connection: NodeJS.EventEmitter };
      const count = () => void roundTrips++;
      client.connection.on('readyForQuery', count);
      try {
        return await body(manager);
      } finally {
        client.connection.off('readyForQuery', count);
      }
    });
    return { result, roundTrips };
  }

  beforeAll(async () => {
    url = await createTestDatabase('pipeline');
    dataSource = await new DataSource({ type: 'postgres', url }).initialize();
    await dataSource.query(`CREATE TABLE pipeline_rows (id int PRIMARY KEY, seq bigserial, note text NOT NULL)`);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  it("answers each statement's rows in order, in one round trip for all of them", async () => {
    const { result, roundTrips } = await inTransactionCounting((manager) =>
      queryPipelined(manager, [
        { sql: `INSERT INTO pipeline_rows (id, note) VALUES ($1, $2)`, params: [1, 'one'] },
        { sql: `SELECT note FROM pipeline_rows WHERE id = $1`, params: [1] },
        { sql: `UPDATE pipeline_rows SET note = $2 WHERE id = $1`, params: [1, 'uno'] },
        { sql: `SELECT id, note, $1::int[] AS list FROM pipeline_rows WHERE id = ANY($1)`, params: [[1, 2]] },
      ]),
    );
    expect(result).toEqual([[], [{ note: 'one' }], [], [{ id: 1, note: 'uno', list: [1, 2] }]]);
    expect(roundTrips).toBe(1);
  });

  it('writes rows in the order given (their seq follows it)', async () => {
    const ids = [11, 12, 13, 14, 15];
    await dataSource.transaction((manager) => writePipelined(manager, ids.map((id) => ({ sql: `INSERT INTO pipeline_rows (id, note) VALUES ($1, 'ordered')`, params: [id] }))));
    const written = await rows(`SELECT id FROM pipeline_rows WHERE note = 'ordered' ORDER BY seq`);
    expect(written.map((r) => r.id)).toEqual(ids);
  });

  it('stops at the first statement that fails, answers its error as a QueryFailedError, and the transaction keeps none of them', async () => {
    await dataSource.query(`INSERT INTO pipeline_rows (id, note) VALUES (21, 'there before')`);
    const attempt = dataSource.transaction((manager) =>
      writePipelined(manager, [
        { sql: `INSERT INTO pipeline_rows (id, note) VALUES (22, 'first')`, params: [] },
        { sql: `INSERT INTO pipeline_rows (id, note) VALUES ($1, 'clash')`, params: [21] },
        { sql: `INSERT INTO pipeline_rows (id, note) VALUES (23, 'after')`, params: [] },
      ]),
    );
    await expect(attempt).rejects.toBeInstanceOf(QueryFailedError);
    await expect(attempt).rejects.toMatchObject({ driverError: { code: '23505' } });
    expect(await rows(`SELECT id FROM pipeline_rows WHERE id IN (21, 22, 23) ORDER BY id`)).toEqual([{ id: 21 }]);
    // The connection is usable again afterwards.
    expect(await rows(`SELECT 1 AS ok`)).toEqual([{ ok: 1 }]);
  });

  it('runs a read after a lock with a snapshot taken once the lock is granted: it sees what the holder committed meanwhile', async () => {
    const key = `pipeline-${randomUUID()}`;
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      await holder.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
      await holder.query(`INSERT INTO pipeline_rows (id, note) VALUES (31, $1)`, [key]);

      const waiting = dataSource.transaction((manager) =>
        queryPipelined(manager, [
          { sql: 'SELECT pg_advisory_xact_lock(hashtext($1))', params: [key] },
          { sql: `SELECT id FROM pipeline_rows WHERE note = $1`, params: [key] },
        ]),
      );
      // The pipelined lock is queued behind the holder's before the holder commits.
      for (;;) {
        const [{ n }] = (await rows(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)) as { n: number }[];
        if (n > 0) break;
        await sleep(10);
      }
      await holder.commitTransaction();
      const [, seen] = await waiting;
      expect(seen).toEqual([{ id: 31 }]);
    } finally {
      await holder.release();
    }
  });

  it('builds an INSERT from the entity metadata that stores what TypeORM would (transformers, dates, version)', async () => {
    const ctx = await ApplicationsContext.start({ label: 'svcpipeline', today: '2026-11-22' });
    try {
      const projectId = await ctx.newProject();
      const survey = surveyBody(projectId, ctx.township, { idNumber: newResidentId(ctx.county), surveyDate: ctx.clock.today(), villageCode: ctx.newVillage() });
      const batches: SqlStatement[][] = [];
      const stop = observePipelinedWrites((_runner, statements) => void batches.push([...statements]));
      let applicationId: string;
      try {
        ({ id: applicationId } = await ctx.execute<{ id: string }>(new SubmitApplicationCommand(survey as SubmitApplicationCommand['fields'], ctx.as(ctx.officer))));
      } finally {
        stop();
      }
      // The survey: BEGIN, its project, the mother's lock and her open case in one round trip;
      // the application, its history row, ApplicationSubmitted and COMMIT in another.
      expect(batches.map((batch) => batch.length)).toEqual([4, 4]);
      const [[begin, ...reads], written] = batches.map((batch) => batch.map((s) => s.sql));
      const writes = written.slice(0, 3);
      expect([begin, written[3]]).toEqual(['START TRANSACTION', 'COMMIT']);
      expect(reads[0]).toMatch(/FROM "applications"\."projects" WHERE "id" = \$1/);
      expect(reads[1]).toMatch(/pg_advisory_xact_lock/);
      expect(reads[2]).toMatch(/FROM applications\.applications WHERE id_number_hash = \$1/);
      expect(writes[0]).toMatch(/^INSERT INTO "applications"\."applications"/);
      expect(writes[1]).toMatch(/INSERT INTO applications\.application_history/);
      expect(writes[2]).toMatch(/INSERT INTO "applications"\.outbox/);
      const [stored] = await ctx.dataSource.query(
        `SELECT status, annual_income_fen, requested_amount_fen, version, created_at = updated_at AS same, birth_date::text FROM applications.applications WHERE id = $1`,
        [applicationId],
      );
      expect(stored).toMatchObject({ status: 'submitted', annual_income_fen: '800000', requested_amount_fen: '300000', version: 1, same: true });
      expect(stored.birth_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(() => entityInsert(ctx.dataSource.manager, ApplicationEntity, { id: randomUUID() } as ApplicationEntity)).toThrow(/is not set/);
    } finally {
      await ctx.close();
    }
  });
});
