import { EventEnvelope } from '@xingfu/contracts';

export interface OutboxRow {
  seq: string;
  event_id: string;
  topic: string;
  key: string;
  type: string;
  version: number;
  payload: unknown;
  headers: { occurredAt: string; correlationId: string; causationId: string | null; actor: string };
  attempts: number;
}

export function envelopeOf(row: OutboxRow): EventEnvelope {
  return {
    eventId: row.event_id,
    type: row.type,
    version: row.version,
    occurredAt: row.headers.occurredAt,
    aggregateId: row.key,
    correlationId: row.headers.correlationId,
    causationId: row.headers.causationId,
    actor: row.headers.actor,
    payload: row.payload,
  };
}
