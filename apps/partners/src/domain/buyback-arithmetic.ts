import { FieldProblems } from '@xingfu/kernel';

/** The figures a partner records for one buyback, all integer: grams and fen. */
export interface BuybackFigures {
  headCount: number;
  totalWeightGrams: number;
  pricePerKgFen: number;
  marketReferencePerKgFen: number;
  grossFen: number;
  stockCostDeductionFen: number;
  loanWithheldFen: number;
  netPaidFen: number;
}

/** What the figures are checked against: the programme's terms and what partners knows of the loan and the advance. */
export interface BuybackLimits {
  floorPricePerKgFen: number;
  /** The partner's advance not yet recovered (acknowledged deliveries it bore, less earlier deductions); 0 when the fund bore the cost. */
  recoverableAdvanceFen: number;
  /** The loan's outstanding principal as partners last heard it from loans; 0 when no loan is out (nothing may be withheld). */
  loanOutstandingFen: number;
}

/**
 * Gross = weight (g) × price (fen/kg) ÷ 1000, rounded half up to the fen: the one rounding of a
 * buyback, done here and nowhere else. Everything else is exact integer arithmetic.
 */
export function grossFenOf(totalWeightGrams: number, pricePerKgFen: number): number {
  return Math.floor((totalWeightGrams * pricePerKgFen + 500) / 1000);
}

/**
 * Every reason the figures do not hold, by field (empty when they do): gross is the weight at
 * the price (to the fen), the price is not below the floor (保底价), the deduction recovers no
 * more than the partner advanced, the loan is withheld no more than it owes, and
 * gross − deduction − withheld = net, to the fen, with nothing negative.
 */
export function buybackProblems(f: BuybackFigures, limits: BuybackLimits): FieldProblems {
  const problems: FieldProblems = {};
  const add = (field: keyof BuybackFigures, message: string) => (problems[field] ??= []).push(message);
  if (f.pricePerKgFen < limits.floorPricePerKgFen) add('pricePerKgFen', `the price ${f.pricePerKgFen} fen/kg is below the programme's floor price of ${limits.floorPricePerKgFen} fen/kg`);
  const gross = grossFenOf(f.totalWeightGrams, f.pricePerKgFen);
  if (f.grossFen !== gross) add('grossFen', `${f.totalWeightGrams} g at ${f.pricePerKgFen} fen/kg is ${gross} fen (rounded half up), not ${f.grossFen}`);
  if (f.stockCostDeductionFen > limits.recoverableAdvanceFen) {
    add('stockCostDeductionFen', `the deduction ${f.stockCostDeductionFen} fen is more than the partner's unrecovered advance of ${limits.recoverableAdvanceFen} fen`);
  }
  if (f.loanWithheldFen > limits.loanOutstandingFen) {
    add('loanWithheldFen', `the withholding ${f.loanWithheldFen} fen is more than the loan's outstanding ${limits.loanOutstandingFen} fen`);
  }
  const net = f.grossFen - f.stockCostDeductionFen - f.loanWithheldFen;
  if (net < 0) add('netPaidFen', `the deduction and the withholding (${f.stockCostDeductionFen + f.loanWithheldFen} fen) are more than the gross ${f.grossFen} fen`);
  else if (f.netPaidFen !== net) add('netPaidFen', `gross ${f.grossFen} − deduction ${f.stockCostDeductionFen} − withheld ${f.loanWithheldFen} = ${net} fen, not ${f.netPaidFen}`);
  return problems;
}
