import { Injectable, Logger } from '@nestjs/common';
import { ServiceName } from '@xingfu/contracts';
import { errorMessage } from '@xingfu/common';
import { DataSource, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { outboxChannel } from '../tables';

/** The key on `queryRunner.data` under which the writer notes the outbox schemas a transaction wrote. */
const WRITTEN = 'xingfu.outboxWritten';

/** Called by the writer inside the transaction: no round trip, only a mark on the query runner. */
export function markOutboxWritten(queryRunner: QueryRunner, schema: ServiceName): void {
  const data = queryRunner.data as Record<string, unknown>;
  const written = (data[WRITTEN] as Set<ServiceName> | undefined) ?? new Set<ServiceName>();
  written.add(schema);
  data[WRITTEN] = written;
}

function takeWritten(queryRunner: QueryRunner): Set<ServiceName> | undefined {
  const data = queryRunner.data as Record<string, unknown> | undefined;
  const written = data?.[WRITTEN] as Set<ServiceName> | undefined;
  if (data) delete data[WRITTEN];
  return written;
}

/** How long NOTIFYs to another process's relay are gathered into one. */
export const NOTIFY_DEBOUNCE_MS = 5;

/**
 * Wakes a service's relay AFTER the transaction that wrote its outbox committed, never inside
 * it: a pg_notify in the write transaction takes a lock at commit that serialises every writer.
 * The leading relay of this process is woken in memory; otherwise (it leads in another process)
 * one debounced NOTIFY per schema goes out after commit. The relay also polls, so a lost wake
 * only delays. A TypeORM subscriber sees every commit, through `dataSource.transaction(...)`
 * or a QueryRunner the caller manages.
 */
@Injectable()
export class OutboxWakeups implements EntitySubscriberInterface {
  private readonly logger = new Logger('OutboxWakeups');
  private readonly local = new Map<ServiceName, Set<() => boolean>>();
  private readonly pending = new Map<ServiceName, NodeJS.Timeout>();

  constructor(private readonly dataSource: DataSource) {
    if (!dataSource.subscribers.includes(this)) dataSource.subscribers.push(this);
  }

  /** A relay of this process: `wake` returns false when it does not lead (then NOTIFY goes out). */
  register(schema: ServiceName, wake: () => boolean): () => void {
    const wakes = this.local.get(schema) ?? new Set<() => boolean>();
    wakes.add(wake);
    this.local.set(schema, wakes);
    return () => void wakes.delete(wake);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A released savepoint also reports a commit: wait for the outermost one.
    if (event.queryRunner.isTransactionActive) return;
    const written = takeWritten(event.queryRunner);
    if (written) for (const schema of written) this.wake(schema);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) takeWritten(event.queryRunner);
  }

  wake(schema: ServiceName): void {
    // Every local relay of the schema hears it; only the leader does anything with it.
    let woke = false;
    for (const wake of this.local.get(schema) ?? []) woke = wake() || woke;
    if (woke) return;
    if (this.pending.has(schema)) return;
    const timer = setTimeout(() => {
      this.pending.delete(schema);
      this.dataSource
        .query('SELECT pg_notify($1, $2)', [outboxChannel(schema), ''])
        .catch((error) => this.logger.warn(`NOTIFY for ${schema} failed (its relay still polls): ${errorMessage(error)}`));
    }, NOTIFY_DEBOUNCE_MS);
    timer.unref();
    this.pending.set(schema, timer);
  }

  stop(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
