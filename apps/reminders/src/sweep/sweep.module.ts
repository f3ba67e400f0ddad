import { Module } from '@nestjs/common';
import { ReminderEnqueuer } from './enqueue/reminder-enqueuer';
import { RemindersDueSweep } from './find-due/reminders-due.sweep';
import { RemindersDueOn } from './find-due/reminders-due-on';
import { RunRemindersSweepController } from './run-reminders-sweep/run-reminders-sweep.controller';
import { RunRemindersSweepHandler } from './run-reminders-sweep/run-reminders-sweep.handler';

const controllers = [RunRemindersSweepController];
const commandHandlers = [RunRemindersSweepHandler];
/** The daily sweep and what it runs (also for the admin route). */
const jobs = [RemindersDueOn, RemindersDueSweep];

/**
 * What falls due on a business date: the daily sweep that records each reminder and enqueues
 * its send, and the admin route that runs it for a date. ReminderEnqueuer is exported for the
 * requeue pass (same job ids, so nothing doubles).
 */
@Module({
  controllers,
  providers: [...commandHandlers, ...jobs, ReminderEnqueuer],
  exports: [ReminderEnqueuer],
})
export class SweepModule {}
