import { Actor, AuthUser, systemActor, userActor } from './actor';

/**
 * What every command and consumer carries besides its own fields: who acts, the case flow it
 * belongs to (one correlation id from the first request to the last event it causes), and
 * the event that caused it (null for work a user or the system started).
 */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  causationId: string | null;
}

/** The smallest part of an event envelope that work caused by it needs. */
export interface CausingEvent {
  eventId: string;
  type: string;
  correlationId: string;
}

export function userContext(user: AuthUser, correlationId: string): CommandContext {
  return { actor: userActor(user), correlationId, causationId: null };
}

export function systemContext(process: string, correlationId: string): CommandContext {
  return { actor: systemActor(process), correlationId, causationId: null };
}

/** For consumers: an event written while handling E carries E's correlation id, and E as its cause. */
export function contextFromEvent(event: CausingEvent): CommandContext {
  return { actor: { kind: 'event', eventId: event.eventId, eventType: event.type }, correlationId: event.correlationId, causationId: event.eventId };
}

/** The user of a command that only a user can give (an HTTP route's); a bug, not a 4xx, if another actor issues it. */
export function actingUser(context: CommandContext): AuthUser {
  if (context.actor.kind !== 'user') throw new Error(`this command needs a user, not ${context.actor.kind} ${JSON.stringify(context.actor)}`);
  return context.actor.user;
}
