import { counter } from '@xingfu/common';

/** Reminders that failed the last attempt of their send (they wait for an admin's retry). */
export const failedReminders = () => counter('xingfu_reminders_failed_total', 'Reminders whose send failed its last attempt', ['kind']);
