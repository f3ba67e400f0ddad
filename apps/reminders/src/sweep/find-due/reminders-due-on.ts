import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Clock } from '@xingfu/common';
import { DataSource, QueryRunner } from 'typeorm';
import { addDays } from '@xingfu/kernel';
import { anchorDatesFor } from '../../domain/due-offsets';
import { isStale, STALE_AFTER_DAYS } from '../../domain/staleness';
import { ReminderEnqueuer, ReminderToSend } from '../enqueue/reminder-enqueuer';
import { forEachBatch } from './cursor';
import { buybackReminders, followUpReminders, guaranteeDeadlineReminders, noticeReminders } from './deadline-reminders.query';
import { DueQuery } from './due-query';
import { instalmentReminders } from './instalment-reminders.query';
import { defaultReminders, demandReminders } from './loan-event-reminders.query';
import { insertReminders } from './reminder-inserter';

/** What one sweep run for a date did (the admin route's answer). */
export interface ReminderSweepCounts {
  asOf: string;
  /** Reminders falling due on the date (and defaults and demands of the 2 days before, heard late), recorded before or not: the same on every run. */
  found: number;
  /** New rows `scheduled` by this run. */
  scheduled: number;
  /** New rows `skipped_stale`: the run came more than 2 days after the date. */
  skippedStale: number;
  /** Send jobs this run added (a reminder already queued is not counted again). */
  enqueued: number;
}

/** Every read of the read model the sweep makes, one per kind of subject. */
export const DUE_QUERIES: readonly DueQuery<unknown>[] = [
  instalmentReminders,
  defaultReminders,
  demandReminders,
  buybackReminders,
  noticeReminders,
  guaranteeDeadlineReminders,
  followUpReminders,
];

/** Candidate rows per FETCH (and so reminders per INSERT, about as many). */
export const SWEEP_BATCH = 5000;

/**
 * The reminders sweep for one business date, set-based. Each query reads only the subjects
 * whose date one of its offsets reaches (through the index on that date), a cursor batch at a
 * time (defaults and demands also for the 2 days before: they are often heard after the sweep
 * of their day); the domain says which reminders fall due; each batch is one INSERT ... SELECT unnest,
 * ON CONFLICT (id) DO NOTHING, committed on its own. Only once a batch committed are the send
 * jobs of its new `scheduled` rows added, in the background while the next batch is read and
 * written (so Redis and PostgreSQL work side by side). Last, the date's rows recorded by an
 * earlier run and still `scheduled` (a crash between insert and enqueue, a job lost with Redis)
 * are offered again, unless the date is stale by now. Ids are deterministic and already-queued
 * ones left out, so a second run adds nothing.
 */
@Injectable()
export class RemindersDueOn {
  private readonly logger = new Logger('RemindersSweep');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly enqueuer: ReminderEnqueuer,
  ) {}

  async run(asOf: string): Promise<ReminderSweepCounts> {
    const counts: ReminderSweepCounts = { asOf, found: 0, scheduled: 0, skippedStale: 0, enqueued: 0 };
    const today = this.clock.today();
    const sms = Boolean(this.config.REMINDERS_SMS_URL);
    const sends = new Sends(this.enqueuer);
    try {
      // Rows this run inserts are created (their transaction starts) after this instant; earlier runs' before it.
      const [{ started }] = (await this.dataSource.query(`SELECT clock_timestamp() AS started`)) as { started: Date }[];
      await this.reading(async (reader) => {
        for (const query of DUE_QUERIES) {
          for (const date of datesAsked(query, asOf)) {
            await forEachBatch<unknown>(reader, `${query.name}_${date}`, query.sql, [date, anchorDatesFor(date, query.kinds)], SWEEP_BATCH, async (rows) => {
              const due = rows.flatMap((row) => query.remindersOf(row, date, sms));
              counts.found += due.length;
              const inserted = await insertReminders(this.dataSource, due, today);
              counts.scheduled += inserted.scheduled.length;
              counts.skippedStale += inserted.skippedStale;
              sends.add(inserted.scheduled, { justRecorded: true });
            });
          }
        }
        // A date more than 2 days back: what an earlier run left unsent is stale now too (the send job's to settle), not offered again here.
        if (isStale(asOf, today)) return;
        await forEachBatch<ReminderToSend>(
          reader,
          'earlier',
          `SELECT id, channel FROM reminders.reminders WHERE due_on = $1 AND status = 'scheduled' AND created_at < $2`,
          [asOf, started],
          SWEEP_BATCH,
          async (rows) => sends.add(rows),
        );
      });
    } finally {
      counts.enqueued = await sends.done();
    }
    if (counts.found) this.logger.log(`reminders ${asOf}: ${JSON.stringify(counts)}`);
    return counts;
  }

  /** A read-only transaction for the cursors (the inserts commit batch by batch on other connections). */
  private async reading(work: (runner: QueryRunner) => Promise<void>): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await work(runner);
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}

/** The date itself, and for subjects often heard after their day's sweep the days before it that are not stale yet. */
function datesAsked(query: DueQuery<unknown>, asOf: string): string[] {
  if (!query.heardLate) return [asOf];
  return Array.from({ length: STALE_AFTER_DAYS + 1 }, (_, i) => addDays(asOf, i - STALE_AFTER_DAYS));
}

/** Enqueues batch after batch in the order given, one at a time, beside the caller's work; the first failure is kept and thrown by done(). */
class Sends {
  private chain: Promise<void> = Promise.resolve();
  private added = 0;
  private failure?: { error: unknown };

  constructor(private readonly enqueuer: ReminderEnqueuer) {}

  add(rows: readonly ReminderToSend[], options: { justRecorded?: boolean } = {}): void {
    if (!rows.length) return;
    this.chain = this.chain.then(async () => {
      if (this.failure) return;
      try {
        this.added += await this.enqueuer.enqueue(rows, options);
      } catch (error) {
        this.failure = { error };
      }
    });
  }

  async done(): Promise<number> {
    await this.chain;
    if (this.failure) throw this.failure.error;
    return this.added;
  }
}
