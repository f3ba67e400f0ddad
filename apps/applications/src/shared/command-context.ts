import { randomUUID } from 'node:crypto';
import { actorOf, AuthUser } from '@xingfu/auth';
import { currentCorrelationId } from '@xingfu/common';
import { EventContext } from '@xingfu/messaging';

/** Who acts and within which flow: carried by every command into the events it causes. */
export function eventContextOf(user: AuthUser, causationId: string | null = null): EventContext {
  return { correlationId: currentCorrelationId() ?? randomUUID(), causationId, actor: actorOf(user) };
}

/** For what the system does on its own (a scheduled job): no user, a named actor. */
export function systemEventContext(actor: string): EventContext {
  return { correlationId: currentCorrelationId() ?? randomUUID(), causationId: null, actor };
}
