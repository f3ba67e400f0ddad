import { AuthUser, CommandContext, userOf } from '@xingfu/kernel';
import { EventContract, EventEnvelope } from '@xingfu/contracts';
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
}

export function workOf(manager: EntityManager, outbox: BoundOutbox, context: CommandContext): Work {
  return { manager, outbox, context, user: userOf(context.actor) };
}
