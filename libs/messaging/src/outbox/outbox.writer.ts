import { randomUUID } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { ContractViolationError, EventContract, EventEnvelope, payloadViolations, topicOf } from '@xingfu/contracts';
import { Clock } from '@xingfu/common';
import { EntityManager } from 'typeorm';
import { EventContext } from '../event-context';
import { DeclaredProducers } from '../startup/declared-producers';
import { markOutboxWritten } from './outbox-wakeups';

export interface NewEvent<P extends object> {
  aggregateId: string;
  payload: P;
  context: EventContext;
}

/**
 * Writes events into the producing service's outbox through the CALLER's transaction, so
 * the state change and its events commit together or not at all. A payload that breaks
 * its contract is a bug, refused here rather than at the broker.
 */
@Injectable()
export class OutboxWriter {
  constructor(
    private readonly clock: Clock,
    @Optional() private readonly declared?: DeclaredProducers,
  ) {}

  async append<P extends object>(manager: EntityManager, contract: EventContract<P>, event: NewEvent<P>): Promise<EventEnvelope<P>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`OutboxWriter.append(${contract.type}) needs the caller's transaction`);
    }
    const refusal = this.declared?.refusal(contract);
    if (refusal) throw new Error(`OutboxWriter.append: ${refusal}`);
    const envelope = newEnvelope(contract, event, this.clock.now());
    await insertOutboxRow(manager, contract.producer, envelope);
    return envelope;
  }

  /**
   * Many events of one contract in one multi-row INSERT (in the order given, so their seq
   * follows it): a sweep that emits hundreds of events sends a statement, not hundreds.
   * Every payload is checked as append checks it; one that breaks the contract refuses all.
   */
  async appendMany<P extends object>(manager: EntityManager, contract: EventContract<P>, events: readonly NewEvent<P>[]): Promise<EventEnvelope<P>[]> {
    if (!events.length) return [];
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`OutboxWriter.appendMany(${contract.type}) needs the caller's transaction`);
    }
    const refusal = this.declared?.refusal(contract);
    if (refusal) throw new Error(`OutboxWriter.appendMany: ${refusal}`);
    const now = this.clock.now();
    const envelopes = events.map((event) => newEnvelope(contract, event, now));
    const columns = { eventId: [] as string[], key: [] as string[], payload: [] as string[], headers: [] as string[] };
    for (const { eventId, type: _type, version: _version, aggregateId, payload, ...headers } of envelopes) {
      columns.eventId.push(eventId);
      columns.key.push(aggregateId);
      columns.payload.push(JSON.stringify(payload));
      columns.headers.push(JSON.stringify(headers));
    }
    // unnest … WITH ORDINALITY keeps the order given, so seq (the relay's order) follows it.
    await manager.query(
      `INSERT INTO "${contract.producer}".outbox (event_id, topic, key, type, version, payload, headers)
       SELECT e.event_id, $5, e.key, $6, $7, e.payload, e.headers
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[]) WITH ORDINALITY AS e (event_id, key, payload, headers, n) ORDER BY e.n`,
      [columns.eventId, columns.key, columns.payload, columns.headers, topicOf(contract.producer), contract.type, contract.version],
    );
    if (manager.queryRunner) markOutboxWritten(manager.queryRunner, contract.producer);
    return envelopes;
  }
}

/**
 * A new event's envelope, its payload checked against its contract first: a payload that breaks
 * it is a bug, refused where it is written. The writer uses it, and so does a test that hands
 * another service's event straight to the transport.
 */
export function newEnvelope<P extends object>(contract: EventContract<P>, event: NewEvent<P>, now: Date): EventEnvelope<P> {
  const violations = payloadViolations(contract, event.payload);
  if (violations.length) throw new ContractViolationError(contract, violations);
  return {
    eventId: randomUUID(),
    type: contract.type,
    version: contract.version,
    occurredAt: now.toISOString(),
    aggregateId: event.aggregateId,
    correlationId: event.context.correlationId,
    causationId: event.context.causationId,
    actor: event.context.actor,
    payload: event.payload,
  };
}

/**
 * Also used by tests and tools that must put a row in the outbox without validation. One
 * statement: the relay is woken after the commit (OutboxWakeups), never from inside it.
 */
export async function insertOutboxRow(manager: EntityManager, schema: EventContract['producer'], envelope: EventEnvelope): Promise<void> {
  const { eventId, type, version, aggregateId, payload, ...headers } = envelope;
  await manager.query(
    `INSERT INTO "${schema}".outbox (event_id, topic, key, type, version, payload, headers) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [eventId, topicOf(schema), aggregateId, type, version, JSON.stringify(payload), JSON.stringify(headers)],
  );
  if (manager.queryRunner) markOutboxWritten(manager.queryRunner, schema);
}
