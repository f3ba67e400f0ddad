import { inLazyTransaction, queryPipelined, sendOnRunner, SqlStatement } from '@xingfu/database';
import { createTestDatabase, dropTestDatabase } from '@xingfu/testing';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager, EntitySubscriberInterface } from 'typeorm';

/**
 * inLazyTransaction (the unit of work's transaction): BEGIN rides with the first batch and COMMIT
 * with the last writes; the server sees the same statements, a failure rolls everything back,
 * and a connection always goes back to the pool outside any transaction.
 */
describe('a transaction whose BEGIN and COMMIT ride with its statements', () => {
  let url: string;
  let dataSource: DataSource;
  const sut = <T>(work: (manager: EntityManager) => Promise<T>, finish: (result: T) => readonly SqlStatement[] = () => []) =>
    inLazyTransaction(dataSource, work, finish, sendOnRunner);
  const notes = async () => ((await dataSource.query(`SELECT note FROM lazy_rows ORDER BY id`)) as { note: string }[]).map((r) => r.note);
  const insert = (id: number, note: string): SqlStatement => ({ sql: `INSERT INTO lazy_rows (id, note) VALUES ($1, $2)`, params: [id, note] });

  /** Counts ReadyForQuery messages (one per round trip) on the runner's connection until `stop`. */
  function countingRoundTrips(manager: EntityManager): { count: () => number; stop: () => void } {
    let n = 0;
    let stop = () => undefined as void;
    const seen = () => void n++;
    void (manager.queryRunner!.connect() as Promise<PoolClient & { connection: NodeJS.EventEmitter }>).then((client) => {
      client.connection.on('readyForQuery', seen);
      stop = () => void client.connection.off('readyForQuery', seen);
    });
    return { count: () => n, stop: () => stop() };
  }

  beforeAll(async () => {
    url = await createTestDatabase('lazytx');
    dataSource = await new DataSource({ type: 'postgres', url, extra: { max: 2 } }).initialize();
    await dataSource.query(`CREATE TABLE lazy_rows (id int PRIMARY KEY, note text NOT NULL)`);
  });
  afterEach(async () => {
    await dataSource.query(`TRUNCATE lazy_rows`);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  it('sends a read batch and the writes with their COMMIT in two round trips, and commits them', async () => {
    const sent: string[] = [];
    const recorder: EntitySubscriberInterface = { beforeQuery: (event) => void sent.push(event.query) };
    dataSource.subscribers.push(recorder);
    let trips: ReturnType<typeof countingRoundTrips> | undefined;
    try {
      await sut(
        async (manager) => {
          trips = countingRoundTrips(manager);
          await queryPipelined(manager, [
            { sql: `SELECT pg_try_advisory_xact_lock(1) AS locked`, params: [] },
            { sql: `SELECT count(*)::int AS n FROM lazy_rows`, params: [] },
          ]);
          return 'done';
        },
        () => [insert(1, 'one'), insert(2, 'two')],
      );
    } finally {
      trips?.stop();
      dataSource.subscribers.splice(dataSource.subscribers.indexOf(recorder), 1);
    }
    expect(sent).toEqual([
      'START TRANSACTION',
      'SELECT pg_try_advisory_xact_lock(1) AS locked',
      'SELECT count(*)::int AS n FROM lazy_rows',
      'INSERT INTO lazy_rows (id, note) VALUES ($1, $2)',
      'INSERT INTO lazy_rows (id, note) VALUES ($1, $2)',
      'COMMIT',
    ]);
    expect(trips!.count()).toBe(2);
    expect(await notes()).toEqual(['one', 'two']);
  });

  it('runs a first statement that is not a batch after a BEGIN of its own, in the transaction', async () => {
    await expect(
      sut(async (manager) => {
        await manager.query(`INSERT INTO lazy_rows (id, note) VALUES (1, 'one')`);
        const [{ open }] = await manager.query(`SELECT now() = statement_timestamp() AS open`);
        expect(open).toBe(false); // in a transaction, now() is its start, not this statement's
        throw new Error('the work fails');
      }),
    ).rejects.toThrow('the work fails');
    expect(await notes()).toEqual([]);
  });

  it('rolls back a transaction whose first batch failed after its BEGIN ran, and leaves the connection clean', async () => {
    await expect(
      sut(async (manager) => {
        await queryPipelined(manager, [insert(1, 'one'), insert(1, 'again')]);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await notes()).toEqual([]);
    // Both pooled connections are outside any transaction: an autocommit write sticks.
    await Promise.all([dataSource.query(`INSERT INTO lazy_rows VALUES (5, 'five')`), dataSource.query(`INSERT INTO lazy_rows VALUES (6, 'six')`)]);
    const states = (await dataSource.query(`SELECT state FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)) as { state: string }[];
    expect(states.filter((s) => s.state !== 'idle')).toEqual([]);
    expect(await notes()).toEqual(['five', 'six']);
  });

  it('commits nothing when a final write fails: the COMMIT after it is skipped', async () => {
    await expect(sut(async (manager) => void (await manager.query(`SELECT 1`)), () => [insert(1, 'one'), insert(1, 'again')])).rejects.toThrow(/duplicate key/);
    expect(await notes()).toEqual([]);
  });

  it('sends nothing for a work that sends nothing, and BEGIN with the writes when only the writes send', async () => {
    const sent: string[] = [];
    const recorder: EntitySubscriberInterface = { beforeQuery: (event) => void sent.push(event.query) };
    dataSource.subscribers.push(recorder);
    try {
      await sut(async () => 1);
      expect(sent).toEqual([]);
      await sut(async () => 2, () => [insert(3, 'three')]);
      expect(sent).toEqual(['START TRANSACTION', 'INSERT INTO lazy_rows (id, note) VALUES ($1, $2)', 'COMMIT']);
    } finally {
      dataSource.subscribers.splice(dataSource.subscribers.indexOf(recorder), 1);
    }
    expect(await notes()).toEqual(['three']);
  });

  it("tells TypeORM's subscribers of the start and the commit, with the transaction no longer active at the commit", async () => {
    const seen: string[] = [];
    const recorder: EntitySubscriberInterface = {
      afterTransactionStart: (e) => void seen.push(`start active=${e.queryRunner.isTransactionActive}`),
      afterTransactionCommit: (e) => void seen.push(`commit active=${e.queryRunner.isTransactionActive}`),
      afterTransactionRollback: (e) => void seen.push(`rollback active=${e.queryRunner.isTransactionActive}`),
    };
    dataSource.subscribers.push(recorder);
    try {
      await sut(async (manager) => manager.query(`SELECT 1`));
      await sut(async (manager) => manager.query(`SELECT 1/0`)).catch(() => undefined);
    } finally {
      dataSource.subscribers.splice(dataSource.subscribers.indexOf(recorder), 1);
    }
    expect(seen).toEqual(['start active=true', 'commit active=false', 'start active=true', 'rollback active=false']);
  });

  it('keeps a nested manager.transaction inside it, as a savepoint', async () => {
    await sut(async (manager) => {
      await manager.query(`INSERT INTO lazy_rows VALUES (1, 'outer')`);
      await manager
        .transaction(async (inner) => {
          await inner.query(`INSERT INTO lazy_rows VALUES (2, 'inner')`);
          throw new Error('inner fails');
        })
        .catch(() => undefined);
    });
    expect(await notes()).toEqual(['outer']);
  });
});
