import { Injectable } from '@nestjs/common';
import { scopedWhere } from '@xingfu/auth';
import { maskPhone, PiiCipher } from '@xingfu/common';
import { AuthUser, validationFailed } from '@xingfu/kernel';
import { DataSource } from 'typeorm';
import { namedQuery } from '../named-query';
import { ListRemindersFilter } from './list-reminders.dto';

interface HistoryRow {
  id: string;
  kind: string;
  subject_id: string;
  offset: string;
  due_on: string;
  swept_on: string;
  recipient_role: string;
  channel: string;
  status: string;
  attempts: number;
  loan_id: string | null;
  phone_sealed: string | null;
  message_id: string | null;
  last_error: string | null;
  message_channel: string | null;
  sent_at: Date | null;
  gateway_answer: Record<string, unknown> | null;
  total: number;
}

/** What was sent, when, through which channel and what the gateway said; the phone masked, never sealed or in clear. */
@Injectable()
export class ReminderHistory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pii: PiiCipher,
  ) {}

  async list(filter: ListRemindersFilter, user: AuthUser): Promise<{ items: ReturnType<ReminderHistory['view']>[]; limit: number; offset: number; total: number }> {
    if (filter.from && filter.to && filter.from > filter.to) throw validationFailed({ to: ['to must not be before from'] });
    const scope = scopedWhere(user, { township: 'r.township_code', county: 'r.county_code', partner: 'r.partner_id' });
    const limit = filter.limit ?? 50;
    const offset = filter.offset ?? 0;
    const where = [scope.sql];
    const params: Record<string, unknown> = { ...scope.params, limit, offset };
    const filters: [keyof ListRemindersFilter, string][] = [
      ['loanId', 'r.loan_id = :loanId'],
      ['recipient', 'r.recipient_role = :recipient'],
      ['status', 'r.status = :status'],
      ['from', 'r.due_on >= :from'],
      ['to', 'r.due_on <= :to'],
    ];
    for (const [name, clause] of filters) {
      if (filter[name] === undefined) continue;
      where.push(clause);
      params[name] = filter[name];
    }
    const rows = await namedQuery<HistoryRow>(
      this.dataSource,
      `SELECT r.id, r.kind, r.subject_id, r."offset", r.due_on::text AS due_on, r.swept_on::text AS swept_on, r.recipient_role, r.channel, r.status,
              r.attempts, r.loan_id, r.phone_sealed, r.message_id, r.last_error, m.channel AS message_channel, m.sent_at, m.gateway_answer,
              count(*) OVER ()::int AS total
         FROM reminders.reminders r LEFT JOIN reminders.messages m ON m.id = r.message_id
        WHERE ${where.map((w) => `(${w})`).join(' AND ')}
        ORDER BY r.due_on DESC, r.id LIMIT :limit OFFSET :offset`,
      params,
    );
    return { items: rows.map((row) => this.view(row)), limit, offset, total: rows[0]?.total ?? (offset ? await this.count(filter, user) : 0) };
  }

  /** Only for a page past the end, where the window count has no row to ride on. */
  private async count(filter: ListRemindersFilter, user: AuthUser): Promise<number> {
    const { total } = await this.list({ ...filter, offset: 0, limit: 1 }, user);
    return total;
  }

  private view(row: HistoryRow) {
    return {
      id: row.id,
      kind: row.kind,
      subjectId: row.subject_id,
      offset: row.offset,
      dueOn: row.due_on,
      sweptOn: row.swept_on,
      recipient: row.recipient_role,
      // What the reminder asked for; `sentThrough` is what carried it (sms falls back to log without a gateway).
      channel: row.channel,
      sentThrough: row.message_channel,
      status: row.status,
      attempts: row.attempts,
      loanId: row.loan_id,
      phoneMasked: row.phone_sealed ? this.masked(row.phone_sealed) : null,
      messageId: row.message_id,
      sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
      gatewayAnswer: row.gateway_answer,
      lastError: row.last_error,
    };
  }

  private masked(sealed: string): string {
    try {
      return maskPhone(this.pii.decrypt(sealed));
    } catch {
      return '***';
    }
  }
}
