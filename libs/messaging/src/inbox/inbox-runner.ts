import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { EventEnvelope, ServiceName, upcastTo } from '@xingfu/contracts';
import { counter, errorMessage, runWithContext } from '@xingfu/common';
import { inLazyTransaction, queryPipelined, sendOnRunner } from '@xingfu/database';
import { DataSource, EntityManager } from 'typeorm';
import { EventConsumerOptions, EventHandler } from '../consumer/event-consumer.decorator';
import { backoffMs } from '../relay/backoff';

export interface InboxPolicy {
  maxAttempts: number;
  backoffBaseMs: number;
}

export type DeliveryResult = 'handled' | 'duplicate' | 'dead-lettered';

/** Runs the inbox's work in one transaction. */
export type InboxTransaction = <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T>;

/**
 * The inbox's transaction: its BEGIN goes out with the inbox insert (sent through queryPipelined),
 * not in a round trip of its own, as the unit of work's does with its first batch; the COMMIT
 * follows the handler. The same statements in the same order, and TypeORM's transaction events.
 */
export function lazyInboxTransaction(dataSource: DataSource): InboxTransaction {
  return (work) => inLazyTransaction(dataSource, work, () => [], sendOnRunner);
}

const handled = counter('xingfu_inbox_handled_total', 'Events handled by a consumer', ['consumer']);
const duplicates = counter('xingfu_inbox_duplicates_total', 'Deliveries ignored because the event was already handled', ['consumer']);
const deadLettered = counter('xingfu_inbox_dead_letters_total', 'Events parked after the last failed attempt', ['consumer']);
/** Where delivery's time goes, per consumer: a slow one holds up the relay's next batch for every other (in process). */
const batchSeconds = counter('xingfu_inbox_batch_seconds_total', 'Seconds spent delivering batches to a consumer (inbox transaction and handler, retries included)', ['consumer']);
const batches = counter('xingfu_inbox_batches_total', 'Batches delivered to a consumer', ['consumer']);

export function consumerKey(options: Pick<EventConsumerOptions, 'service' | 'name'>): string {
  return `${options.service}.${options.name}`;
}

/**
 * Runs a handler at most once per event: the inbox row and the handler's writes commit in
 * one transaction, so a redelivery finds the row and does nothing. A handler that keeps
 * failing is retried with backoff, then the event is parked in dead_letters (counted) so
 * the events behind it move on. Only a failure to record even that (the database is down)
 * is thrown, so the transport redelivers later.
 */
export class InboxRunner {
  private readonly logger = new Logger('Inbox');

  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: InboxPolicy,
    private readonly transaction: InboxTransaction = lazyInboxTransaction(dataSource),
  ) {}

  /**
   * A batch (in commit order) in ONE transaction: one multi-row inbox insert, then the handler
   * for each newly inserted event, in batch order (so each key's events stay in order). When a
   * handler throws, the transaction rolls back and the batch goes one event per transaction
   * (retries, dead letters), so a poison event parks alone and the rest commit.
   */
  async deliverBatch(options: EventConsumerOptions, handler: EventHandler, received: EventEnvelope[]): Promise<void> {
    if (received.length === 0) return;
    const consumer = consumerKey(options);
    const started = process.hrtime.bigint();
    try {
      await this.runBatch(options, handler, received);
    } finally {
      batchSeconds.inc({ consumer }, Number(process.hrtime.bigint() - started) / 1e9);
      batches.inc({ consumer });
    }
  }

  private async runBatch(options: EventConsumerOptions, handler: EventHandler, received: EventEnvelope[]): Promise<void> {
    if (received.length === 1) {
      await this.deliver(options, handler, received[0]);
      return;
    }
    const consumer = consumerKey(options);
    const envelopes: EventEnvelope[] = [];
    for (const event of received) {
      const target = options.events.find((c) => c.type === event.type);
      const envelope = target ? upcastTo(event, target.version) : undefined;
      // A version no upcaster reaches goes the single path, which parks it.
      if (!envelope) return this.deliverEach(options, handler, received);
      envelopes.push(envelope);
    }
    let handledCount = 0;
    try {
      handledCount = await this.transaction(async (manager) => {
        const [rows] = (await queryPipelined(manager, [
          {
            sql: `INSERT INTO "${options.service}".inbox (consumer, event_id, type)
                  SELECT $1, e.id, e.type FROM unnest($2::uuid[], $3::text[]) AS e(id, type)
                  ON CONFLICT DO NOTHING RETURNING event_id`,
            params: [consumer, envelopes.map((e) => e.eventId), envelopes.map((e) => e.type)],
          },
        ])) as { event_id: string }[][];
        const fresh = new Set(rows.map((r) => r.event_id));
        // The same event twice in one batch is handled once.
        const toHandle = envelopes.filter((e) => fresh.delete(e.eventId)) as EventEnvelope<object>[];
        if (toHandle.length && handler.handleBatch) {
          const batch = handler.handleBatch.bind(handler);
          await runWithContext({ correlationId: toHandle[0].correlationId }, () => batch(toHandle, manager));
        } else {
          for (const envelope of toHandle) await runWithContext({ correlationId: envelope.correlationId }, () => handler.handle(envelope, manager));
        }
        return rows.length;
      });
    } catch (error) {
      this.logger.warn(`${consumer}: a batch of ${envelopes.length} failed (${errorMessage(error)}); delivering its events one by one`);
      return this.deliverEach(options, handler, received);
    }
    if (handledCount) handled.inc({ consumer }, handledCount);
    if (envelopes.length > handledCount) duplicates.inc({ consumer }, envelopes.length - handledCount);
  }

  private async deliverEach(options: EventConsumerOptions, handler: EventHandler, received: EventEnvelope[]): Promise<void> {
    for (const envelope of received) await this.deliver(options, handler, envelope);
  }

  /** Everything logged while delivering (handled, retried, parked) carries the case's correlation id. */
  deliver(options: EventConsumerOptions, handler: EventHandler, received: EventEnvelope): Promise<DeliveryResult> {
    return runWithContext({ correlationId: received.correlationId }, () => this.deliverInContext(options, handler, received));
  }

  private async deliverInContext(options: EventConsumerOptions, handler: EventHandler, received: EventEnvelope): Promise<DeliveryResult> {
    const consumer = consumerKey(options);
    const target = options.events.find((c) => c.type === received.type);
    const envelope = target ? upcastTo(received, target.version) : undefined;
    if (!envelope) {
      return this.park(options.service, consumer, received, `no upcast from v${received.version} to the accepted version`, 0);
    }
    let lastError = '';
    for (let attempt = 1; attempt <= this.policy.maxAttempts; attempt++) {
      try {
        const result = await this.handleOnce(options.service, consumer, handler, envelope);
        (result === 'handled' ? handled : duplicates).inc({ consumer });
        this.logger.debug(`${consumer} ${result} ${envelope.type} ${envelope.eventId}`);
        return result;
      } catch (error) {
        lastError = errorMessage(error);
        this.logger.warn(`${consumer} failed on ${envelope.type} ${envelope.eventId} (attempt ${attempt}): ${lastError}`);
        if (attempt < this.policy.maxAttempts) await sleep(backoffMs(attempt, this.policy.backoffBaseMs, 5000));
      }
    }
    return this.park(options.service, consumer, envelope, lastError, this.policy.maxAttempts);
  }

  private handleOnce(schema: ServiceName, consumer: string, handler: EventHandler, envelope: EventEnvelope): Promise<'handled' | 'duplicate'> {
    return this.transaction(async (manager) => {
      const [inserted] = await queryPipelined(manager, [
        { sql: `INSERT INTO "${schema}".inbox (consumer, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`, params: [consumer, envelope.eventId, envelope.type] },
      ]);
      if (inserted.length === 0) return 'duplicate';
      await handler.handle(envelope as EventEnvelope<object>, manager);
      return 'handled';
    });
  }

  private async park(schema: ServiceName, consumer: string, envelope: EventEnvelope, error: string, attempts: number): Promise<'dead-lettered'> {
    await this.dataSource.query(
      `INSERT INTO "${schema}".dead_letters (consumer, event_id, envelope, error, attempts) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (consumer, event_id) DO UPDATE SET error = EXCLUDED.error, attempts = "${schema}".dead_letters.attempts + EXCLUDED.attempts, replayed_at = NULL`,
      [consumer, envelope.eventId, JSON.stringify(envelope), error, attempts],
    );
    deadLettered.inc({ consumer });
    this.logger.error(`${consumer} parked ${envelope.type} ${envelope.eventId} after ${attempts} attempts: ${error}`);
    return 'dead-lettered';
  }
}
