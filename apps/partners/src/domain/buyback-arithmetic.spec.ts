import { BuybackFigures, buybackProblems, grossFenOf } from './buyback-arithmetic';

// 10 piglets, 152.345 kg at 28.00 yuan/kg: 426,566 fen (4,265.66 yuan, 426,566.0 exactly).
const figures = (o: Partial<BuybackFigures> = {}): BuybackFigures => ({
  headCount: 10,
  totalWeightGrams: 152345,
  pricePerKgFen: 2800,
  marketReferencePerKgFen: 2900,
  grossFen: 426566,
  stockCostDeductionFen: 120000,
  loanWithheldFen: 200000,
  netPaidFen: 106566,
  ...o,
});
const limits = { floorPricePerKgFen: 2600, recoverableAdvanceFen: 120000, loanOutstandingFen: 500000 };

describe('buyback arithmetic', () => {
  it('rounds gross half up to the fen, once', () => {
    expect(grossFenOf(152345, 2800)).toBe(426566);
    expect(grossFenOf(1, 500)).toBe(1); // 0.5 fen → 1
    expect(grossFenOf(1, 499)).toBe(0); // 0.499 fen → 0
    expect(grossFenOf(3, 1500)).toBe(5); // 4.5 fen → 5
  });

  it('accepts figures that add up to the fen', () => {
    expect(buybackProblems(figures(), limits)).toEqual({});
  });

  it('refuses a net off by one fen', () => {
    expect(Object.keys(buybackProblems(figures({ netPaidFen: 106567 }), limits))).toEqual(['netPaidFen']);
    expect(buybackProblems(figures({ netPaidFen: 106565 }), limits).netPaidFen?.[0]).toMatch(/= 106566 fen, not 106565/);
  });

  it('refuses a gross off by one fen from the weight at the price', () => {
    expect(Object.keys(buybackProblems(figures({ grossFen: 426567, netPaidFen: 106567 }), limits))).toEqual(['grossFen']);
  });

  it('refuses a price below the floor, even by one fen, and accepts the floor itself', () => {
    const atFloor = figures({ pricePerKgFen: 2600, grossFen: grossFenOf(152345, 2600), netPaidFen: grossFenOf(152345, 2600) - 320000 });
    expect(buybackProblems(atFloor, limits)).toEqual({});
    const below = figures({ pricePerKgFen: 2599, grossFen: grossFenOf(152345, 2599), netPaidFen: grossFenOf(152345, 2599) - 320000 });
    expect(buybackProblems(below, limits).pricePerKgFen?.[0]).toMatch(/below the programme's floor price of 2600/);
  });

  it('refuses withholding more than the loan owes, and any withholding without a loan out', () => {
    expect(buybackProblems(figures(), { ...limits, loanOutstandingFen: 200000 })).toEqual({});
    expect(Object.keys(buybackProblems(figures(), { ...limits, loanOutstandingFen: 199999 }))).toEqual(['loanWithheldFen']);
    expect(Object.keys(buybackProblems(figures(), { ...limits, loanOutstandingFen: 0 }))).toEqual(['loanWithheldFen']);
  });

  it('refuses a deduction above the partner’s unrecovered advance (none when the fund bore the cost)', () => {
    expect(Object.keys(buybackProblems(figures(), { ...limits, recoverableAdvanceFen: 119999 }))).toEqual(['stockCostDeductionFen']);
    expect(buybackProblems(figures({ stockCostDeductionFen: 0, netPaidFen: 226566 }), { ...limits, recoverableAdvanceFen: 0 })).toEqual({});
  });

  it('refuses deductions and withholding above the gross: the mother is never paid a negative amount', () => {
    const problems = buybackProblems(figures({ loanWithheldFen: 400000, netPaidFen: 0 }), limits);
    expect(problems.netPaidFen?.[0]).toMatch(/more than the gross/);
  });
});
