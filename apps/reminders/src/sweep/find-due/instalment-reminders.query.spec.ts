import { instalmentReminders } from './instalment-reminders.query';

const LOAN = '7f1c2d3e-0000-4000-8000-000000000001';

/** A candidate row as the query answers it (bigints as text). */
function candidate(overrides: Record<string, unknown> = {}) {
  return {
    loan_id: LOAN,
    schedule_version: 1,
    seq: 2,
    due_date: '2027-03-01',
    due_fen: '120000',
    paid_fen: '20000',
    paid: false,
    loan_status: 'active',
    current_version: 1,
    project_id: '7f1c2d3e-0000-4000-8000-0000000000a1',
    county_code: '530102',
    township_code: '530102001',
    paused: false,
    name_masked: '王*芳',
    village_code: '530102001001',
    phone_sealed: 'sealed-mother',
    phone_hash: 'a'.repeat(64),
    guarantee_id: '7f1c2d3e-0000-4000-8000-0000000000g1',
    household_phone_sealed: 'sealed-household',
    household_phone_hash: 'b'.repeat(64),
    ...overrides,
  } as never;
}

describe('the instalment query’s rows as reminders', () => {
  const sut = instalmentReminders.remindersOf;

  it('texts the mother at her phone (log without a gateway, sms with one), with the loan’s scope, and gives the officer a task', () => {
    const [mother, officer] = sut(candidate(), '2027-03-04', false);
    expect(mother).toMatchObject({
      id: `instalment-mother-${LOAN}.v1.s2-T+3`, channel: 'log', recipientName: '王*芳', phoneSealed: 'sealed-mother', phoneHash: 'a'.repeat(64),
      projectId: '7f1c2d3e-0000-4000-8000-0000000000a1', countyCode: '530102', townshipCode: '530102001', loanId: LOAN, partnerId: null,
    });
    expect(officer).toMatchObject({ id: `instalment-officer-${LOAN}.v1.s2-T+3`, channel: 'task', phoneSealed: null, phoneHash: null, recipientName: null });
    expect(sut(candidate(), '2027-03-04', true)[0].channel).toBe('sms');
  });

  it('reaches the household at its phone and the township and village by task; a household without a phone gets a task', () => {
    const parties = sut(candidate(), '2027-03-16', true).filter((r) => r.kind === 'instalment-guarantor');
    expect(parties.map((r) => [r.id, r.channel, r.phoneHash])).toEqual([
      [`instalment-guarantor-${LOAN}.v1.s2-township-T+15`, 'task', null],
      [`instalment-guarantor-${LOAN}.v1.s2-village-T+15`, 'task', null],
      [`instalment-guarantor-${LOAN}.v1.s2-household-T+15`, 'sms', 'b'.repeat(64)],
    ]);
    const noPhone = sut(candidate({ household_phone_sealed: null, household_phone_hash: null }), '2027-03-16', true).find((r) => r.id.includes('household'));
    expect(noPhone?.channel).toBe('task');
    expect(sut(candidate({ guarantee_id: null }), '2027-03-16', true).map((r) => r.kind)).toEqual(['instalment-officer']);
  });

  it('reminds no mother the read model has not heard of (no phone to text), but still the officer', () => {
    expect(sut(candidate({ phone_sealed: null, phone_hash: null, name_masked: null, village_code: null }), '2027-03-04', true).map((r) => r.kind)).toEqual(['instalment-officer']);
  });

  it('reads a paid-up instalment (paid_fen ≥ due_fen) as paid', () => {
    expect(sut(candidate({ paid: true }), '2027-03-04', true)).toEqual([]);
  });
});
