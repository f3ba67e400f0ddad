import { atRisk, Bucket, bucketRank, worseBucket } from './arrears-bucket';
import { CellDims, CellShare, monthOf } from './cell-dims';

/** A loan as reporting knows it; the dims come with LoanDisbursed. */
export interface LoanFacts {
  project_id: string | null;
  county_code: string | null;
  township_code: string | null;
  village_code: string | null;
  industry: string | null;
  model: string | null;
  partner_id: string | null;
  round: number | null;
  disbursed_on: string | null;
  principal_fen: number | null;
  repaid_principal_fen: number;
  repaid_fee_fen: number;
  written_off_fen: number;
  defaulted_on: string | null;
  written_off_on: string | null;
  repaid_on: string | null;
  schedule_version: number;
}

/** One instalment of any schedule version the loan had, with what loans' sweep last said of it. */
export interface InstalmentFacts {
  schedule_version: number;
  seq: number;
  due_date: string | null;
  principal_fen: number | null;
  fee_fen: number | null;
  paid_on: string | null;
  overdue_bucket: string | null;
  overdue_as_of: string | null;
}

export type LoanStatus = 'active' | 'repaid' | 'defaulted' | 'written_off';

export interface LoanState {
  status: LoanStatus | null;
  outstandingFen: number;
  bucket: Bucket;
  bucketAsOf: string | null;
}

/** From the dates, not the order of the events: written off, else repaid, else defaulted, else active once disbursed. */
export function loanStatus(l: LoanFacts): LoanStatus | null {
  if (l.written_off_on) return 'written_off';
  if (l.repaid_on) return 'repaid';
  if (l.defaulted_on) return 'defaulted';
  return l.disbursed_on ? 'active' : null;
}

/** Outstanding = principal − repaid principal − written off (never below 0; 0 once repaid or written off). */
export function outstandingFen(l: LoanFacts, status: LoanStatus | null): number {
  if (status === null || status === 'repaid' || status === 'written_off') return 0;
  return Math.max(0, (l.principal_fen ?? 0) - l.repaid_principal_fen - l.written_off_fen);
}

/**
 * The worst bucket of an unpaid instalment of the current schedule (an earlier version was
 * replaced by the reschedule), as of the latest sweep that aged it; current once nothing is owed.
 */
export function loanState(l: LoanFacts, instalments: readonly InstalmentFacts[]): LoanState {
  const status = loanStatus(l);
  const outstanding = outstandingFen(l, status);
  let bucket: Bucket = 'current';
  let bucketAsOf: string | null = null;
  if (outstanding > 0) {
    for (const i of instalments) {
      if (i.schedule_version !== l.schedule_version || i.paid_on || bucketRank(i.overdue_bucket) === 0) continue;
      bucket = worseBucket(bucket, i.overdue_bucket as Bucket);
      if (i.overdue_as_of && (!bucketAsOf || i.overdue_as_of > bucketAsOf)) bucketAsOf = i.overdue_as_of;
    }
  }
  return { status, outstandingFen: outstanding, bucket, bucketAsOf };
}

/** The dims of a disbursed loan's cells (month = disbursement month); null before LoanDisbursed. */
export function loanDims(l: LoanFacts): CellDims | null {
  if (!l.disbursed_on || !l.project_id || !l.county_code || !l.township_code || !l.village_code || !l.industry || !l.model) return null;
  return {
    project_id: l.project_id,
    county_code: l.county_code,
    township_code: l.township_code,
    village_code: l.village_code,
    industry: l.industry,
    model: l.model,
    partner_id: l.partner_id ?? '',
    round: l.round ?? 0,
    month: monthOf(l.disbursed_on),
  };
}

/** The confirmed buybacks of the loan's application (a partner's buyback repays her loan). */
export interface BuybackTotals {
  count: number;
  grossFen: number;
  /** Net paid to her by the partner + what loans returned of the withholding. */
  netToMotherFen: number;
}

export const NO_BUYBACKS: BuybackTotals = { count: 0, grossFen: 0, netToMotherFen: 0 };

/** What a loan adds to the portfolio cells (with its application's buybacks). */
export function loanShares(l: LoanFacts, state: LoanState, buybacks: BuybackTotals = NO_BUYBACKS): CellShare[] {
  const key = loanDims(l);
  if (!key) return [];
  const risk = atRisk(state.bucket);
  const out = state.outstandingFen;
  return [
    {
      key,
      values: {
        disbursed_count: 1,
        disbursed_fen: l.principal_fen ?? 0,
        repaid_principal_fen: l.repaid_principal_fen,
        repaid_fee_fen: l.repaid_fee_fen,
        written_off_count: l.written_off_on ? 1 : 0,
        written_off_fen: l.written_off_fen,
        defaulted_count: l.defaulted_on ? 1 : 0,
        repaid_count: l.repaid_on ? 1 : 0,
        active_count: out > 0 ? 1 : 0,
        principal_outstanding_fen: out,
        par1_count: risk.par1 ? 1 : 0,
        par1_fen: risk.par1 ? out : 0,
        par30_count: risk.par30 ? 1 : 0,
        par30_fen: risk.par30 ? out : 0,
        par90_count: risk.par90 ? 1 : 0,
        par90_fen: risk.par90 ? out : 0,
        buyback_count: buybacks.count,
        buyback_gross_fen: buybacks.grossFen,
        buyback_net_to_mother_fen: buybacks.netToMotherFen,
      },
    },
  ];
}
