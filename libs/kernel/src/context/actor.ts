import { Role } from '../roles';

/** The caller, as carried in the access token: role and the scopes it may act in. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  /** 9-digit township codes (officers). */
  townships: string[];
  /** 6-digit county codes (project managers). */
  counties: string[];
  /** The partner (company, lead farmer, park) a partner user acts for. */
  partnerId: string | null;
}

/**
 * Who does a piece of work. One of three, and nothing else:
 * - a user, through the API, within the scopes of the token;
 * - a named system process (the daily sweep, a job), with no scope of its own;
 * - an event: a consumer reacting to what another part of the system committed.
 */
export type Actor =
  | { kind: 'user'; user: AuthUser }
  | { kind: 'system'; process: string }
  | { kind: 'event'; eventId: string; eventType: string };

export const userActor = (user: AuthUser): Actor => ({ kind: 'user', user });
export const systemActor = (process: string): Actor => ({ kind: 'system', process });

/** How the actor is written in an event's envelope and in audit rows. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.user.id}`;
    case 'system':
      return `system:${actor.process}`;
    case 'event':
      return `event:${actor.eventType}:${actor.eventId}`;
  }
}

/** The role written beside the actor in audit rows: the user's, or what kind of actor it was. */
export function actorRole(actor: Actor): string {
  return actor.kind === 'user' ? actor.user.role : actor.kind;
}

/** The user behind the work, when a user does it; scope checks apply only then. */
export function userOf(actor: Actor): AuthUser | null {
  return actor.kind === 'user' ? actor.user : null;
}
