/** How a reminder reaches its recipient (the reminders.channel column). */
export type ReminderChannel = 'sms' | 'log' | 'task';

/**
 * A recipient with a phone (a mother, a guarantor household) is texted when a gateway is
 * configured, else the message is only logged; everyone else (officers, the project manager,
 * a partner, a township or village) gets a task in the app.
 */
export function channelFor(recipient: { hasPhone: boolean }, smsConfigured: boolean): ReminderChannel {
  if (!recipient.hasPhone) return 'task';
  return smsConfigured ? 'sms' : 'log';
}
