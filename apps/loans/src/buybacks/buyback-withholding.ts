/**
 * How much of a buyback's withholding a loan takes when loans posts it: what it still owes,
 * at most; the rest goes back to the mother. A loan that no longer takes repayments (repaid,
 * written off) takes nothing. Pure, so the split is tested without a database.
 */
export function splitWithholding(withheldFen: number, owedFen: number): { postedFen: number; returnedFen: number } {
  const postedFen = Math.max(0, Math.min(withheldFen, owedFen));
  return { postedFen, returnedFen: withheldFen - postedFen };
}
