import { allocate, OverpaymentError, OwedInstalment, outstandingFen } from './allocation';

/** An instalment of schedule version 1, nothing paid yet unless told. */
const inst = (seq: number, principalFen: number, feeFen = 0, o: Partial<OwedInstalment> = {}): OwedInstalment => ({
  scheduleVersion: 1,
  seq,
  principalFen,
  feeFen,
  subsidyLostFen: 0,
  principalPaidFen: 0,
  feePaidFen: 0,
  ...o,
});

describe('allocating a repayment', () => {
  const sut = allocate;

  it('pays an instalment exactly: its fee, then its principal, and closes it', () => {
    const result = sut(101_500, [inst(1, 100_000, 1_500), inst(2, 100_000, 1_500)]);
    expect(result.instalments).toEqual([{ scheduleVersion: 1, seq: 1, feeFen: 1_500, principalFen: 100_000, paidInFull: true }]);
    expect(result.totals).toEqual({ feeFen: 1_500, principalFen: 100_000 });
    expect(result.outstandingAfterFen).toBe(101_500);
  });

  it('pays part of the oldest instalment, fee first, and leaves it open', () => {
    const result = sut(40_000, [inst(1, 100_000, 1_500), inst(2, 100_000, 1_500)]);
    expect(result.instalments).toEqual([{ scheduleVersion: 1, seq: 1, feeFen: 1_500, principalFen: 38_500, paidInFull: false }]);
    expect(result.outstandingAfterFen).toBe(203_000 - 40_000);
  });

  it('takes the fee before any principal, even when the payment does not cover the fee', () => {
    const result = sut(1_000, [inst(1, 100_000, 1_500)]);
    expect(result.instalments).toEqual([{ scheduleVersion: 1, seq: 1, feeFen: 1_000, principalFen: 0, paidInFull: false }]);
    expect(result.totals).toEqual({ feeFen: 1_000, principalFen: 0 });
  });

  it('continues from what an earlier posting left: the rest of the fee, then the rest of the principal', () => {
    const partlyPaid = inst(1, 100_000, 1_500, { feePaidFen: 1_000, principalPaidFen: 0 });
    expect(sut(600, [partlyPaid]).instalments[0]).toMatchObject({ feeFen: 500, principalFen: 100, paidInFull: false });
  });

  it('owes the interest a stopped subsidy added, before the principal', () => {
    const overdue = inst(1, 100_000, 1_000, { subsidyLostFen: 300 });
    expect(sut(1_300, [overdue]).instalments[0]).toMatchObject({ feeFen: 1_300, principalFen: 0 });
  });

  it('prepays the next instalments with an overpayment, each fee before its principal', () => {
    const result = sut(250_000, [inst(1, 100_000, 1_000), inst(2, 100_000, 1_000), inst(3, 100_000, 1_000)]);
    expect(result.instalments).toEqual([
      { scheduleVersion: 1, seq: 1, feeFen: 1_000, principalFen: 100_000, paidInFull: true },
      { scheduleVersion: 1, seq: 2, feeFen: 1_000, principalFen: 100_000, paidInFull: true },
      { scheduleVersion: 1, seq: 3, feeFen: 1_000, principalFen: 47_000, paidInFull: false },
    ]);
    expect(result.totals).toEqual({ feeFen: 3_000, principalFen: 247_000 });
  });

  it('pays the whole balance to zero, closing every instalment', () => {
    const schedule = [inst(1, 166_667), inst(2, 166_667), inst(3, 166_666)];
    const result = sut(outstandingFen(schedule), schedule);
    expect(result.instalments.every((a) => a.paidInFull)).toBe(true);
    expect(result.outstandingAfterFen).toBe(0);
    expect(result.totals.principalFen).toBe(500_000);
  });

  it('refuses a payment above the whole outstanding balance, naming the balance', () => {
    const schedule = [inst(1, 100_000, 1_500, { feePaidFen: 500, principalPaidFen: 20_000 }), inst(2, 100_000, 1_500)];
    const balance = 1_000 + 80_000 + 1_500 + 100_000;
    expect(outstandingFen(schedule)).toBe(balance);
    expect(() => sut(balance + 1, schedule)).toThrow(OverpaymentError);
    try {
      sut(balance + 1, schedule);
    } catch (error) {
      expect(error).toMatchObject({ outstandingFen: balance, amountFen: balance + 1 });
      expect((error as Error).message).toContain(`${balance} fen`);
    }
    expect(() => sut(1, [])).toThrow(OverpaymentError);
  });

  it('adds up to the amount to the fen for every amount, with no rounding', () => {
    const schedule = [inst(1, 33_333, 7), inst(2, 33_333, 7), inst(3, 33_334, 9, { scheduleVersion: 2 })];
    const balance = outstandingFen(schedule);
    for (const amount of [1, 6, 7, 8, 33_339, 33_340, 33_341, 66_680, balance - 1, balance]) {
      const { instalments, totals, outstandingAfterFen } = sut(amount, schedule);
      expect(totals.feeFen + totals.principalFen).toBe(amount);
      expect(instalments.reduce((s, a) => s + a.feeFen + a.principalFen, 0)).toBe(amount);
      expect(outstandingAfterFen).toBe(balance - amount);
      for (const a of instalments) expect(Number.isInteger(a.feeFen) && Number.isInteger(a.principalFen)).toBe(true);
    }
    expect(sut(balance, schedule).instalments.map((a) => [a.scheduleVersion, a.seq])).toEqual([
      [1, 1],
      [1, 2],
      [2, 3],
    ]);
  });

  it('refuses an amount that is not a whole, positive number of fen', () => {
    for (const amount of [0, -5, 1.5, Number.NaN, 2 ** 60]) expect(() => sut(amount, [inst(1, 100_000)])).toThrow(RangeError);
  });

  it('closes an instalment that owes nothing on the way past it, and stops where the money ends', () => {
    const result = sut(50, [inst(1, 100, 0, { principalPaidFen: 100 }), inst(2, 100), inst(3, 100)]);
    expect(result.instalments).toEqual([
      { scheduleVersion: 1, seq: 1, feeFen: 0, principalFen: 0, paidInFull: true },
      { scheduleVersion: 1, seq: 2, feeFen: 0, principalFen: 50, paidInFull: false },
    ]);
  });
});
