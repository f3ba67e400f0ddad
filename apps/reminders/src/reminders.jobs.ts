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
  /** Finds what falls due on the date, records it and enqueues its sends (sweep/). */
  Reminders = 'reminders-due',
}

export const remindersQueues = defineQueues('reminders', { [RemindersQueue.Sending]: [RemindersJob.SendReminder] }, { sweeps: [RemindersSweep.Reminders] });
