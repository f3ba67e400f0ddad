import { EntityManager } from 'typeorm';
import { LoanStatus } from '../../domain/due-instalments';
import { ChannelName } from '../channels/reminder-channel';
import { SubjectNow } from './still-due';

/** A reminders.reminders row as the send job reads it (dates as text). */
export interface ReminderRow {
  id: string;
  kind: string;
  subject_id: string;
  offset: string;
  due_on: string;
  recipient_role: string;
  channel: ChannelName;
  phone_sealed: string | null;
  phone_hash: string | null;
  project_id: string | null;
  county_code: string | null;
  township_code: string | null;
  partner_id: string | null;
  loan_id: string | null;
  facts: Record<string, unknown>;
  status: string;
  message_id: string | null;
}

const COLUMNS = `id, kind, subject_id, "offset", due_on::text AS due_on, recipient_role, channel, phone_sealed, phone_hash, project_id,
  county_code, township_code, partner_id, loan_id, facts, status, message_id`;

export async function lockReminder(manager: EntityManager, id: string): Promise<ReminderRow | undefined> {
  const [row] = await manager.query(`SELECT ${COLUMNS} FROM reminders.reminders WHERE id = $1 FOR UPDATE`, [id]);
  return row;
}

/** Every other reminder still scheduled for the same phone and due by today, locked (others being sent are skipped). */
export async function lockSamePhone(manager: EntityManager, phoneHash: string, today: string, except: string): Promise<ReminderRow[]> {
  return manager.query(
    `SELECT ${COLUMNS} FROM reminders.reminders
      WHERE phone_hash = $1 AND status = 'scheduled' AND due_on <= $2 AND id <> $3 AND channel IN ('sms', 'log')
      ORDER BY due_on, kind, id FOR UPDATE SKIP LOCKED`,
    [phoneHash, today, except],
  );
}

export async function markSkipped(manager: EntityManager, id: string, status: string): Promise<void> {
  await manager.query(`UPDATE reminders.reminders SET status = $2, updated_at = now() WHERE id = $1`, [id, status]);
}

export async function projectTemplates(manager: EntityManager, projectId: string | null): Promise<Record<string, string>> {
  if (!projectId) return {};
  const [row] = await manager.query(`SELECT templates FROM reminders.project_settings WHERE project_id = $1`, [projectId]);
  return (row?.templates as Record<string, string> | undefined) ?? {};
}

const INSTALMENT_SUBJECT = /^([0-9a-f-]{36})\.v(\d+)\.s(\d+)$/i;
const FOLLOW_UP_SUBJECT = /^([0-9a-f-]{36})\.(\d{4}-\d{2}-\d{2})$/i;

async function loanNow(manager: EntityManager, loanId: string | null | undefined): Promise<SubjectNow['loan']> {
  if (!loanId) return null;
  const [loan] = await manager.query(`SELECT status, schedule_version FROM reminders.loans WHERE loan_id = $1`, [loanId]);
  return loan ? { status: loan.status as LoanStatus, scheduleVersion: loan.schedule_version } : null;
}

/** What the read model says about the reminder's subject now. */
export async function subjectNow(manager: EntityManager, row: ReminderRow, today: string): Promise<SubjectNow> {
  const now: SubjectNow = { kind: row.kind, today };
  if (row.kind.startsWith('instalment-')) {
    const m = INSTALMENT_SUBJECT.exec(row.subject_id);
    const loanId = m?.[1] ?? row.loan_id;
    now.loan = await loanNow(manager, loanId);
    if (m) {
      const [inst] = await manager.query(
        `SELECT schedule_version, (paid_on IS NOT NULL OR paid_fen >= due_fen) AS paid FROM reminders.instalments WHERE loan_id = $1 AND schedule_version = $2 AND seq = $3`,
        [m[1], Number(m[2]), Number(m[3])],
      );
      now.instalment = inst ? { paid: inst.paid, scheduleVersion: inst.schedule_version } : null;
    } else {
      now.instalment = null;
    }
    const [pause] = await manager.query(`SELECT 1 FROM reminders.arrears_pauses WHERE loan_id = $1 AND from_date <= $2 AND to_date >= $2 LIMIT 1`, [loanId, today]);
    now.paused = Boolean(pause);
    now.late = row.offset.startsWith('T+');
    return now;
  }
  switch (row.kind) {
    case 'loan-defaulted-manager':
      now.loan = await loanNow(manager, row.loan_id ?? row.subject_id);
      break;
    case 'guarantee-demand': {
      const [demand] = await manager.query(`SELECT loan_id FROM reminders.guarantee_demands WHERE demand_id::text = $1`, [row.subject_id]);
      now.loan = await loanNow(manager, row.loan_id ?? demand?.loan_id);
      break;
    }
    case 'guarantee-deadline-officer': {
      const [g] = await manager.query(`SELECT status FROM reminders.guarantees WHERE guarantee_id::text = $1`, [row.subject_id]);
      now.guarantee = g ? { status: g.status } : null;
      break;
    }
    case 'notice-officer': {
      const [n] = await manager.query(`SELECT closed_on::text AS closed_on FROM reminders.notices WHERE notice_id::text = $1`, [row.subject_id]);
      now.notice = n ? { closedOn: n.closed_on } : null;
      break;
    }
    case 'buyback-partner': {
      const [b] = await manager.query(`SELECT bought_on::text AS bought_on FROM reminders.expected_buybacks WHERE enrolment_id::text = $1`, [row.subject_id]);
      now.buyback = b ? { boughtOn: b.bought_on } : null;
      break;
    }
    case 'follow-up-officer': {
      const m = FOLLOW_UP_SUBJECT.exec(row.subject_id);
      if (m) {
        const [f] = await manager.query(`SELECT next_due_on::text AS next_due_on FROM reminders.follow_ups WHERE application_id = $1`, [m[1]]);
        now.followUp = f ? { nextDueOn: f.next_due_on } : null;
        now.followUpDueOn = m[2];
      }
      break;
    }
  }
  return now;
}
