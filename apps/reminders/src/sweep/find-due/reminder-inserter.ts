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
 * Inserts a batch of reminders in one statement (the batch as one JSON parameter, read by
 * json_to_recordset: one value to serialise instead of an array literal per column), each
 * `scheduled`, or `skipped_stale` when the sweep runs more than 2 days after its date (a
 * catch-up); a reminder found before keeps its row (ON CONFLICT (id) DO NOTHING), so a second
 * run counts nothing new. `swept_on` is the business date the run happened on.
 */
export async function insertReminders(sql: Sql, rows: NewReminder[], today: string): Promise<Inserted> {
  if (!rows.length) return { scheduled: [], skippedStale: 0 };
  const records = rows.map((r) => ({ ...r, status: isStale(r.dueOn, today) ? 'skipped_stale' : 'scheduled' }));
  const inserted = (await sql.query(
    `INSERT INTO reminders.reminders (id, kind, subject_id, "offset", due_on, swept_on, recipient_role, recipient_name, channel, phone_sealed, phone_hash,
            project_id, county_code, township_code, partner_id, loan_id, facts, status)
     SELECT v."id", v."kind", v."subjectId", v."offset", v."dueOn", $2::date, v."recipientRole", v."recipientName", v."channel", v."phoneSealed", v."phoneHash",
            v."projectId", v."countyCode", v."townshipCode", v."partnerId", v."loanId", v."facts", v."status"
       FROM json_to_recordset($1::json) AS v("id" text, "kind" text, "subjectId" text, "offset" text, "dueOn" date, "recipientRole" text, "recipientName" text,
            "channel" text, "phoneSealed" text, "phoneHash" text, "projectId" uuid, "countyCode" text, "townshipCode" text, "partnerId" text, "loanId" uuid,
            "facts" jsonb, "status" text)
     ON CONFLICT (id) DO NOTHING
     RETURNING id, channel, status`,
    [JSON.stringify(records), today],
  )) as { id: string; channel: ReminderChannel; status: string }[];
  const scheduled = inserted.filter((r) => r.status === 'scheduled').map(({ id, channel }) => ({ id, channel }));
  return { scheduled, skippedStale: inserted.length - scheduled.length };
}
