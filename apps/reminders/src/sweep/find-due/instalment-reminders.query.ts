import { GuarantorParty } from '../../domain/due-offsets';
import { instalmentRemindersDueOn, LoanStatus } from '../../domain/due-instalments';
import { dueQuery } from './due-query';
import { countyOf, newReminder, Recipient } from './new-reminder';

interface InstalmentCandidate {
  loan_id: string;
  schedule_version: number;
  seq: number;
  due_date: string;
  due_fen: string;
  paid_fen: string;
  paid: boolean;
  loan_status: LoanStatus;
  current_version: number;
  project_id: string;
  county_code: string;
  township_code: string;
  paused: boolean;
  name_masked: string | null;
  village_code: string | null;
  phone_sealed: string | null;
  phone_hash: string | null;
  guarantee_id: string | null;
  household_phone_sealed: string | null;
  household_phone_hash: string | null;
}

const PARTIES: readonly GuarantorParty[] = ['township', 'village', 'household'];

/**
 * Unpaid instalments whose due date is one the instalment kinds reach on the date (through
 * instalments_unpaid_by_due), with their loan, its pause on the date, the mother and the
 * guarantee in force (the latest effective or invoked one of the application).
 */
export const instalmentReminders = dueQuery<InstalmentCandidate>({
  name: 'instalments',
  kinds: ['instalment-mother', 'instalment-officer', 'instalment-guarantor', 'instalment-manager'],
  sql: `SELECT i.loan_id, i.schedule_version, i.seq, i.due_date::text AS due_date, i.due_fen, i.paid_fen, (i.paid_fen >= i.due_fen) AS paid,
          l.status AS loan_status, l.schedule_version AS current_version, l.project_id, l.county_code, l.township_code,
          EXISTS (SELECT 1 FROM reminders.arrears_pauses p WHERE p.loan_id = i.loan_id AND p.from_date <= $1::date AND p.to_date >= $1::date) AS paused,
          m.name_masked, m.village_code, m.phone_sealed, m.phone_hash,
          g.guarantee_id, g.household_phone_sealed, g.household_phone_hash
     FROM reminders.instalments i
     JOIN reminders.loans l ON l.loan_id = i.loan_id
     LEFT JOIN reminders.mothers m ON m.application_id = l.application_id
     LEFT JOIN LATERAL (
       SELECT g.guarantee_id, g.household_phone_sealed, g.household_phone_hash FROM reminders.guarantees g
        WHERE g.application_id = l.application_id AND g.status IN ('effective', 'invoked') ORDER BY g.deadline DESC, g.guarantee_id LIMIT 1
     ) g ON true
    WHERE i.paid_on IS NULL AND i.due_date = ANY($2::date[])`,
  remindersOf(c, date, sms) {
    const due = instalmentRemindersDueOn(date, {
      loanId: c.loan_id,
      scheduleVersion: c.schedule_version,
      currentScheduleVersion: c.current_version,
      seq: c.seq,
      dueDate: c.due_date,
      dueFen: Number(c.due_fen),
      paidFen: Number(c.paid_fen),
      unpaid: !c.paid,
      loanStatus: c.loan_status,
      paused: c.paused,
      parties: c.guarantee_id ? PARTIES : [],
      ...(c.name_masked !== null && { nameMasked: c.name_masked }),
      ...(c.village_code !== null && { villageCode: c.village_code }),
    });
    const scope = { projectId: c.project_id, countyCode: c.county_code ?? countyOf(c.township_code), townshipCode: c.township_code, loanId: c.loan_id };
    return due.flatMap((d) => {
      let to: Recipient = {};
      if (d.recipientRole === 'mother') {
        // No ApplicationApproved heard yet: nobody to text; the officer's reminders still go.
        if (!c.phone_sealed) return [];
        to = { name: c.name_masked, phoneSealed: c.phone_sealed, phoneHash: c.phone_hash };
      } else if (d.party === 'household') {
        to = { phoneSealed: c.household_phone_sealed, phoneHash: c.household_phone_hash };
      }
      return [newReminder(d, to, scope, sms)];
    });
  },
});
