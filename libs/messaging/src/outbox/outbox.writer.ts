import { randomUUID } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { ContractViolationError, EventContract, EventEnvelope, payloadViolations, topicOf } from '@xingfu/contracts';
import { Clock } from '@xingfu/common';
import { EntityManager, QueryRunner } from 'typeorm';
import { EventContext } from '../event-context';
import { DeclaredProducers } from '../startup/declared-producers';
import { markOutboxWritten } from './outbox-wakeups';

/** One parametrised statement (the shape of @xingfu/database's SqlStatement, which messaging does not import). */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

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
    const { envelope, statement } = this.prepare(manager, contract, event);
    await manager.query(statement.sql, statement.params);
    return envelope;
  }

  /**
   * The same checks and envelope as `append`, and the row's INSERT for the caller to send in the
   * same transaction (the unit of work sends it with the work's other writes, in one round trip).
   * The relay is woken after that transaction commits.
   */
  prepare<P extends object>(manager: EntityManager, contract: EventContract<P>, event: NewEvent<P>): { envelope: EventEnvelope<P>; statement: SqlStatement } {
    this.assertWritable(manager, contract, 'append');
    const envelope = newEnvelope(contract, event, this.clock.now());
    markOutboxWritten(manager.queryRunner as QueryRunner, contract.producer);
    return { envelope, statement: outboxRowStatement(contract.producer, envelope) };
  }

  private assertWritable(manager: EntityManager, contract: EventContract, verb: string): void {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`OutboxWriter.${verb}(${contract.type}) needs the caller's transaction`);
    }
    const refusal = this.declared?.refusal(contract);
    if (refusal) throw new Error(`OutboxWriter.${verb}: ${refusal}`);
  }

  /**
   * Many events of one contract in one multi-row INSERT (in the order given, so their seq
   * follows it): a sweep that emits hundreds of events sends a statement, not hundreds.
   * Every payload is checked as append checks it; one that breaks the contract refuses all.
   */
  async appendMany<P extends object>(manager: EntityManager, contract: EventContract<P>, events: readonly NewEvent<P>[]): Promise<EventEnvelope<P>[]> {
    if (!events.length) return [];
    const { envelopes, statement } = this.prepareMany(manager, contract, events);
    await manager.query(statement.sql, statement.params);
    return envelopes;
  }

  /** appendMany's checks, envelopes and one INSERT, for the caller to send in the same transaction (as `prepare`). */
  prepareMany<P extends object>(manager: EntityManager, contract: EventContract<P>, events: readonly NewEvent<P>[]): { envelopes: EventEnvelope<P>[]; statement: SqlStatement } {
    this.assertWritable(manager, contract, 'appendMany');
    const now = this.clock.now();
    const envelopes = events.map((event) => newEnvelope(contract, event, now));
    const columns = { eventId: [] as string[], key: [] as string[], payload: [] as string[], headers: [] as string[] };
    for (const { eventId, type: _type, version: _version, aggregateId, payload, ...headers } of envelopes) {
      columns.eventId.push(eventId);
      columns.key.push(aggregateId);
      columns.payload.push(JSON.stringify(payload));
      columns.headers.push(JSON.stringify(headers));
    }
    markOutboxWritten(manager.queryRunner as QueryRunner, contract.producer);
    // unnest … WITH ORDINALITY keeps the order given, so seq (the relay's order) follows it.
    return {
      envelopes,
      statement: {
        sql: `INSERT INTO "${contract.producer}".outbox (event_id, topic, key, type, version, payload, headers)
       SELECT e.event_id, $5, e.key, $6, $7, e.payload, e.headers
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[]) WITH ORDINALITY AS e (event_id, key, payload, headers, n) ORDER BY e.n`,
        params: [columns.eventId, columns.key, columns.payload, columns.headers, topicOf(contract.producer), contract.type, contract.version],
      },
    };
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
  const { sql, params } = outboxRowStatement(schema, envelope);
  await manager.query(sql, params);
  if (manager.queryRunner) markOutboxWritten(manager.queryRunner, schema);
}

/** The one INSERT of an outbox row. */
export function outboxRowStatement(schema: EventContract['producer'], envelope: EventEnvelope): SqlStatement {
  const { eventId, type, version, aggregateId, payload, ...headers } = envelope;
  return {
    sql: `INSERT INTO "${schema}".outbox (event_id, topic, key, type, version, payload, headers) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    params: [eventId, topicOf(schema), aggregateId, type, version, JSON.stringify(payload), JSON.stringify(headers)],
  };
}
