import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partners and their programmes; enrolments (one per approved application with a partner),
 * deliveries, buybacks; and what partners knows of each enrolled mother's loan from the loans
 * events (its in-kind value and outstanding principal). Never a mother's ID number or phone.
 */
export class CreatePartners1764800000100 implements MigrationInterface {
  name = 'CreatePartners1764800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE partners.partners (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      type text NOT NULL,
      county_code char(6) NOT NULL,
      contact_name text NOT NULL,
      contact_phone text NOT NULL,
      credit_code char(18) UNIQUE,
      registered_on date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE partners.programmes (
      id uuid PRIMARY KEY,
      partner_id uuid NOT NULL REFERENCES partners.partners (id),
      project_id uuid NOT NULL,
      input text NOT NULL,
      unit_cost_fen int NOT NULL CHECK (unit_cost_fen >= 0),
      cost_borne_by text NOT NULL,
      grow_out_days int NOT NULL CHECK (grow_out_days >= 1),
      market_reference_per_kg_fen int NOT NULL CHECK (market_reference_per_kg_fen >= 0),
      floor_price_per_kg_fen int NOT NULL CHECK (floor_price_per_kg_fen >= 0),
      deduction_rule text NOT NULL,
      created_on date NOT NULL,
      UNIQUE (partner_id, project_id)
    )`);
    await q.query(`CREATE TABLE partners.enrolments (
      id uuid PRIMARY KEY,
      application_id uuid NOT NULL UNIQUE,
      partner_id uuid NOT NULL REFERENCES partners.partners (id),
      programme_id uuid NOT NULL REFERENCES partners.programmes (id),
      project_id uuid NOT NULL,
      county_code char(6) NOT NULL,
      township_code char(9) NOT NULL,
      village_code char(12) NOT NULL,
      mother_name_masked text NOT NULL,
      status text NOT NULL,
      enrolled_on date NOT NULL,
      accepted_on date,
      refused_on date,
      refusal_reason text,
      first_delivered_on date,
      expected_buyback_date date,
      overdue_from date,
      flagged_overdue_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX enrolments_by_partner ON partners.enrolments (partner_id, created_at, id)`);
    await q.query(`CREATE INDEX enrolments_awaiting_buyback ON partners.enrolments (overdue_from) WHERE status = 'accepted'`);
    await q.query(`CREATE TABLE partners.deliveries (
      id uuid PRIMARY KEY,
      enrolment_id uuid NOT NULL REFERENCES partners.enrolments (id),
      items text NOT NULL,
      quantity int NOT NULL CHECK (quantity >= 1),
      unit_cost_fen int NOT NULL CHECK (unit_cost_fen >= 0),
      value_fen bigint NOT NULL CHECK (value_fen >= 0),
      delivered_on date NOT NULL,
      acknowledged_on date,
      acknowledged_by text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX deliveries_by_enrolment ON partners.deliveries (enrolment_id)`);
    await q.query(`CREATE TABLE partners.buybacks (
      id uuid PRIMARY KEY,
      enrolment_id uuid NOT NULL REFERENCES partners.enrolments (id),
      status text NOT NULL,
      bought_on date NOT NULL,
      head_count int NOT NULL CHECK (head_count >= 1),
      total_weight_grams int NOT NULL CHECK (total_weight_grams >= 1),
      price_per_kg_fen int NOT NULL CHECK (price_per_kg_fen >= 1),
      market_reference_per_kg_fen int NOT NULL CHECK (market_reference_per_kg_fen >= 0),
      gross_fen bigint NOT NULL CHECK (gross_fen >= 0),
      stock_cost_deduction_fen bigint NOT NULL CHECK (stock_cost_deduction_fen >= 0),
      loan_withheld_fen bigint NOT NULL CHECK (loan_withheld_fen >= 0),
      net_paid_fen bigint NOT NULL CHECK (net_paid_fen >= 0),
      CHECK (gross_fen = stock_cost_deduction_fen + loan_withheld_fen + net_paid_fen),
      recorded_figures jsonb NOT NULL,
      -- Set when loans answers a confirmed buyback (RepaymentPosted with its reference, or BuybackExcessReturned): until then its withholding is still on the way.
      posted_to_loan_fen bigint,
      confirmed_on date,
      confirmed_by text,
      disputed_on date,
      dispute_reason text,
      settled_on date,
      settlement_outcome text,
      settlement_reason text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX buybacks_by_enrolment ON partners.buybacks (enrolment_id)`);
    // From LoanDisbursed and RepaymentPosted: the outstanding principal only goes down, so the lowest heard is the latest.
    await q.query(`CREATE TABLE partners.loans (
      application_id uuid PRIMARY KEY,
      loan_id uuid NOT NULL UNIQUE,
      principal_fen int NOT NULL,
      in_kind_fen int NOT NULL,
      outstanding_principal_fen int NOT NULL CHECK (outstanding_principal_fen >= 0),
      disbursed_on date NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['loans', 'buybacks', 'deliveries', 'enrolments', 'programmes', 'partners']) await q.query(`DROP TABLE partners.${table}`);
  }
}
