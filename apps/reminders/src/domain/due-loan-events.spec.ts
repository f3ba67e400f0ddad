import { defaultRemindersDueOn, DemandState, demandRemindersDueOn } from './due-loan-events';

const LOAN = '7f1c2d3e-0000-4000-8000-000000000001';
const DEMAND = '7f1c2d3e-0000-4000-8000-0000000000d1';

describe('defaultRemindersDueOn', () => {
  const sut = defaultRemindersDueOn;

  it('tells the project manager on the day the loan defaults, and only then', () => {
    const state = { loanId: LOAN, defaultedOn: '2027-03-02', loanStatus: 'defaulted' as const, nameMasked: '王*芳' };
    expect(sut('2027-03-02', state)).toEqual([
      { kind: 'loan-defaulted-manager', subjectId: LOAN, offset: 'T0', dueOn: '2027-03-02', recipientRole: 'project_manager', facts: { loanId: LOAN, nameMasked: '王*芳' } },
    ]);
    expect(sut('2027-03-03', state)).toEqual([]);
  });

  it('says nothing of a loan written off since', () => {
    expect(sut('2027-03-02', { loanId: LOAN, defaultedOn: '2027-03-02', loanStatus: 'written_off' })).toEqual([]);
  });
});

describe('demandRemindersDueOn', () => {
  const sut = demandRemindersDueOn;
  const demand: DemandState = { demandId: DEMAND, loanId: LOAN, party: 'household', partyName: '李*', liabilityFen: 150_000, demandedOn: '2027-03-02', loanStatus: 'defaulted' };

  it('tells the party of its demand on the day it is made, with what it is liable for', () => {
    expect(sut('2027-03-02', demand)).toEqual([
      {
        kind: 'guarantee-demand', subjectId: DEMAND, offset: 'T0', dueOn: '2027-03-02', recipientRole: 'guarantor', party: 'household',
        facts: { loanId: LOAN, amountFen: 150_000, partyName: '李*', partyRole: 'household' },
      },
    ]);
    expect(sut('2027-03-01', demand)).toEqual([]);
  });

  it('says nothing once the loan is repaid', () => {
    expect(sut('2027-03-02', { ...demand, loanStatus: 'repaid' })).toEqual([]);
  });
});
