import { mothersRateBasisPoints, RescheduleLoan, reschedule } from './arrears-reschedule';
import { ScheduleError } from './schedule';

const loan: RescheduleLoan = { principalOutstandingFen: 200_000, chargeKind: 'management_fee', rateBasisPoints: 365, subsidyBasisPoints: 0, disbursedOn: '2027-01-01' };

describe('a reschedule for what is outstanding', () => {
  it('charges the new schedule from the reschedule date, by actual days', () => {
    const sut = reschedule(loan, [], [{ dueDate: '2027-07-31', amountFen: 100_000 }, { dueDate: '2027-08-30', amountFen: 100_000 }], '2027-07-01');
    // 200,000 × 3.65% × 30 / 365 = 600; then 100,000 × 3.65% × 30 / 365 = 300. Nothing carried: no instalment fell due, and since disbursement 181 days accrued: 3,620.
    expect(sut.instalments.map((i) => [i.seq, i.dueDate, i.principalFen])).toEqual([
      [1, '2027-07-31', 100_000],
      [2, '2027-08-30', 100_000],
    ]);
    expect(sut.carriedFeeFen).toBe(3_620);
    expect(sut.instalments.map((i) => i.feeFen)).toEqual([600 + 3_620, 300]);
  });

  it('carries the unpaid fee (and subsidy lost) of instalments fallen due, and what accrued since the last of them', () => {
    const replaced = [
      { dueDate: '2027-06-01', feeFen: 1_000, subsidyLostFen: 50, feePaidFen: 300 },
      { dueDate: '2027-08-01', feeFen: 1_000, subsidyLostFen: 0, feePaidFen: 0 },
    ];
    const sut = reschedule(loan, replaced, [{ dueDate: '2027-12-31', amountFen: 200_000 }], '2027-07-01');
    // 750 unpaid of the June instalment, 30 days since 1 June on 200,000 at 3.65% = 600; the August one is replaced.
    expect(sut.carriedFeeFen).toBe(750 + 600);
  });

  it('refuses amounts that do not add up to the outstanding principal, or dates not after today, naming the field', () => {
    const attempt = (plan: { dueDate: string; amountFen: number }[]) => {
      try {
        reschedule(loan, [], plan, '2027-07-01');
      } catch (error) {
        return (error as ScheduleError).problems;
      }
      return undefined;
    };
    expect(attempt([{ dueDate: '2027-09-01', amountFen: 150_000 }])).toEqual({ instalments: [expect.stringMatching(/50000 fen short/)] });
    expect(Object.keys(attempt([{ dueDate: '2027-07-01', amountFen: 200_000 }]) ?? {})).toEqual(['instalments.0.dueDate']);
  });

  it('charges the mother the rate less the subsidy on an interest loan', () => {
    expect(mothersRateBasisPoints({ chargeKind: 'interest', rateBasisPoints: 500, subsidyBasisPoints: 300 })).toBe(200);
    expect(mothersRateBasisPoints({ chargeKind: 'management_fee', rateBasisPoints: 300, subsidyBasisPoints: 0 })).toBe(300);
    expect(mothersRateBasisPoints({ chargeKind: 'none', rateBasisPoints: 0, subsidyBasisPoints: 0 })).toBe(0);
  });
});
