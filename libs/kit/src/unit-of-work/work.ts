import { AuthUser, CommandContext, userOf } from '@xingfu/kernel';
import { EventContract, EventEnvelope } from '@xingfu/contracts';
import { SqlStatement } from '@xingfu/database';
import { EntityManager } from 'typeorm';

/** An outbox bound to one transaction and one context: events written here commit with the work. */
export interface BoundOutbox {
  append<P extends object>(contract: EventContract<P>, aggregateId: string, payload: P): Promise<EventEnvelope<P>>;
  /** Many events of one contract in one statement, in the order given. */
  appendMany<P extends object>(contract: EventContract<P>, events: readonly { aggregateId: string; payload: P }[]): Promise<EventEnvelope<P>[]>;
}

/**
 * What a use case gets from the UnitOfWork: the transaction's manager, an outbox bound to
 * it, and the context it runs in. Nothing else opens a transaction or writes an event.
 */
export interface Work {
  readonly manager: EntityManager;
  readonly outbox: BoundOutbox;
  readonly context: CommandContext;
  /** The acting user, or null when the system or an event acts (no scope applies then). */
  readonly user: AuthUser | null;
  /**
   * A write whose result the work does not need (an INSERT of a new row, a history row): in
   * `UnitOfWork.run` it is sent with the others, in the order given, in one round trip before
   * the commit, so the work must not read it back; in `join` (a consumer) it is sent at once.
   * The outbox's rows go this way too.
   */
  write(statement: SqlStatement): Promise<void>;
}

export function workOf(manager: EntityManager, outbox: BoundOutbox, context: CommandContext, write: (statement: SqlStatement) => Promise<void>): Work {
  return { manager, outbox, context, user: userOf(context.actor), write };
}
