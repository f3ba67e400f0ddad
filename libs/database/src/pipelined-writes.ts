import { Query } from 'pg';
import type { PoolClient } from 'pg';

// pg exports its value preparation (Date, Buffer, arrays, JSON: as `query` sends them) but its types omit it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = (require('pg') as { utils: { prepareValue: (value: unknown) => unknown } }).utils;
import { EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import { afterBegin, BEGIN, beginPending } from './lazy-transaction';

/** One parametrised statement. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

type Observer = (queryRunner: QueryRunner, statements: readonly SqlStatement[]) => void;
const observers = new Set<Observer>();

/**
 * Told of every pipelined batch before it is sent (each statement is also broadcast to
 * TypeORM's subscribers as a BeforeQuery): the bench uses it to replay a POST in the same
 * round trips. Returns the way to stop listening.
 */
export function observePipelinedWrites(observer: Observer): () => void {
  observers.add(observer);
  return () => void observers.delete(observer);
}

/**
 * Statements sent in one round trip: Parse/Bind/Describe/Execute for each, then one Sync, as
 * libpq's pipeline mode does. The server runs them in order, each with its own snapshot, as if
 * sent one by one; the first that fails stops the rest and is the error (inside a transaction,
 * which it aborts). Worth it because each round trip costs this process a socket write and a
 * wake-up (measured: ~130 µs of CPU per statement on the survey POST), whatever the statement.
 */
class PipelinedQuery extends Query {
  constructor(
    private readonly statements: readonly SqlStatement[],
    callback: (error: Error | null, results?: PgResult | PgResult[]) => void,
  ) {
    super({ text: statements[0].sql, values: [] }, callback);
  }

  requiresPreparation(): boolean {
    return true;
  }

  prepare(connection: PgConnection): void {
    for (const { sql, params } of this.statements) {
      connection.parse({ text: sql, name: '', types: [] });
      connection.bind({ portal: '', statement: '', values: params, binary: false, valueMapper: prepareValue });
      connection.describe({ type: 'P', name: '' });
      connection.execute({ portal: '', rows: 0 });
    }
    connection.sync();
  }
}

/** The parts of pg's (untyped) Connection the pipeline writes. */
interface PgConnection {
  parse(message: { text: string; name: string; types: unknown[] }): void;
  bind(message: { portal: string; statement: string; values: unknown[]; binary: boolean; valueMapper: (value: unknown) => unknown }): void;
  describe(message: { type: 'P'; name: string }): void;
  execute(message: { portal: string; rows: number }): void;
  sync(): void;
}

interface PgResult {
  rows: Record<string, unknown>[];
}

/**
 * Sends the statements on a bare pg client in one round trip (the bench's baseline uses it too);
 * resolves with each statement's rows, in order.
 */
export function sendPipelined(client: Pick<PoolClient, 'query'>, statements: readonly SqlStatement[]): Promise<Record<string, unknown>[][]> {
  return new Promise((resolve, reject) => {
    // A Submittable: pg hands it the connection when the client is free.
    (client as unknown as { query(q: PipelinedQuery): void }).query(
      new PipelinedQuery(statements, (error, results) => {
        if (error) return reject(error);
        // pg gives one Result per statement (an array), or the one Result when there was one.
        const list = Array.isArray(results) ? results : results ? [results] : [];
        resolve(list.map((r) => r.rows));
      }),
    );
  });
}

/**
 * Writes whose results the caller does not need, sent in the manager's transaction in one round
 * trip: the same statements, in the same order, as one `query` each. TypeORM's subscribers
 * see each as a BeforeQuery; an error comes back as TypeORM's QueryFailedError, as from `query`.
 */
export async function writePipelined(manager: EntityManager, statements: readonly SqlStatement[]): Promise<void> {
  await queryPipelined(manager, statements);
}

/**
 * Statements in the manager's transaction in one round trip, each statement's rows in order.
 * Reads may go too: each statement still runs after the one before it has finished, with a
 * snapshot of its own (READ COMMITTED), so a SELECT after an advisory lock sees what committed
 * while the lock was awaited, as when sent alone.
 */
export async function queryPipelined(manager: EntityManager, statements: readonly SqlStatement[]): Promise<Record<string, unknown>[][]> {
  if (statements.length === 0) return [];
  const queryRunner = manager.queryRunner;
  if (!queryRunner || (statements.length === 1 && !beginPending(queryRunner))) {
    const rows: Record<string, unknown>[][] = [];
    for (const s of statements) rows.push(asRows(await manager.query(s.sql, s.params)));
    return rows;
  }
  // In a lazy transaction (inLazyTransaction) whose BEGIN has not gone yet, this batch carries it.
  return afterBegin(queryRunner, async (withBegin) => {
    if (!withBegin) return sendOnRunner(queryRunner, statements);
    return (await sendOnRunner(queryRunner, [BEGIN, ...statements])).slice(1);
  });
}

/**
 * The statements on the runner's connection in one round trip, as they are: told to the
 * observers and to TypeORM's subscribers (a BeforeQuery each), an error as QueryFailedError.
 */
export async function sendOnRunner(queryRunner: QueryRunner, statements: readonly SqlStatement[]): Promise<Record<string, unknown>[][]> {
  for (const observe of observers) observe(queryRunner, statements);
  for (const s of statements) await queryRunner.broadcaster.broadcast('BeforeQuery', s.sql, s.params);
  const client = (await queryRunner.connect()) as PoolClient;
  try {
    return await sendPipelined(client, statements);
  } catch (error) {
    const failed = statements.map((s) => s.sql).join(';\n');
    throw new QueryFailedError(failed, statements.flatMap((s) => s.params), error as Error);
  }
}

/** manager.query answers an UPDATE/DELETE with [rows, count]: only SELECTs and RETURNINGs have rows to give. */
function asRows(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? (result as Record<string, unknown>[]) : [];
}
