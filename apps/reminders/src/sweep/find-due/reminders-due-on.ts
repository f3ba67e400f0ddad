import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Clock } from '@xingfu/common';
import { DataSource, QueryRunner } from 'typeorm';
import { anchorDatesFor } from '../../domain/due-offsets';
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
  /** Reminders falling due on the date, recorded before or not: the same on every run. */
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
 * The reminders sweep for one business date, set-based: each query reads only the subjects
 * whose date one of its offsets reaches (through the index on that date) a cursor batch at a
 * time; the domain says which reminders fall due; each batch is one INSERT ... SELECT unnest,
 * ON CONFLICT (id) DO NOTHING, all in one transaction. Only once that committed, every row of the
 * date still `scheduled` (not only this run's: a crash between insert and enqueue loses nothing)
 * gets its send job, ids deterministic, so a second run adds nothing.
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
    await this.inTransaction(async (runner) => {
      for (const query of DUE_QUERIES) {
        await forEachBatch<unknown>(runner, query.name, query.sql, [asOf, anchorDatesFor(asOf, query.kinds)], SWEEP_BATCH, async (rows) => {
          const due = rows.flatMap((row) => query.remindersOf(row, asOf, sms));
          counts.found += due.length;
          const inserted = await insertReminders(runner, due, today);
          counts.scheduled += inserted.scheduled;
          counts.skippedStale += inserted.skippedStale;
        });
      }
    });
    await this.inTransaction((runner) =>
      forEachBatch<ReminderToSend>(runner, 'scheduled', `SELECT id, channel FROM reminders.reminders WHERE due_on = $1 AND status = 'scheduled'`, [asOf], SWEEP_BATCH, async (rows) => {
        counts.enqueued += await this.enqueuer.enqueue(rows);
      }),
    );
    if (counts.found) this.logger.log(`reminders ${asOf}: ${JSON.stringify(counts)}`);
    return counts;
  }

  private async inTransaction(work: (runner: QueryRunner) => Promise<void>): Promise<void> {
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
