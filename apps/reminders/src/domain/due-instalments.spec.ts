import { addDays } from '@xingfu/kernel';
import { InstalmentState, instalmentRemindersDueOn, instalmentSubjectId, isLoanClosed } from './due-instalments';

const LOAN = '7f1c2d3e-0000-4000-8000-000000000001';
const DUE = '2027-03-01';

function instalment(overrides: Partial<InstalmentState> = {}): InstalmentState {
  return {
    loanId: LOAN,
    scheduleVersion: 1,
    currentScheduleVersion: 1,
    seq: 3,
    dueDate: DUE,
    dueFen: 150_000,
    paidFen: 20_000,
    unpaid: true,
    loanStatus: 'active',
    paused: false,
    parties: ['township', 'village', 'household'],
    nameMasked: '王*芳',
    villageCode: '530102001001',
    ...overrides,
  };
}

/** [date, kind, offset, party] of every reminder over the days around the due date. */
function calendar(state: InstalmentState, from = -10, to = 40): [string, string, string, string?][] {
  const rows: [string, string, string, string?][] = [];
  for (let d = from; d <= to; d++) {
    const date = addDays(DUE, d);
    for (const r of instalmentRemindersDueOn(date, state)) rows.push(r.party ? [date, r.kind, r.offset, r.party] : [date, r.kind, r.offset]);
  }
  return rows;
}

describe('instalmentRemindersDueOn', () => {
  const sut = instalmentRemindersDueOn;

  it('over an unpaid instalment’s life: the mother at T-7, T-1, T0, T+3, the officer at T+3 and T+15, each guarantor at T+15, the manager at T+30, and nothing else', () => {
    expect(calendar(instalment())).toEqual([
      ['2027-02-22', 'instalment-mother', 'T-7'],
      ['2027-02-28', 'instalment-mother', 'T-1'],
      ['2027-03-01', 'instalment-mother', 'T0'],
      ['2027-03-04', 'instalment-mother', 'T+3'],
      ['2027-03-04', 'instalment-officer', 'T+3'],
      ['2027-03-16', 'instalment-officer', 'T+15'],
      ['2027-03-16', 'instalment-guarantor', 'T+15', 'township'],
      ['2027-03-16', 'instalment-guarantor', 'T+15', 'village'],
      ['2027-03-16', 'instalment-guarantor', 'T+15', 'household'],
      ['2027-03-31', 'instalment-manager', 'T+30'],
    ]);
  });

  it('gives each reminder its subject, the date it is meant for, its recipient and the template’s facts (what is still owed, days late)', () => {
    const [mother, officer] = sut('2027-03-04', instalment());
    expect(instalmentSubjectId(instalment())).toBe(`${LOAN}.v1.s3`);
    expect(mother).toEqual({
      kind: 'instalment-mother',
      subjectId: `${LOAN}.v1.s3`,
      offset: 'T+3',
      dueOn: '2027-03-04',
      recipientRole: 'mother',
      facts: { loanId: LOAN, seq: 3, dueDate: DUE, amountFen: 130_000, daysPastDue: 3, nameMasked: '王*芳', villageCode: '530102001001' },
    });
    expect(officer).toMatchObject({ kind: 'instalment-officer', recipientRole: 'officer', offset: 'T+3' });
    const [, household] = sut('2027-03-16', instalment({ parties: ['village', 'household'] })).filter((r) => r.kind === 'instalment-guarantor');
    expect(household).toMatchObject({ subjectId: `${LOAN}.v1.s3`, party: 'household', recipientRole: 'guarantor', facts: { partyRole: 'household', daysPastDue: 15 } });
    expect(sut('2027-02-22', instalment())[0].facts.daysPastDue).toBe(0);
  });

  it('reminds nobody of a paid instalment', () => {
    expect(calendar(instalment({ unpaid: false, paidFen: 150_000 }))).toEqual([]);
  });

  it('reminds nobody when the loan is repaid or written off, but still chases a defaulted one', () => {
    expect(calendar(instalment({ loanStatus: 'repaid' }))).toEqual([]);
    expect(calendar(instalment({ loanStatus: 'written_off' }))).toEqual([]);
    expect(calendar(instalment({ loanStatus: 'defaulted' }))).toHaveLength(10);
    expect(isLoanClosed('defaulted')).toBe(false);
  });

  it('sends none of the late reminders while a pause covers the date, but still the ones before and on the due date', () => {
    expect(calendar(instalment({ paused: true }))).toEqual([
      ['2027-02-22', 'instalment-mother', 'T-7'],
      ['2027-02-28', 'instalment-mother', 'T-1'],
      ['2027-03-01', 'instalment-mother', 'T0'],
    ]);
  });

  it('reminds nobody of an instalment a reschedule replaced (its new schedule makes new subjects)', () => {
    expect(calendar(instalment({ scheduleVersion: 1, currentScheduleVersion: 2 }))).toEqual([]);
    expect(sut('2027-03-01', instalment({ scheduleVersion: 2, currentScheduleVersion: 2 }))[0].subjectId).toBe(`${LOAN}.v2.s3`);
  });

  it('has nothing for a date that is no offset, and no guarantor reminders for a loan without a guarantee in force', () => {
    expect(sut('2027-03-02', instalment())).toEqual([]);
    expect(sut('2027-03-16', instalment({ parties: [] })).map((r) => r.kind)).toEqual(['instalment-officer']);
  });
});
