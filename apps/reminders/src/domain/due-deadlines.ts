import { DueReminder, dueOf } from './due-offsets';
import { known } from './due-loan-events';

/** An enrolment's expected buyback (first delivery + grow-out days): the partner hears a week before, unless bought already. */
export interface BuybackState {
  enrolmentId: string;
  expectedOn: string;
  boughtOn?: string | null;
  nameMasked?: string;
  villageCode?: string;
}

export function buybackRemindersDueOn(date: string, b: BuybackState): DueReminder[] {
  if (b.boughtOn) return [];
  return present(dueOf('buyback-partner', b.enrolmentId, b.expectedOn, date, { expectedOn: b.expectedOn, ...known(b) }));
}

/** A public notice: the officer hears the day before it ends, unless it is closed already. */
export interface NoticeState {
  noticeId: string;
  endDate: string;
  closedOn?: string | null;
  villageCode?: string;
}

export function noticeRemindersDueOn(date: string, n: NoticeState): DueReminder[] {
  if (n.closedOn) return [];
  return present(dueOf('notice-officer', n.noticeId, n.endDate, date, { deadline: n.endDate, ...known(n) }));
}

/** A guarantee still being signed: the officer hears 3 days and 1 day before its deadline. */
export interface GuaranteeDeadlineState {
  guaranteeId: string;
  deadline: string;
  status: 'open' | 'effective' | 'lapsed' | 'invoked' | 'released';
  nameMasked?: string;
  villageCode?: string;
}

export function guaranteeDeadlineRemindersDueOn(date: string, g: GuaranteeDeadlineState): DueReminder[] {
  if (g.status !== 'open') return [];
  return present(dueOf('guarantee-deadline-officer', g.guaranteeId, g.deadline, date, { deadline: g.deadline, ...known(g) }));
}

/** The next follow-up visit of a mother (last visit + the project's interval): the officer hears on the day. */
export interface FollowUpState {
  applicationId: string;
  nextDueOn: string;
  nameMasked?: string;
  villageCode?: string;
}

/** A new visit moves next_due_on, and so makes a new subject: each due visit is reminded once. */
export function followUpSubjectId(f: { applicationId: string; nextDueOn: string }): string {
  return `${f.applicationId}.${f.nextDueOn}`;
}

export function followUpRemindersDueOn(date: string, f: FollowUpState): DueReminder[] {
  return present(dueOf('follow-up-officer', followUpSubjectId(f), f.nextDueOn, date, { dueDate: f.nextDueOn, ...known(f) }));
}

function present(due: DueReminder | undefined): DueReminder[] {
  return due ? [due] : [];
}
