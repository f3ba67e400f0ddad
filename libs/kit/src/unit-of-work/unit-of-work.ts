import { Inject, Injectable } from '@nestjs/common';
import { ServiceName } from '@xingfu/contracts';
import { actorLabel, CommandContext } from '@xingfu/kernel';
import { OutboxWriter } from '@xingfu/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { SERVICE_NAME } from '../kit.tokens';
import { BoundOutbox, Work, workOf } from './work';

/**
 * The one way a use case changes state: `run` opens the transaction, hands the work a manager
 * and an outbox bound to it, and commits both, so a state change and its events commit
 * together or not at all. When the request carries an Idempotency-Key, the stored response is
 * claimed before the work and written after it in the same transaction: a crash can never
 * keep the one without the other.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly idempotency: IdempotencyStore,
    @Inject(SERVICE_NAME) private readonly service: ServiceName,
  ) {}

  run<T>(context: CommandContext, work: (work: Work) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const idempotent = await this.idempotency.claim(manager, this.service);
      const result = await work(this.join(manager, context));
      if (idempotent) await this.idempotency.record(manager, this.service, idempotent, result);
      return result;
    });
  }

  /** For a consumer, which already runs in the inbox's transaction: the same Work, no new transaction. */
  join(manager: EntityManager, context: CommandContext): Work {
    return workOf(manager, this.bindOutbox(manager, context), context);
  }

  private bindOutbox(manager: EntityManager, context: CommandContext): BoundOutbox {
    const headers = { correlationId: context.correlationId, causationId: context.causationId, actor: actorLabel(context.actor) };
    return {
      append: (contract, aggregateId, payload) => this.outbox.append(manager, contract, { aggregateId, payload, context: headers }),
      appendMany: (contract, events) => this.outbox.appendMany(manager, contract, events.map(({ aggregateId, payload }) => ({ aggregateId, payload, context: headers }))),
    };
  }
}
