import { buildSchedule, feeForPeriod, maturityDate, payableRateBasisPoints, ScheduleError, ScheduleTerms } from './schedule';

const terms = (over: Partial<ScheduleTerms> = {}): ScheduleTerms => ({
  principalFen: 300_000,
  startDate: '2026-03-31',
  termMonths: 4,
  plan: { kind: 'bullet' },
  chargeKind: 'none',
  rateBasisPoints: 0,
  ...over,
});

function problemsOf(run: () => unknown): Record<string, string[]> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScheduleError);
    expect((error as ScheduleError).code).toBe('validation_failed');
    return (error as ScheduleError).problems;
  }
  throw new Error('expected a ScheduleError');
}

describe('buildSchedule', () => {
  describe('bullet', () => {
    it('puts everything on one instalment at maturity, the month end clamped', () => {
      const sut = buildSchedule(terms({ startDate: '2026-10-31', termMonths: 4 }));
      expect(sut).toEqual([{ seq: 1, dueDate: '2027-02-28', principalFen: 300_000, feeFen: 0 }]);
      expect(maturityDate(sut)).toBe('2027-02-28');
    });

    it('charges interest for the actual days to maturity, rounded half-up', () => {
      // 2026-03-31 → 2026-07-31 is 122 days: 300000 × 3% × 122 / 365 = 3008.219…
      const sut = buildSchedule(terms({ chargeKind: 'interest', rateBasisPoints: 300 }));
      expect(sut).toEqual([{ seq: 1, dueDate: '2026-07-31', principalFen: 300_000, feeFen: 3008 }]);
    });

    it('charges nothing when the loan is interest-free, whatever rate is passed', () => {
      expect(buildSchedule(terms({ chargeKind: 'none', rateBasisPoints: 500 }))[0].feeFen).toBe(0);
    });
  });

  describe('equal_monthly', () => {
    it('splits the principal evenly and puts the remainder of the division on the last instalment', () => {
      const sut = buildSchedule(terms({ principalFen: 500_000, termMonths: 12, startDate: '2026-01-31', plan: { kind: 'equal_monthly' } }));
      expect(sut).toHaveLength(12);
      expect(sut.slice(0, 11).every((i) => i.principalFen === 41_666)).toBe(true);
      expect(sut[11].principalFen).toBe(41_674);
      expect(sut.reduce((s, i) => s + i.principalFen, 0)).toBe(500_000);
      expect(sut.map((i) => i.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    });

    it('falls due each month from the start, a 31st kept where the month has one', () => {
      const sut = buildSchedule(terms({ principalFen: 4_000, termMonths: 4, startDate: '2026-01-31', plan: { kind: 'equal_monthly' } }));
      expect(sut.map((i) => i.dueDate)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
    });

    it('charges the fee on the principal still outstanding in each period, by its days', () => {
      // 3.65% a year = principal × days / 10000 a period: 120000×31, 80000×28, 40000×31.
      const sut = buildSchedule(terms({ principalFen: 120_000, termMonths: 3, startDate: '2026-01-01', plan: { kind: 'equal_monthly' }, chargeKind: 'management_fee', rateBasisPoints: 365 }));
      expect(sut).toEqual([
        { seq: 1, dueDate: '2026-02-01', principalFen: 40_000, feeFen: 372 },
        { seq: 2, dueDate: '2026-03-01', principalFen: 40_000, feeFen: 224 },
        { seq: 3, dueDate: '2026-04-01', principalFen: 40_000, feeFen: 124 },
      ]);
    });
  });

  describe('custom', () => {
    const custom = (instalments: { dueDate: string; amountFen: number }[]) => terms({ plan: { kind: 'custom', instalments } });

    it('keeps the dated amounts, e.g. on the expected buyback date, with the fee on what is outstanding', () => {
      const sut = buildSchedule({ ...custom([{ dueDate: '2026-05-31', amountFen: 100_000 }, { dueDate: '2026-07-31', amountFen: 200_000 }]), chargeKind: 'management_fee', rateBasisPoints: 365 });
      // 61 days on 300000, then 61 days on 200000 (3.65% a year = principal × days / 10000).
      expect(sut).toEqual([
        { seq: 1, dueDate: '2026-05-31', principalFen: 100_000, feeFen: 1830 },
        { seq: 2, dueDate: '2026-07-31', principalFen: 200_000, feeFen: 1220 },
      ]);
    });

    it('refuses amounts that do not add up to the principal, naming the difference', () => {
      const problems = problemsOf(() => buildSchedule(custom([{ dueDate: '2026-05-31', amountFen: 100_000 }, { dueDate: '2026-07-31', amountFen: 199_999 }])));
      expect(problems['plan.instalments']).toEqual([expect.stringContaining('1 fen short')]);
    });

    it('refuses amounts over the principal', () => {
      const problems = problemsOf(() => buildSchedule(custom([{ dueDate: '2026-07-31', amountFen: 300_500 }])));
      expect(problems['plan.instalments']).toEqual([expect.stringContaining('500 fen over')]);
    });

    it('refuses dates that do not increase, that are not after the start, or beyond the horizon, per field', () => {
      const problems = problemsOf(() =>
        buildSchedule(
          custom([
            { dueDate: '2026-03-31', amountFen: 100_000 },
            { dueDate: '2026-06-30', amountFen: 100_000 },
            { dueDate: '2026-06-30', amountFen: 50_000 },
            { dueDate: '2031-04-01', amountFen: 50_000 },
          ]),
        ),
      );
      expect(Object.keys(problems).sort()).toEqual(['plan.instalments.0.dueDate', 'plan.instalments.2.dueDate', 'plan.instalments.3.dueDate']);
      expect(problems['plan.instalments.0.dueDate'][0]).toContain('after the start date 2026-03-31');
      expect(problems['plan.instalments.2.dueDate'][0]).toContain('must increase');
      expect(problems['plan.instalments.3.dueDate'][0]).toContain('no later than 2031-03-31');
    });

    it('refuses an empty plan, a zero amount and a malformed date', () => {
      expect(Object.keys(problemsOf(() => buildSchedule(custom([]))))).toEqual(['plan.instalments']);
      const problems = problemsOf(() => buildSchedule(custom([{ dueDate: '2026-02-30', amountFen: 0 }])));
      expect(Object.keys(problems).sort()).toEqual(['plan.instalments.0.amountFen', 'plan.instalments.0.dueDate']);
    });

    it('moves its problems under another path for a reschedule body', () => {
      try {
        buildSchedule(custom([]));
      } catch (error) {
        expect(Object.keys((error as ScheduleError).under('schedule').problems)).toEqual(['schedule.plan.instalments']);
      }
      expect.assertions(1);
    });
  });

  it('refuses terms that are not terms', () => {
    const problems = problemsOf(() => buildSchedule(terms({ principalFen: 0, termMonths: 0, startDate: '2026-13-01', rateBasisPoints: -1 })));
    expect(Object.keys(problems).sort()).toEqual(['principalFen', 'rateBasisPoints', 'startDate', 'termMonths']);
  });
});

describe('feeForPeriod', () => {
  it('charges a year of 365 days at the full rate', () => {
    expect(feeForPeriod(500_000, 300, '2026-01-01', '2027-01-01')).toBe(15_000);
  });

  it('counts the actual days, so a leap year charges 366/365 of the rate', () => {
    // 500000 × 3% × 366 / 365 = 15041.09…
    expect(feeForPeriod(500_000, 300, '2024-01-01', '2025-01-01')).toBe(15_041);
    expect(feeForPeriod(100_000, 365, '2024-02-28', '2024-03-01')).toBe(20);
    expect(feeForPeriod(100_000, 365, '2026-02-28', '2026-03-01')).toBe(10);
  });

  it('rounds half a fen up and less than half down', () => {
    // 1825 × 10% × 1 / 365 = 0.5 exactly; 1824 gives 0.4997….
    expect(feeForPeriod(1825, 1000, '2026-01-01', '2026-01-02')).toBe(1);
    expect(feeForPeriod(1824, 1000, '2026-01-01', '2026-01-02')).toBe(0);
  });

  it('is nothing for no days, no principal or no rate', () => {
    expect(feeForPeriod(100_000, 300, '2026-01-01', '2026-01-01')).toBe(0);
    expect(feeForPeriod(0, 300, '2026-01-01', '2026-02-01')).toBe(0);
    expect(feeForPeriod(100_000, 0, '2026-01-01', '2026-02-01')).toBe(0);
  });
});

describe('payableRateBasisPoints', () => {
  it('charges interest less the subsidy, a management fee as set, and nothing for an interest-free loan', () => {
    expect(payableRateBasisPoints('interest', 600, 450)).toBe(150);
    expect(payableRateBasisPoints('interest', 300, 450)).toBe(0);
    expect(payableRateBasisPoints('management_fee', 300, 450)).toBe(300);
    expect(payableRateBasisPoints('none', 300, 0)).toBe(0);
  });
});
