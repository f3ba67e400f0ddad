import { skipAtSendTime, SubjectNow } from './still-due';

const today = '2026-03-04';
const instalment = (o: Partial<SubjectNow> = {}): SubjectNow => ({
  kind: 'instalment-mother',
  today,
  instalment: { paid: false, scheduleVersion: 1 },
  loan: { status: 'active', scheduleVersion: 1 },
  paused: false,
  ...o,
});

describe('checking a reminder again at send time', () => {
  const sut = skipAtSendTime;

  it('sends an unpaid instalment of an active loan', () => {
    expect(sut(instalment())).toBeUndefined();
    expect(sut(instalment({ kind: 'instalment-guarantor', loan: { status: 'defaulted', scheduleVersion: 1 } }))).toBeUndefined();
  });

  it('skips an instalment paid since the sweep', () => {
    expect(sut(instalment({ instalment: { paid: true, scheduleVersion: 1 } }))).toBe('skipped_paid');
  });

  it('skips a late instalment of a loan in an arrears pause, and still sends one before its due date', () => {
    expect(sut(instalment({ paused: true, late: true }))).toBe('skipped_paused');
    expect(sut(instalment({ paused: true, late: false }))).toBeUndefined();
  });

  it('skips a repaid or written-off loan, and an instalment of a replaced schedule', () => {
    expect(sut(instalment({ loan: { status: 'repaid', scheduleVersion: 1 } }))).toBe('skipped_closed');
    expect(sut(instalment({ kind: 'instalment-officer', loan: { status: 'written_off', scheduleVersion: 1 } }))).toBe('skipped_closed');
    expect(sut(instalment({ loan: { status: 'active', scheduleVersion: 2 } }))).toBe('skipped_closed');
    expect(sut(instalment({ loan: null }))).toBe('skipped_closed');
  });

  it('skips what is over: a guarantee no longer open, a closed notice, a buyback done, a visit made', () => {
    expect(sut({ kind: 'guarantee-deadline-officer', today, guarantee: { status: 'effective' } })).toBe('skipped_closed');
    expect(sut({ kind: 'guarantee-deadline-officer', today, guarantee: { status: 'open' } })).toBeUndefined();
    expect(sut({ kind: 'notice-officer', today, notice: { closedOn: '2026-03-03' } })).toBe('skipped_closed');
    expect(sut({ kind: 'notice-officer', today, notice: { closedOn: null } })).toBeUndefined();
    expect(sut({ kind: 'buyback-partner', today, buyback: { boughtOn: '2026-03-01' } })).toBe('skipped_closed');
    expect(sut({ kind: 'follow-up-officer', today, followUp: { nextDueOn: '2026-06-01' }, followUpDueOn: '2026-03-04' })).toBe('skipped_closed');
    expect(sut({ kind: 'follow-up-officer', today, followUp: { nextDueOn: '2026-03-04' }, followUpDueOn: '2026-03-04' })).toBeUndefined();
    expect(sut({ kind: 'guarantee-demand', today, loan: { status: 'repaid', scheduleVersion: 1 } })).toBe('skipped_closed');
    expect(sut({ kind: 'loan-defaulted-manager', today, loan: { status: 'defaulted', scheduleVersion: 1 } })).toBeUndefined();
  });
});
