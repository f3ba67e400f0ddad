import { addDays } from '@xingfu/kernel';
import { DueReminder } from './due-offsets';
import { buybackRemindersDueOn, followUpRemindersDueOn, guaranteeDeadlineRemindersDueOn, noticeRemindersDueOn } from './due-deadlines';

const ID = '7f1c2d3e-0000-4000-8000-000000000001';

/** The dates in [anchor-10, anchor+10] on which `due` yields something, with its offset. */
function days(anchor: string, due: (date: string) => DueReminder[]): string[] {
  const found: string[] = [];
  for (let d = -10; d <= 10; d++) for (const r of due(addDays(anchor, d))) found.push(`${r.dueOn} ${r.kind} ${r.offset}`);
  return found;
}

describe('the deadlines reminded to officers and partners', () => {
  it('the partner a week before an expected buyback, not once it is bought', () => {
    expect(days('2027-06-10', (date) => buybackRemindersDueOn(date, { enrolmentId: ID, expectedOn: '2027-06-10' }))).toEqual(['2027-06-03 buyback-partner T-7']);
    expect(buybackRemindersDueOn('2027-06-03', { enrolmentId: ID, expectedOn: '2027-06-10' })[0]).toMatchObject({ recipientRole: 'partner', subjectId: ID, facts: { expectedOn: '2027-06-10' } });
    expect(days('2027-06-10', (date) => buybackRemindersDueOn(date, { enrolmentId: ID, expectedOn: '2027-06-10', boughtOn: '2027-06-01' }))).toEqual([]);
  });

  it('the officer the day before a public notice ends, not once it is closed', () => {
    expect(days('2027-01-20', (date) => noticeRemindersDueOn(date, { noticeId: ID, endDate: '2027-01-20', villageCode: '530102001001' }))).toEqual(['2027-01-19 notice-officer T-1']);
    expect(noticeRemindersDueOn('2027-01-19', { noticeId: ID, endDate: '2027-01-20' })[0].facts).toEqual({ deadline: '2027-01-20' });
    expect(days('2027-01-20', (date) => noticeRemindersDueOn(date, { noticeId: ID, endDate: '2027-01-20', closedOn: '2027-01-18' }))).toEqual([]);
  });

  it('the officer 3 days and 1 day before an open guarantee’s deadline, and never for one that took effect or lapsed', () => {
    const open = { guaranteeId: ID, deadline: '2027-02-01', status: 'open' as const };
    expect(days('2027-02-01', (date) => guaranteeDeadlineRemindersDueOn(date, open))).toEqual(['2027-01-29 guarantee-deadline-officer T-3', '2027-01-31 guarantee-deadline-officer T-1']);
    expect(days('2027-02-01', (date) => guaranteeDeadlineRemindersDueOn(date, { ...open, status: 'effective' }))).toEqual([]);
    expect(days('2027-02-01', (date) => guaranteeDeadlineRemindersDueOn(date, { ...open, status: 'lapsed' }))).toEqual([]);
  });

  it('the officer on the day a follow-up visit is due; the next visit is a new subject', () => {
    const state = { applicationId: ID, nextDueOn: '2027-04-01', nameMasked: '王*芳' };
    expect(days('2027-04-01', (date) => followUpRemindersDueOn(date, state))).toEqual(['2027-04-01 follow-up-officer T0']);
    expect(followUpRemindersDueOn('2027-04-01', state)[0]).toMatchObject({ subjectId: `${ID}.2027-04-01`, recipientRole: 'officer', facts: { dueDate: '2027-04-01', nameMasked: '王*芳' } });
  });
});
