import { Injectable } from '@nestjs/common';
import { DailySweep } from '@xingfu/jobs';
import { RemindersSweep } from '../../reminders.jobs';
import { ReminderSweepCounts, RemindersDueOn } from './reminders-due-on';

/**
 * The daily reminders sweep: the kit runs it once for each business date, in order, catching up
 * the days missed (a process down, a managed date moved ahead); what a catch-up finds more than
 * 2 days late is recorded as skipped_stale, not sent. (Open reminders of earlier dates whose
 * jobs Redis lost are the requeue pass's, on its timer: not re-offered here once per caught-up day.)
 */
@Injectable()
export class RemindersDueSweep {
  constructor(private readonly due: RemindersDueOn) {}

  @DailySweep(RemindersSweep.Reminders)
  sweep(businessDate: string): Promise<ReminderSweepCounts> {
    return this.due.run(businessDate);
  }
}
