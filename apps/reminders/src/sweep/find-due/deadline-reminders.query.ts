import { buybackRemindersDueOn, followUpRemindersDueOn, GuaranteeDeadlineState, guaranteeDeadlineRemindersDueOn, noticeRemindersDueOn } from '../../domain/due-deadlines';
import { dueQuery } from './due-query';
import { known } from './loan-event-reminders.query';
import { countyOf, newReminder } from './new-reminder';

interface BuybackCandidate {
  enrolment_id: string;
  expected_on: string;
  bought_on: string | null;
  partner_id: string;
  project_id: string;
  township_code: string;
  county_code: string | null;
  name_masked: string | null;
  village_code: string | null;
}

/** Expected buybacks a week out: a task for the partner (scoped to it). */
export const buybackReminders = dueQuery<BuybackCandidate>({
  name: 'buybacks',
  kinds: ['buyback-partner'],
  sql: `SELECT b.enrolment_id, b.expected_on::text AS expected_on, b.bought_on::text AS bought_on, b.partner_id, b.project_id, b.township_code,
          m.county_code, m.name_masked, m.village_code
     FROM reminders.expected_buybacks b LEFT JOIN reminders.mothers m ON m.application_id = b.application_id
    WHERE b.expected_on = ANY($2::date[]) AND $1::date IS NOT NULL`,
  remindersOf(c, date, sms) {
    const due = buybackRemindersDueOn(date, { enrolmentId: c.enrolment_id, expectedOn: c.expected_on, boughtOn: c.bought_on, ...known(c) });
    const scope = { projectId: c.project_id, countyCode: c.county_code ?? countyOf(c.township_code), townshipCode: c.township_code, partnerId: c.partner_id };
    return due.map((d) => newReminder(d, {}, scope, sms));
  },
});

interface NoticeCandidate {
  notice_id: string;
  end_date: string;
  closed_on: string | null;
  county_code: string | null;
  township_code: string;
  village_code: string;
}

/** Public notices ending tomorrow: the township officer's task. */
export const noticeReminders = dueQuery<NoticeCandidate>({
  name: 'notices',
  kinds: ['notice-officer'],
  sql: `SELECT notice_id, end_date::text AS end_date, closed_on::text AS closed_on, county_code, township_code, village_code
     FROM reminders.notices WHERE end_date = ANY($2::date[]) AND $1::date IS NOT NULL`,
  remindersOf(c, date, sms) {
    const due = noticeRemindersDueOn(date, { noticeId: c.notice_id, endDate: c.end_date, closedOn: c.closed_on, villageCode: c.village_code });
    return due.map((d) => newReminder(d, {}, { countyCode: c.county_code ?? countyOf(c.township_code), townshipCode: c.township_code }, sms));
  },
});

interface GuaranteeCandidate {
  guarantee_id: string;
  deadline: string;
  status: GuaranteeDeadlineState['status'];
  project_id: string;
  county_code: string;
  township_code: string;
  village_code: string;
  name_masked: string | null;
}

/** Guarantees still open 3 days and 1 day before their signing deadline: the officer's task. */
export const guaranteeDeadlineReminders = dueQuery<GuaranteeCandidate>({
  name: 'guarantee-deadlines',
  kinds: ['guarantee-deadline-officer'],
  sql: `SELECT g.guarantee_id, g.deadline::text AS deadline, g.status, g.project_id, g.county_code, g.township_code, g.village_code, m.name_masked
     FROM reminders.guarantees g LEFT JOIN reminders.mothers m ON m.application_id = g.application_id
    WHERE g.deadline = ANY($2::date[]) AND $1::date IS NOT NULL`,
  remindersOf(c, date, sms) {
    const due = guaranteeDeadlineRemindersDueOn(date, { guaranteeId: c.guarantee_id, deadline: c.deadline, status: c.status, ...known(c) });
    return due.map((d) => newReminder(d, {}, { projectId: c.project_id, countyCode: c.county_code, townshipCode: c.township_code }, sms));
  },
});

interface FollowUpCandidate {
  application_id: string;
  next_due_on: string;
  project_id: string;
  township_code: string;
  county_code: string | null;
  name_masked: string | null;
  village_code: string | null;
}

/** Follow-up visits due on the date (through follow_ups_by_due): the officer's task. */
export const followUpReminders = dueQuery<FollowUpCandidate>({
  name: 'follow-ups',
  kinds: ['follow-up-officer'],
  sql: `SELECT f.application_id, f.next_due_on::text AS next_due_on, f.project_id, f.township_code, m.county_code, m.name_masked, m.village_code
     FROM reminders.follow_ups f LEFT JOIN reminders.mothers m ON m.application_id = f.application_id
    WHERE f.next_due_on = ANY($2::date[]) AND $1::date IS NOT NULL`,
  remindersOf(c, date, sms) {
    const due = followUpRemindersDueOn(date, { applicationId: c.application_id, nextDueOn: c.next_due_on, ...known(c) });
    return due.map((d) => newReminder(d, {}, { projectId: c.project_id, countyCode: c.county_code ?? countyOf(c.township_code), townshipCode: c.township_code }, sms));
  },
});
