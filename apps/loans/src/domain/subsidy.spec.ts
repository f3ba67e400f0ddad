import { daysPastDue } from './arrears';
import { subsidyLostFen } from './subsidy';

describe('the interest subsidy stops while an instalment is overdue', () => {
  const subsidised = { chargeKind: 'interest', subsidyBasisPoints: 300 };

  it('charges the subsidised part on the unpaid principal for each day past due, rounded half-up', () => {
    // 300,000 fen × 3% × 30 / 365 = 739.726… → 740
    expect(subsidyLostFen(subsidised, { unpaidPrincipalFen: 300_000, overdueDays: 30 })).toBe(740);
    // 100,000 fen × 3% × 73 / 365 = 600 exactly
    expect(subsidyLostFen(subsidised, { unpaidPrincipalFen: 100_000, overdueDays: 73 })).toBe(600);
    // Half a fen rounds up: 6,083 × 300 × 1 / 3,650,000 = 0.49997 → 0; 6,084 → 0.50005 → 1.
    expect(subsidyLostFen(subsidised, { unpaidPrincipalFen: 6_083, overdueDays: 1 })).toBe(0);
    expect(subsidyLostFen(subsidised, { unpaidPrincipalFen: 6_084, overdueDays: 1 })).toBe(1);
  });

  it('charges nothing without a subsidy, on a fee loan, or before the instalment is overdue', () => {
    expect(subsidyLostFen({ chargeKind: 'interest', subsidyBasisPoints: 0 }, { unpaidPrincipalFen: 300_000, overdueDays: 30 })).toBe(0);
    expect(subsidyLostFen({ chargeKind: 'management_fee', subsidyBasisPoints: 300 }, { unpaidPrincipalFen: 300_000, overdueDays: 30 })).toBe(0);
    expect(subsidyLostFen(subsidised, { unpaidPrincipalFen: 300_000, overdueDays: 0 })).toBe(0);
  });

  it('keeps the subsidy during a pause: paused days are not overdue days', () => {
    const overdueDays = daysPastDue('2027-03-01', '2027-03-31', 0, [{ from: '2027-03-11', to: '2027-03-20' }]);
    expect(overdueDays).toBe(20);
    // 300,000 × 3% × 20 / 365 = 493.15 → 493, not the 740 of 30 days
    expect(subsidyLostFen(subsidised, { unpaidPrincipalFen: 300_000, overdueDays })).toBe(493);
  });

  it('never drops below what she has already paid of it', () => {
    expect(subsidyLostFen(subsidised, { unpaidPrincipalFen: 100_000, overdueDays: 10, paidBeyondFeeFen: 500 })).toBe(500);
    expect(subsidyLostFen(subsidised, { unpaidPrincipalFen: 0, overdueDays: 10, paidBeyondFeeFen: 80 })).toBe(80);
  });
});
