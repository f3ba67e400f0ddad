import { Inject, Injectable } from '@nestjs/common';
import { ServiceName } from '@xingfu/contracts';
import { actorLabel, CommandContext } from '@xingfu/kernel';
import { inLazyTransaction, SqlStatement, sendOnRunner } from '@xingfu/database';
import { OutboxWriter } from '@xingfu/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { IdempotentRequest } from '../idempotency/idempotent-request';
import { SERVICE_NAME } from '../kit.tokens';
import { BoundOutbox, Work, workOf } from './work';

/**
 * The one way a use case changes state: `run` opens the transaction, hands the work a manager
 * and an outbox bound to it, and commits both, so a state change and its events commit
 * together or not at all. When the request carries an Idempotency-Key, the stored response is
 * claimed before the work and written after it in the same transaction: a crash can never
 * keep the one without the other. The work's `write`s (its new rows, its events, the stored
 * answer) go in one round trip after the work, before the commit.
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
    const pending: SqlStatement[] = [];
    let idempotent: IdempotentRequest | undefined;
    // The BEGIN goes with the first batch (the key's claim, the work's first reads), the COMMIT
    // with the writes: two round trips fewer than TypeORM's transaction, the same statements.
    return inLazyTransaction(
      this.dataSource,
      async (manager) => {
        idempotent = await this.idempotency.claim(manager, this.service);
        const later = (statement: SqlStatement) => {
          pending.push(statement);
          return Promise.resolve();
        };
        return work(workOf(manager, this.bindOutbox(manager, context, later), context, later));
      },
      (result) => (idempotent ? [...pending, this.idempotency.recordStatement(this.service, idempotent, result)] : pending),
      sendOnRunner,
    );
  }

  /** For a consumer, which already runs in the inbox's transaction: the same Work, no new transaction; its writes go at once. */
  join(manager: EntityManager, context: CommandContext): Work {
    const now = async ({ sql, params }: SqlStatement) => void (await manager.query(sql, params));
    return workOf(manager, this.bindOutbox(manager, context, now), context, now);
  }

  private bindOutbox(manager: EntityManager, context: CommandContext, write: (statement: SqlStatement) => Promise<void>): BoundOutbox {
    const headers = { correlationId: context.correlationId, causationId: context.causationId, actor: actorLabel(context.actor) };
    return {
      append: async (contract, aggregateId, payload) => {
        const { envelope, statement } = this.outbox.prepare(manager, contract, { aggregateId, payload, context: headers });
        await write(statement);
        return envelope;
      },
      appendMany: async (contract, events) => {
        if (!events.length) return [];
        const { envelopes, statement } = this.outbox.prepareMany(
          manager,
          contract,
          events.map(({ aggregateId, payload }) => ({ aggregateId, payload, context: headers })),
        );
        await write(statement);
        return envelopes;
      },
    };
  }
}
