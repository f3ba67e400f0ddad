import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChannelAnswer, MessageReminder, OutgoingMessage, ReminderChannel } from './reminder-channel';

const TITLES: Record<string, string> = {
  'instalment-officer': '逾期还款跟进',
  'instalment-guarantor': '担保人催收',
  'instalment-manager': '逾期30天跟进',
  'loan-defaulted-manager': '贷款违约处理',
  'guarantee-demand': '担保代偿通知',
  'buyback-partner': '回收安排',
  'notice-officer': '公示即将结束',
  'guarantee-deadline-officer': '担保签署截止',
  'follow-up-officer': '回访到期',
};

/** A task's id from its reminder's: the same reminder always files the same task. */
export function taskIdOf(reminderId: string): string {
  const hex = createHash('sha256').update(`reminders/task/${reminderId}`).digest('hex');
  // Shaped as a UUID (version nibble 8: custom, variant 10xx), since tasks.id is uuid.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The in-app task list of officers, the project office and partners: one task per reminder, in the reminder's scope. */
@Injectable()
export class TaskChannel implements ReminderChannel {
  readonly name = 'task' as const;

  constructor(private readonly dataSource: DataSource) {}

  async send(message: OutgoingMessage): Promise<ChannelAnswer> {
    const taskIds: string[] = [];
    for (const reminder of message.reminders) taskIds.push(await this.file(reminder));
    return { taskIds };
  }

  private async file(reminder: MessageReminder): Promise<string> {
    const id = taskIdOf(reminder.id);
    // Idempotent: a resend (a retry after a crash) finds the task already filed.
    await this.dataSource.query(
      `INSERT INTO reminders.tasks (id, reminder_id, recipient_role, county_code, township_code, partner_id, title, body, due_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
      [id, reminder.id, reminder.recipientRole, reminder.countyCode, reminder.townshipCode, reminder.partnerId, TITLES[reminder.kind] ?? '提醒', reminder.text, reminder.dueOn],
    );
    return id;
  }
}
