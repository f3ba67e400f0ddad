import { AgeingInstalment, AgeingLoan, ageLoan } from './arrears-ageing';

const loan: AgeingLoan = { status: 'active', graceDays: 0, chargeKind: 'interest', subsidyBasisPoints: 300, thresholdDays: 90 };
const instalment = (o: Partial<AgeingInstalment> = {}): AgeingInstalment => ({
  scheduleVersion: 1, seq: 1, dueDate: '2027-03-01', principalFen: 100_000, feeFen: 1_000, principalPaidFen: 0, feePaidFen: 0, subsidyLostFen: 0, daysPastDue: 0, bucket: 'current', ...o,
});

describe('ageing one loan on a business date', () => {
  it('ages each instalment fallen due, gives the loan the days of its oldest, and says which bucket each entered', () => {
    const sut = ageLoan(loan, [instalment(), instalment({ seq: 2, dueDate: '2027-04-01' }), instalment({ seq: 3, dueDate: '2027-05-01' })], [], '2027-04-02');
    expect(sut).toMatchObject({ daysPastDue: 32, bucket: '31-60', defaults: false });
    expect(sut.instalments.map((i) => [i.seq, i.daysPastDue, i.bucket, i.entered])).toEqual([
      [1, 32, '31-60', '31-60'],
      [2, 1, '1-30', '1-30'],
    ]);
    // 100,000 × 3% × 32 / 365 = 263.01 → 263; unpaid = principal + fee + subsidy lost
    expect(sut.instalments[0]).toMatchObject({ subsidyLostFen: 263, unpaidFen: 101_263, changed: true });
    expect(sut.overdueFen).toBe(101_263 + 100_000 + 1_000 + 8);
  });

  it('enters nothing and changes nothing when the same date is aged again', () => {
    const first = ageLoan(loan, [instalment()], [], '2027-03-02').instalments[0];
    const again = ageLoan(loan, [instalment({ daysPastDue: first.daysPastDue, bucket: first.bucket, subsidyLostFen: first.subsidyLostFen, agesOn: first.agesOn })], [], '2027-03-02');
    expect(again.instalments[0]).toMatchObject({ changed: false, entered: undefined });
  });

  it('does not age a loan through its pause', () => {
    const before = ageLoan(loan, [instalment()], [{ from: '2027-03-11', to: '2027-06-30' }], '2027-03-10');
    const during = ageLoan(loan, [instalment({ daysPastDue: 9, bucket: '1-30', subsidyLostFen: before.instalments[0].subsidyLostFen, agesOn: before.instalments[0].agesOn })], [{ from: '2027-03-11', to: '2027-06-30' }], '2027-06-30');
    expect(during).toMatchObject({ daysPastDue: 9, defaults: false });
    expect(during.instalments[0]).toMatchObject({ changed: false, entered: undefined });
  });

  it('defaults an active loan past the project threshold, once', () => {
    expect(ageLoan(loan, [instalment()], [], '2027-05-30').defaults).toBe(false); // 90 days
    expect(ageLoan(loan, [instalment()], [], '2027-05-31')).toMatchObject({ daysPastDue: 91, bucket: '90+', defaults: true });
    expect(ageLoan({ ...loan, status: 'defaulted' }, [instalment()], [], '2027-06-30').defaults).toBe(false);
    expect(ageLoan({ ...loan, thresholdDays: 30 }, [instalment()], [], '2027-04-01').defaults).toBe(true);
  });

  it('counts what is left of a partly paid instalment', () => {
    const sut = ageLoan({ ...loan, subsidyBasisPoints: 0 }, [instalment({ principalPaidFen: 40_000, feePaidFen: 1_000 })], [], '2027-03-05');
    expect(sut.instalments[0]).toMatchObject({ unpaidFen: 60_000, subsidyLostFen: 0 });
  });
});
