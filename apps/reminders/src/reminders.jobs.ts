import { defineQueues } from '@xingfu/jobs';

/** The queues of the reminders service (names carry the service: see defineQueues). */
export enum RemindersQueue {
  Sending = 'reminders-sending',
}

/** The jobs on them; start-up fails unless each has exactly one @JobProcessor. */
export enum RemindersJob {
  /** Sends one reminder (merged with whatever else is due to the same phone that day). Job id = reminder id. */
  SendReminder = 'send-reminder',
}

/** The daily sweep, run for each business date, catching up missed days. */
export enum RemindersSweep {
  Reminders = 'reminders-due',
}

// TODO(sending helper): declare { [RemindersQueue.Sending]: [RemindersJob.SendReminder] } and sweeps [RemindersSweep.Reminders]
// in the same commit as their @JobProcessor and @DailySweep (start-up fails on a declared job with no processor).
export const remindersQueues = defineQueues('reminders', { [RemindersQueue.Sending]: [RemindersJob.SendReminder] }, { sweeps: [] });
