import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { SqlStatement } from './pipelined-writes';

/**
 * A transaction whose BEGIN goes out with its first statement and whose COMMIT goes out with
 * its last writes, instead of a round trip each (TypeORM's `transaction` sends START TRANSACTION
 * and COMMIT alone, awaiting each). The server sees the same statements in the same order:
 * BEGIN, the work, the writes, COMMIT; a statement that fails in a batch skips the rest of it
 * (the COMMIT too) and the transaction is rolled back, as before.
 */

export const BEGIN: SqlStatement = { sql: 'START TRANSACTION', params: [] };
export const COMMIT: SqlStatement = { sql: 'COMMIT', params: [] };

interface LazyBegin {
  /** Set once the BEGIN is on its way (the batch carrying it, or a START TRANSACTION alone). */
  begun?: Promise<unknown>;
  /** A BEGIN was sent at some point (it may have run even if its batch failed): the rollback must go out. */
  attempted?: boolean;
  /** The runner's own methods, put back when the transaction ends. */
  restore: () => void;
}

const lazy = new WeakMap<QueryRunner, LazyBegin>();

/** TypeORM keeps these on the runner (protected): set as its own startTransaction does. */
type RunnerState = QueryRunner & { transactionDepth: number };
function setActive(runner: RunnerState, active: boolean): void {
  (runner as { isTransactionActive: boolean }).isTransactionActive = active;
  runner.transactionDepth = active ? 1 : 0;
}

/**
 * Runs `send` after the transaction's BEGIN, with `withBegin` true when `send` must carry it at
 * the head of its batch. A statement sent meanwhile waits for that batch, so BEGIN is always
 * first. When the batch fails, the next statement sends BEGIN again: harmless if it ran (a
 * warning), and if the transaction is aborted that statement fails anyway.
 */
export function afterBegin<T>(runner: QueryRunner, send: (withBegin: boolean) => Promise<T>): Promise<T> {
  const state = lazy.get(runner);
  if (!state) return send(false);
  if (state.begun) return state.begun.then(() => send(false));
  state.attempted = true;
  const sent = send(true);
  state.begun = sent.then(
    () => undefined,
    () => void (state.begun = undefined),
  );
  return sent;
}

/** True while the runner's transaction has not sent its BEGIN yet. */
export function beginPending(runner: QueryRunner): boolean {
  const state = lazy.get(runner);
  return !!state && !state.begun;
}

/** A statement that does not go through a pipelined batch (a repository's, manager.query) sends BEGIN alone first. */
function holdUntilBegun(runner: QueryRunner): () => void {
  const { query, stream } = runner;
  const beginAlone = async (withBegin: boolean) => {
    if (withBegin) await query.call(runner, BEGIN.sql);
  };
  runner.query = ((...args: Parameters<QueryRunner['query']>) =>
    afterBegin(runner, async (withBegin) => {
      await beginAlone(withBegin);
      return query.apply(runner, args);
    })) as QueryRunner['query'];
  runner.stream = ((...args: Parameters<QueryRunner['stream']>) =>
    afterBegin(runner, async (withBegin) => {
      await beginAlone(withBegin);
      return stream.apply(runner, args);
    })) as QueryRunner['stream'];
  return () => {
    runner.query = query;
    runner.stream = stream;
  };
}

/**
 * `work` in a transaction on a runner of its own, as `dataSource.transaction` runs it (the same
 * TypeORM transaction events, so subscribers such as the outbox's wake-ups see the commit), then
 * `finish`'s statements and the COMMIT in one round trip. Sending a batch (`queryPipelined`)
 * puts the BEGIN at its head; any other statement sends it alone first.
 */
export async function inLazyTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  finish: (result: T) => readonly SqlStatement[],
  send: (runner: QueryRunner, statements: readonly SqlStatement[]) => Promise<unknown>,
): Promise<T> {
  const runner = dataSource.createQueryRunner() as RunnerState;
  try {
    await runner.broadcaster.broadcast('BeforeTransactionStart');
    setActive(runner, true);
    lazy.set(runner, { restore: holdUntilBegun(runner) });
    await runner.broadcaster.broadcast('AfterTransactionStart');
    let result: T;
    try {
      result = await work(runner.manager);
      const statements = finish(result);
      await runner.broadcaster.broadcast('BeforeTransactionCommit');
      // Nothing sent and nothing to write: there is no transaction on the server to commit.
      if (!beginPending(runner) || statements.length) {
        await afterBegin(runner, (withBegin) => send(runner, [...(withBegin ? [BEGIN] : []), ...statements, COMMIT]));
      }
    } catch (error) {
      await rollback(runner).catch(() => undefined);
      throw error;
    }
    end(runner);
    await runner.broadcaster.broadcast('AfterTransactionCommit');
    return result;
  } finally {
    lazy.get(runner)?.restore();
    lazy.delete(runner);
    await runner.release();
  }
}

function end(runner: RunnerState): void {
  setActive(runner, false);
}

async function rollback(runner: RunnerState): Promise<void> {
  await runner.broadcaster.broadcast('BeforeTransactionRollback');
  const state = lazy.get(runner);
  if (!state || state.attempted) {
    // A batch still on its way (one that failed to be sent, say) is waited for first.
    await state?.begun;
    state?.restore();
    await runner.query('ROLLBACK');
  }
  end(runner);
  await runner.broadcaster.broadcast('AfterTransactionRollback');
}
