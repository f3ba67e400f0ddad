import { ReminderChannel } from '../../domain/due-channel';
import { isStale } from '../../domain/staleness';
import { NewReminder } from './new-reminder';

/** Anything that runs a statement: the DataSource (autocommit) or a QueryRunner. */
export interface Sql {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface Inserted {
  /** The new rows `scheduled`: theirs are the send jobs to add. */
  scheduled: { id: string; channel: ReminderChannel }[];
  skippedStale: number;
}

/**
 * Inserts a batch of reminders in one statement (unnest of one array per column), each
 * `scheduled`, or `skipped_stale` when the sweep runs more than 2 days after its date (a
 * catch-up); a reminder found before keeps its row (ON CONFLICT (id) DO NOTHING), so a second
 * run counts nothing new. `swept_on` is the business date the run happened on.
 */
export async function insertReminders(sql: Sql, rows: NewReminder[], today: string): Promise<Inserted> {
  if (!rows.length) return { scheduled: [], skippedStale: 0 };
  const column = <K extends keyof NewReminder>(key: K) => rows.map((r) => r[key]);
  const inserted = (await sql.query(
    `INSERT INTO reminders.reminders (id, kind, subject_id, "offset", due_on, swept_on, recipient_role, recipient_name, channel, phone_sealed, phone_hash,
            project_id, county_code, township_code, partner_id, loan_id, facts, status)
     SELECT v.id, v.kind, v.subject_id, v.off, v.due_on, $18::date, v.recipient_role, v.recipient_name, v.channel, v.phone_sealed, v.phone_hash,
            v.project_id, v.county_code, v.township_code, v.partner_id, v.loan_id, v.facts, v.status
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                   $11::uuid[], $12::text[], $13::text[], $14::text[], $15::uuid[], $16::jsonb[], $17::text[])
            AS v(id, kind, subject_id, off, due_on, recipient_role, recipient_name, channel, phone_sealed, phone_hash,
                 project_id, county_code, township_code, partner_id, loan_id, facts, status)
     ON CONFLICT (id) DO NOTHING
     RETURNING id, channel, status`,
    [
      column('id'),
      column('kind'),
      column('subjectId'),
      column('offset'),
      column('dueOn'),
      column('recipientRole'),
      column('recipientName'),
      column('channel'),
      column('phoneSealed'),
      column('phoneHash'),
      column('projectId'),
      column('countyCode'),
      column('townshipCode'),
      column('partnerId'),
      column('loanId'),
      rows.map((r) => JSON.stringify(r.facts)),
      rows.map((r) => (isStale(r.dueOn, today) ? 'skipped_stale' : 'scheduled')),
      today,
    ],
  )) as { id: string; channel: ReminderChannel; status: string }[];
  const scheduled = inserted.filter((r) => r.status === 'scheduled').map(({ id, channel }) => ({ id, channel }));
  return { scheduled, skippedStale: inserted.length - scheduled.length };
}
