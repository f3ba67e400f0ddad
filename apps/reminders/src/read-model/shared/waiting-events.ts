import { Injectable, Logger } from '@nestjs/common';
import { EventEnvelope } from '@xingfu/contracts';
import { EntityManager } from 'typeorm';

/** How a consumer applies one of its events to the read model (the same path as its first delivery). */
export type ApplyEvent = (event: EventEnvelope, manager: EntityManager) => Promise<void>;

/**
 * Events that came before the record they change. Topics are not ordered with one another, and a
 * dead letter replayed later arrives behind its successors: an InstalmentPaid may come before its
 * schedule, a GuaranteeLapsed before GuaranteeOpened. Such an event is parked here, named by what
 * it waits for (`loan:<id>`, `schedule:<loanId>.v<n>`, `guarantee:<id>`, …), inside its inbox
 * transaction, and applied by its own consumer's code when that record is written (in the
 * writer's transaction, in the order the events came). So any order gives the same state, and
 * nothing is dropped or dead-lettered only for being early.
 *
 * Each consumer registers its apply function under its name when it is built (one instance per
 * module, no global state).
 */
@Injectable()
export class WaitingEvents {
  private readonly logger = new Logger(WaitingEvents.name);
  private readonly appliers = new Map<string, ApplyEvent>();

  register(consumer: string, apply: ApplyEvent): void {
    this.appliers.set(consumer, apply);
  }

  /**
   * Whether what `waitsFor` names is known (`known()`); when it is not, the event is parked and
   * the answer is false. The subject is locked for the transaction first, and its writer's
   * `release` takes the same lock: a writer committing between our check and our park would
   * otherwise release before we parked, and the event would wait for ever.
   */
  async ready(manager: EntityManager, consumer: string, waitsFor: string, event: EventEnvelope, known: () => Promise<boolean>): Promise<boolean> {
    await this.lock(manager, waitsFor);
    if (await known()) return true;
    this.logger.log(`${consumer}: ${event.type} ${event.eventId} came before ${waitsFor}; kept until it is known`);
    await manager.query(
      `INSERT INTO reminders.waiting_events (consumer, event_id, type, waits_for, envelope) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (consumer, event_id) DO UPDATE SET waits_for = EXCLUDED.waits_for`,
      [consumer, event.eventId, event.type, waitsFor, JSON.stringify(event)],
    );
    return false;
  }

  /** `waitsFor` is now known: every event kept for it is applied, oldest first (and may wait again, for something else). */
  async release(manager: EntityManager, waitsFor: string): Promise<void> {
    await this.lock(manager, waitsFor);
    // A SELECT around the DELETE: it answers the rows (TypeORM answers [rows, count] to a bare DELETE … RETURNING), in the order they came.
    const rows: { consumer: string; envelope: EventEnvelope }[] = await manager.query(
      `WITH released AS (DELETE FROM reminders.waiting_events WHERE waits_for = $1 RETURNING seq, consumer, envelope)
       SELECT consumer, envelope FROM released ORDER BY seq`,
      [waitsFor],
    );
    for (const { consumer, envelope } of rows) {
      const apply = this.appliers.get(consumer);
      if (!apply) throw new Error(`event ${envelope.eventId} waits for ${waitsFor} for consumer ${consumer}, which is not hosted here`);
      await apply(envelope, manager);
    }
  }

  private lock(manager: EntityManager, waitsFor: string): Promise<unknown> {
    return manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`reminders.waiting:${waitsFor}`]);
  }
}
