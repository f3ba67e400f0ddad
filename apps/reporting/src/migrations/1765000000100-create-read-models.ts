import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting's read models: facts fed only by events (each once, through the inbox), and the
 * rolled-up cells the fast reports sum. Every fact is written so that the order of its events
 * does not matter (sums of postings keyed by their ids, states from flags and the latest business
 * date, dims copied from whichever event carries them). Each fact row remembers in `counted` what it
 * adds to the cells; a change applies (new − old) to the cells in the same transaction.
 *
 * Dims of a cell (never null, so they can be a key): project_id, county_code, township_code,
 * village_code, industry, model, partner_id ('' = no partner), round (0 = not known / no loan yet),
 * month ('YYYY-MM'): an application's submission month, a loan's disbursement month.
 *
 * ## reporting.portfolio_cells — PK (project_id, county_code, township_code, village_code, industry, model, partner_id, round, month)
 * From applications (dims of the application; round = its loan's round once disbursed, else 0):
 * - applicants            applications submitted
 * - eligible              applications whose latest screening found them eligible
 * - approved              applications approved (ever, even if closed later)
 * - rejected              applications rejected (reasons: GROUP BY rejection_reason on reporting.applications)
 * - withdrawn             applications withdrawn
 * - followed_up           approved mothers with at least one follow-up visit
 * - out_of_poverty        of those, the ones whose latest income estimate is above their project's current
 *                         aid-standard income ceiling (ProjectRegistered/ProjectPolicyChanged)
 * - first_income_fen      Σ income estimate at the first follow-up (of followed_up)
 * - latest_income_fen     Σ income estimate at the latest follow-up (income change = latest − first)
 * From loans (dims of the loan, month = disbursement month; a loan counts once disbursed):
 * - disbursed_count, disbursed_fen      loans paid out, principal lent
 * - repaid_principal_fen, repaid_fee_fen Σ repayments posted (all sources, buyback and guarantors included)
 * - written_off_count, written_off_fen  loans written off, the loss booked
 * - defaulted_count                     loans ever declared in default (default rate = defaulted / disbursed)
 * - repaid_count                        loans fully repaid (LoanRepaid)
 * - active_count                        loans with principal outstanding, not repaid nor written off
 * - principal_outstanding_fen           Σ max(0, principal − repaid principal − written off) (0 once repaid/written off)
 * - par1_count,  par1_fen     loans (and their outstanding principal) with an unpaid instalment of the current
 *                             schedule in bucket 1-30 or worse (≥ 1 day late)
 * - par30_count, par30_fen    … in bucket 31-60 or worse (> 30 days late)
 * - par90_count, par90_fen    … in bucket 90+ (> 90 days late)
 *   The buckets come from loans' own daily sweep (InstalmentOverdue as of its business date) and
 *   InstalmentPaid / reschedules: PAR follows the latest events, it is "PAR now", not "PAR as of a date".
 *
 * ## reporting.due_cells — PK (the 9 dims above, month = the loan's disbursement month, due_date)
 * What falls due, for 回收率 as of any date: Σ over due_date ≤ asOf.
 * - due_fen            principal + fee of the instalments due on due_date
 * - due_principal_fen  principal part of it
 * - paid_fen           the part of due_fen repaid to date: the loan's repayments (principal + fee) allocated
 *                      oldest instalment first, never more than each instalment's due (prepayment counts only
 *                      once the instalment it covers falls due)
 * The instalments counted are the current schedule version's, plus those of earlier versions paid in full
 * (InstalmentPaid) before a reschedule replaced the rest: a reschedule neither loses the paid past nor
 * counts twice what it rolled into the new schedule.
 *
 * ## Facts
 * - projects (project_id; name, county, policy_version, income_ceiling_fen: the latest policy's aid standard)
 * - applications (application_id; dims, round, submitted_on, month, screening, approved_on, amount_fen,
 *   rejection_reason/cause, withdrawn, closed_on, status submitted|eligible|ineligible|approved|rejected|withdrawn|closed)
 * - follow_up_visits (event_id; application_id, visited_on, income_fen): every visit, once
 * - follow_ups (application_id; visits, first and latest visit (same date: the higher event id) with their
 *   income estimates, out_of_poverty = latest income > the project's income ceiling; null until both known)
 * - loans (loan_id; application_id, dims, round, disbursed_on/month, principal_fen, repaid_principal_fen,
 *   repaid_fee_fen, written_off_fen, status active|repaid|defaulted|written_off (null until disbursed),
 *   bucket current|1-30|31-60|61-90|90+ with bucket_as_of, defaulted_on, written_off_on, repaid_on,
 *   schedule_version (current))
 * - instalments (loan_id, schedule_version, seq; due_date, principal_fen, fee_fen, paid_on (in full),
 *   overdue bucket/as_of/days_past_due, counted_due_fen/counted_paid_fen: its share of due_cells) — every
 *   version; `counts` says whether it is in due_cells now
 * - repayments (repayment_id; loan_id, posted_on, month, principal_fen, fee_fen, source)
 * - buybacks (buyback_id; partner_id, project_id, county, township, confirmed_on, month, gross_fen,
 *   stock_cost_fen, withheld_fen (for the loan), net_paid_fen (paid to the mother by the partner),
 *   returned_fen (excess withheld returned to her, BuybackExcessReturned); net to mother = net_paid + returned;
 *   applied to the loan = withheld − returned)
 * - fund_contributions (contribution_id; project_id, county, source, stage committed|received, amount_fen,
 *   date, month, round) — 到位率 = received / committed; 滚动率 = Σ disbursed_fen / received
 */
export class CreateReadModels1765000000100 implements MigrationInterface {
  name = 'CreateReadModels1765000000100';

  async up(q: QueryRunner): Promise<void> {
    const dims = `project_id uuid NOT NULL,
      county_code text NOT NULL,
      township_code text NOT NULL,
      village_code text NOT NULL,
      industry text NOT NULL,
      model text NOT NULL,
      partner_id text NOT NULL,
      round int NOT NULL,
      month char(7) NOT NULL`;
    const dimKey = 'project_id, county_code, township_code, village_code, industry, model, partner_id, round, month';
    await q.query(`CREATE TABLE reporting.portfolio_cells (
      ${dims},
      applicants bigint NOT NULL DEFAULT 0,
      eligible bigint NOT NULL DEFAULT 0,
      approved bigint NOT NULL DEFAULT 0,
      rejected bigint NOT NULL DEFAULT 0,
      withdrawn bigint NOT NULL DEFAULT 0,
      followed_up bigint NOT NULL DEFAULT 0,
      out_of_poverty bigint NOT NULL DEFAULT 0,
      first_income_fen bigint NOT NULL DEFAULT 0,
      latest_income_fen bigint NOT NULL DEFAULT 0,
      disbursed_count bigint NOT NULL DEFAULT 0,
      disbursed_fen bigint NOT NULL DEFAULT 0,
      repaid_principal_fen bigint NOT NULL DEFAULT 0,
      repaid_fee_fen bigint NOT NULL DEFAULT 0,
      written_off_count bigint NOT NULL DEFAULT 0,
      written_off_fen bigint NOT NULL DEFAULT 0,
      defaulted_count bigint NOT NULL DEFAULT 0,
      repaid_count bigint NOT NULL DEFAULT 0,
      active_count bigint NOT NULL DEFAULT 0,
      principal_outstanding_fen bigint NOT NULL DEFAULT 0,
      par1_count bigint NOT NULL DEFAULT 0,
      par1_fen bigint NOT NULL DEFAULT 0,
      par30_count bigint NOT NULL DEFAULT 0,
      par30_fen bigint NOT NULL DEFAULT 0,
      par90_count bigint NOT NULL DEFAULT 0,
      par90_fen bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (${dimKey})
    )`);
    await q.query(`CREATE INDEX portfolio_cells_by_township ON reporting.portfolio_cells (township_code, month)`);
    await q.query(`CREATE TABLE reporting.due_cells (
      ${dims},
      due_date date NOT NULL,
      due_fen bigint NOT NULL DEFAULT 0,
      due_principal_fen bigint NOT NULL DEFAULT 0,
      paid_fen bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (${dimKey}, due_date)
    )`);
    await q.query(`CREATE INDEX due_cells_by_due_date ON reporting.due_cells (due_date)`);

    await q.query(`CREATE TABLE reporting.projects (
      project_id uuid PRIMARY KEY,
      name text,
      county_code text NOT NULL,
      policy_version int NOT NULL,
      income_ceiling_fen bigint NOT NULL
    )`);
    await q.query(`CREATE TABLE reporting.applications (
      application_id uuid PRIMARY KEY,
      project_id uuid,
      county_code text,
      township_code text,
      village_code text,
      industry text,
      model text,
      partner_id text,
      round int,
      submitted_on date,
      month char(7),
      requested_fen bigint,
      screened_on date,
      screening_policy_version int,
      eligible boolean,
      failed_rules text[],
      approved_on date,
      amount_fen bigint,
      rejected boolean NOT NULL DEFAULT false,
      rejection_reason text,
      rejection_cause text,
      withdrawn boolean NOT NULL DEFAULT false,
      withdrawal_reason text,
      closed_on date,
      status text,
      counted jsonb
    )`);
    await q.query(`CREATE INDEX applications_by_project ON reporting.applications (project_id)`);
    await q.query(`CREATE TABLE reporting.follow_ups (
      application_id uuid PRIMARY KEY,
      visits int NOT NULL DEFAULT 0,
      first_visited_on date NOT NULL,
      first_income_fen bigint NOT NULL,
      latest_visited_on date NOT NULL,
      latest_income_fen bigint NOT NULL,
      out_of_poverty boolean
    )`);
    await q.query(`CREATE TABLE reporting.follow_up_visits (
      event_id uuid PRIMARY KEY,
      application_id uuid NOT NULL,
      visited_on date NOT NULL,
      income_fen bigint NOT NULL
    )`);
    await q.query(`CREATE INDEX follow_up_visits_by_application ON reporting.follow_up_visits (application_id)`);
    await q.query(`CREATE TABLE reporting.loans (
      loan_id uuid PRIMARY KEY,
      application_id uuid,
      project_id uuid,
      county_code text,
      township_code text,
      village_code text,
      industry text,
      model text,
      partner_id text,
      round int,
      disbursed_on date,
      disbursed_month char(7),
      principal_fen bigint,
      repaid_principal_fen bigint NOT NULL DEFAULT 0,
      repaid_fee_fen bigint NOT NULL DEFAULT 0,
      written_off_fen bigint NOT NULL DEFAULT 0,
      status text,
      bucket text NOT NULL DEFAULT 'current',
      bucket_as_of date,
      defaulted_on date,
      written_off_on date,
      repaid_on date,
      schedule_version int NOT NULL DEFAULT 0,
      counted jsonb
    )`);
    await q.query(`CREATE INDEX loans_by_project ON reporting.loans (project_id)`);
    await q.query(`CREATE INDEX loans_by_application ON reporting.loans (application_id)`);
    await q.query(`CREATE TABLE reporting.instalments (
      loan_id uuid NOT NULL,
      schedule_version int NOT NULL,
      seq int NOT NULL,
      due_date date,
      principal_fen bigint,
      fee_fen bigint,
      paid_on date,
      overdue_bucket text,
      overdue_as_of date,
      days_past_due int,
      counted jsonb,
      PRIMARY KEY (loan_id, schedule_version, seq)
    )`);
    await q.query(`CREATE TABLE reporting.repayments (
      repayment_id uuid PRIMARY KEY,
      loan_id uuid NOT NULL,
      project_id uuid NOT NULL,
      posted_on date NOT NULL,
      month char(7) NOT NULL,
      amount_fen bigint NOT NULL,
      principal_fen bigint NOT NULL,
      fee_fen bigint NOT NULL,
      source text NOT NULL
    )`);
    await q.query(`CREATE INDEX repayments_by_loan ON reporting.repayments (loan_id)`);
    await q.query(`CREATE TABLE reporting.buybacks (
      buyback_id uuid PRIMARY KEY,
      application_id uuid,
      partner_id text,
      project_id uuid,
      county_code text,
      township_code text,
      confirmed_on date,
      month char(7),
      gross_fen bigint NOT NULL DEFAULT 0,
      stock_cost_fen bigint NOT NULL DEFAULT 0,
      withheld_fen bigint NOT NULL DEFAULT 0,
      net_paid_fen bigint NOT NULL DEFAULT 0,
      returned_fen bigint NOT NULL DEFAULT 0
    )`);
    await q.query(`CREATE TABLE reporting.fund_contributions (
      contribution_id uuid PRIMARY KEY,
      project_id uuid NOT NULL,
      county_code text NOT NULL,
      source text NOT NULL,
      stage text NOT NULL CHECK (stage IN ('committed', 'received')),
      amount_fen bigint NOT NULL,
      date date NOT NULL,
      month char(7) NOT NULL,
      round int
    )`);
    await q.query(`CREATE INDEX fund_contributions_by_project ON reporting.fund_contributions (project_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'fund_contributions', 'buybacks', 'repayments', 'instalments', 'loans', 'follow_up_visits', 'follow_ups',
      'applications', 'projects', 'due_cells', 'portfolio_cells',
    ]) {
      await q.query(`DROP TABLE reporting.${table}`);
    }
  }
}
