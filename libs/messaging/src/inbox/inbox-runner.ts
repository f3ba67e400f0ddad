import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { EventEnvelope, ServiceName, upcastTo } from '@xingfu/contracts';
import { counter, errorMessage, runWithContext } from '@xingfu/common';
import { DataSource } from 'typeorm';
import { EventConsumerOptions, EventHandler } from '../consumer/event-consumer.decorator';
import { backoffMs } from '../relay/backoff';

export interface InboxPolicy {
  maxAttempts: number;
  backoffBaseMs: number;
}

export type DeliveryResult = 'handled' | 'duplicate' | 'dead-lettered';

const handled = counter('xingfu_inbox_handled_total', 'Events handled by a consumer', ['consumer']);
const duplicates = counter('xingfu_inbox_duplicates_total', 'Deliveries ignored because the event was already handled', ['consumer']);
const deadLettered = counter('xingfu_inbox_dead_letters_total', 'Events parked after the last failed attempt', ['consumer']);

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
  ) {}

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
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "${schema}".inbox (consumer, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
        [consumer, envelope.eventId, envelope.type],
      );
      if (inserted.length === 0) return 'duplicate';
      await handler.handle(envelope, manager);
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
