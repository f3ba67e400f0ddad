/**
 * What travels on every topic: the metadata every consumer needs plus the typed payload.
 * `correlationId` follows one case flow end to end; `causationId` is the id of the command
 * or event that caused this one.
 */
export interface EventEnvelope<P = unknown> {
  eventId: string;
  type: string;
  version: number;
  occurredAt: string;
  aggregateId: string;
  correlationId: string;
  causationId: string | null;
  actor: string;
  payload: P;
}

/** Who or what caused an event: `user:<id>` or `system:<component>`. */
export type Actor = string;
