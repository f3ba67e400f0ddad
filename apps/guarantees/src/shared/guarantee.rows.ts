import { GuaranteeStatus, PartyRole, PartyStatus } from '../domain/guarantee-status';

/** A row of guarantees.guarantees as PostgreSQL returns it (dates as YYYY-MM-DD, bigint as text). */
export interface GuaranteeRow {
  id: string;
  application_id: string;
  project_id: string;
  county_code: string;
  township_code: string;
  village_code: string;
  mother_name_masked: string;
  mother_id_masked: string;
  mother_id_hash: string | null;
  status: GuaranteeStatus;
  reopened: boolean;
  household_limit: number;
  deadline_days: number;
  opened_on: string;
  deadline: string;
  effective_on: string | null;
  lapsed_on: string | null;
  reopened_on: string | null;
  loan_id: string | null;
  invoked_on: string | null;
  overdue_fen: string | null;
  outcome: 'released' | 'loss' | null;
  ended_on: string | null;
  household_id_hash: string | null;
}

export interface PartyRow {
  id: string;
  guarantee_id: string;
  role: PartyRole;
  current: boolean;
  status: PartyStatus | 'replaced';
  party_name: string;
  head_name_sealed: string | null;
  id_number_sealed: string | null;
  id_number_hash: string | null;
  id_number_masked: string | null;
  phone_sealed: string | null;
  phone_masked: string | null;
  relation: string | null;
  named_on: string | null;
  signer_name: string | null;
  signer_office: string | null;
  signed_on: string | null;
  declined_on: string | null;
  decline_reason: string | null;
  replaced_on: string | null;
}

export interface DemandRow {
  id: string;
  party_id: string;
  role: PartyRole;
  loan_id: string;
  demanded_on: string;
  amount_fen: string;
  channel: string;
}

export interface PaymentRow {
  id: string;
  role: PartyRole;
  repayment_id: string;
  loan_id: string;
  paid_on: string;
  amount_fen: string;
}
