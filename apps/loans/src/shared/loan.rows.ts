import type { RepaymentPlanV1 } from '@xingfu/contracts';
import type { LoanStatus } from '../domain/loan-status';

/** A row of loans.loans as PostgreSQL returns it (dates as YYYY-MM-DD; int columns as numbers). */
export interface LoanRow {
  id: string;
  application_id: string;
  project_id: string;
  county_code: string;
  township_code: string;
  village_code: string;
  mother_name_masked: string;
  /** The keyed lookup hash of her name (ApplicationApproved.motherNameHash); null on a loan opened from an older event. */
  mother_name_hash: string | null;
  id_number_masked: string;
  id_number_hash: string | null;
  industry: string;
  model: string;
  partner_id: string | null;
  amount_fen: number;
  term_months: number;
  repayment_plan: RepaymentPlanV1;
  charge_kind: string;
  rate_basis_points: number;
  subsidy_basis_points: number;
  grace_days: number;
  disbursement_mode: string;
  approved_on: string;
  status: LoanStatus;
  guarantee_id: string | null;
  guarantee_effective_on: string | null;
  guarantee_invoked_on: string | null;
  agreement_signed_on: string | null;
  agreement_signed_by: string | null;
  disbursed_on: string | null;
  disbursed_by: string | null;
  round: number | null;
  cash_fen: number | null;
  in_kind_fen: number | null;
  in_kind: unknown;
  card_number_sealed: string | null;
  card_number_masked: string | null;
  maturity_date: string | null;
  schedule_version: number;
  principal_outstanding_fen: number;
  principal_repaid_fen: number;
  fee_paid_fen: number;
  written_off_fen: number;
  postings_count: number;
  /** As of the sweep's last change to the loan (readers compute the days afresh from next_due_date: domain/arrears standingOn). */
  days_past_due: number;
  bucket: string;
  next_due_date: string | null;
  aged_on: string | null;
  defaulted_on: string | null;
  repaid_on: string | null;
  written_off_on: string | null;
  write_off_reason: string | null;
  write_off_override_reason: string | null;
}

/** A row of loans.instalments. */
export interface InstalmentRow {
  loan_id: string;
  schedule_version: number;
  seq: number;
  due_date: string;
  principal_fen: number;
  fee_fen: number;
  subsidy_lost_fen: number;
  principal_paid_fen: number;
  fee_paid_fen: number;
  paid_on: string | null;
  /** As of the sweep's last look at it (readers compute the days afresh: domain/arrears). */
  days_past_due: number;
  bucket: string;
  /** When the arrears sweep is to look at it next: NULL never yet, 'infinity' nothing left to change. */
  ages_on: string | null;
  superseded: boolean;
}

/** A row of loans.repayments. */
export interface RepaymentRow {
  id: string;
  loan_id: string;
  project_id: string;
  paid_on: string;
  amount_fen: number;
  fee_fen: number;
  principal_fen: number;
  source: string;
  guarantor_role: string | null;
  reference: string | null;
  source_event_id: string | null;
  allocation: unknown;
  posted_by: string;
  created_at: Date;
}

/** A row of loans.projects: what loans knows of a project, and its loan settings. */
export interface ProjectRow {
  project_id: string;
  county_code: string;
  name: string;
  charge_kind: string;
  rate_basis_points: number;
  default_threshold_days: number;
  interest_subsidy_basis_points: number;
}
