import type { BuybackStatus, SettlementOutcome } from '../domain/buyback-status';
import type { EnrolmentStatus } from '../domain/enrolment-status';

/** Rows of the partners schema as PostgreSQL returns them (dates as YYYY-MM-DD, bigint as text). */
export interface PartnerRow {
  id: string;
  name: string;
  type: string;
  county_code: string;
  contact_name: string;
  contact_phone: string;
  credit_code: string | null;
  registered_on: string;
}

export interface ProgrammeRow {
  id: string;
  partner_id: string;
  project_id: string;
  input: string;
  unit_cost_fen: number;
  cost_borne_by: 'partner' | 'fund';
  grow_out_days: number;
  market_reference_per_kg_fen: number;
  floor_price_per_kg_fen: number;
  deduction_rule: 'delivered_cost' | 'none';
  created_on: string;
}

export interface EnrolmentRow {
  id: string;
  application_id: string;
  partner_id: string;
  programme_id: string;
  project_id: string;
  county_code: string;
  township_code: string;
  village_code: string;
  mother_name_masked: string;
  status: EnrolmentStatus;
  enrolled_on: string;
  accepted_on: string | null;
  refused_on: string | null;
  refusal_reason: string | null;
  first_delivered_on: string | null;
  expected_buyback_date: string | null;
  overdue_from: string | null;
  flagged_overdue_on: string | null;
}

export interface DeliveryRow {
  id: string;
  enrolment_id: string;
  items: string;
  quantity: number;
  unit_cost_fen: number;
  value_fen: string;
  delivered_on: string;
  acknowledged_on: string | null;
  acknowledged_by: string | null;
}

export interface BuybackRow {
  id: string;
  enrolment_id: string;
  status: BuybackStatus;
  bought_on: string;
  head_count: number;
  total_weight_grams: number;
  price_per_kg_fen: number;
  market_reference_per_kg_fen: number;
  gross_fen: string;
  stock_cost_deduction_fen: string;
  loan_withheld_fen: string;
  net_paid_fen: string;
  recorded_figures: Record<string, number>;
  posted_to_loan_fen: string | null;
  confirmed_on: string | null;
  confirmed_by: string | null;
  disputed_on: string | null;
  dispute_reason: string | null;
  settled_on: string | null;
  settlement_outcome: SettlementOutcome | null;
  settlement_reason: string | null;
}

export interface LoanKnownRow {
  application_id: string;
  loan_id: string;
  principal_fen: number;
  in_kind_fen: number;
  outstanding_principal_fen: number;
  disbursed_on: string;
}
