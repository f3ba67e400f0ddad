import { ClientBase } from 'pg';

/**
 * The loans bench's rows, written by SQL (one INSERT … SELECT generate_series per table), so
 * the bench depends on the posting, reading and sweep paths only, not on the intake and
 * disbursement flow. The rows are what a disbursement leaves: an active loan with its current
 * schedule (version 1), next_due_date = its earliest unpaid instalment, and (for the posting
 * and read loans) the disbursement's balanced ledger entry over a received contribution.
 */

/**
 * Ids that sort in creation order (a UUID v4 layout, so every validator accepts them): one
 * 32-bit prefix per kind of row, the row number in the last 48 bits. B-tree inserts then
 * append instead of landing on a random page, which makes a million rows a matter of seconds.
 */
export function benchUuid(prefix: number, n: number): string {
  return `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}
/** The same in SQL, for row number `expr`. */
const uuidSql = (prefix: number, expr: string) => `(lpad(to_hex(${prefix}), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(${expr}), 12, '0'))::uuid`;

/** Row kinds: loans, their applications, their disbursement entries, repayments and their entries. */
export const PREFIX = { loan: 0x10, application: 0x11, disbursement: 0x12, repayment: 0x13, repaymentEntry: 0x14, contribution: 0x15 } as const;

export interface BenchProject {
  projectId: string;
  countyCode: string;
  townshipCode: string;
}

/** The project, its fund (opened long before) and one received contribution covering every loan. */
export async function seedProject(db: ClientBase, project: BenchProject, contributionFen: number, openedOn: string): Promise<void> {
  await db.query(
    `INSERT INTO loans.projects (project_id, county_code, name, charge_kind, rate_basis_points) VALUES ($1, $2, 'bench project', 'none', 0)`,
    [project.projectId, project.countyCode],
  );
  await db.query(`INSERT INTO loans.funds (project_id, county_code, opened_on) VALUES ($1, $2, $3)`, [project.projectId, project.countyCode, openedOn]);
  const entry = benchUuid(PREFIX.contribution, Math.floor(Math.random() * 2 ** 40));
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO loans.ledger_entries (id, project_id, kind, entry_date, round, created_by) VALUES ($1, $2, 'contribution_received', $3, 1, 'system:bench')`,
    [entry, project.projectId, openedOn],
  );
  await db.query(
    `INSERT INTO loans.ledger_lines (entry_id, line_no, project_id, account, amount_fen, round) VALUES ($1, 1, $2, 'fund_cash', $3, 1), ($1, 2, $2, 'contributions', -$3::bigint, 1)`,
    [entry, project.projectId, contributionFen],
  );
  await db.query('COMMIT');
}

export interface LoanBook {
  /** Row numbers from..to (inclusive) of PREFIX.loan: the loans' ids. */
  from: number;
  to: number;
  amountFen: number;
  instalments: number;
  /** Days between instalments (30 ≈ monthly, 182 ≈ half-yearly). */
  everyDays: number;
  disbursedOn: string;
  /** SQL for the first due date of loan row `i` (a date expression). */
  firstDueSql: string;
  /** SQL for days past due of row `i` as of the day before the sweep (0 when not due). */
  agedDpdSql?: string;
  agedOn: string;
  /** Write the disbursement's ledger entry and lines too (10,000 loans: yes; a million for the sweep: not needed). */
  withLedger: boolean;
}

/** SQL for the bucket of a days-past-due expression, as the contract names them. */
const bucketSql = (dpd: string) => `CASE WHEN ${dpd} <= 0 THEN 'current' WHEN ${dpd} <= 30 THEN '1-30' WHEN ${dpd} <= 60 THEN '31-60' WHEN ${dpd} <= 90 THEN '61-90' ELSE '90+' END`;

/**
 * SQL for the date the sweep of the day before stored to look at a first instalment again
 * (instalments.ages_on): the day it enters its next bucket, 'infinity' in 90+; NULL while it
 * was not overdue (the sweep looks at it from the day after its due date).
 */
const agesOnSql = (dpd: string, due: string) =>
  `CASE WHEN ${dpd} <= 0 THEN NULL WHEN ${dpd} < 31 THEN ${due} + 31 WHEN ${dpd} < 61 THEN ${due} + 61 WHEN ${dpd} < 91 THEN ${due} + 91 ELSE 'infinity'::date END`;

/**
 * Active loans with their schedules (and ledger entries), all in one township of the project.
 * Loans already more than 90 days past due (the default threshold) on the day before are `defaulted`, as the sweep would have left them.
 */
export async function seedLoans(db: ClientBase, project: BenchProject, book: LoanBook): Promise<void> {
  const dpd = book.agedDpdSql ?? '0';
  const per = Math.floor(book.amountFen / book.instalments);
  const last = book.amountFen - per * (book.instalments - 1);
  const params = [project.projectId, project.countyCode, project.townshipCode, book.amountFen, book.disbursedOn, book.agedOn, book.from, book.to];
  // $1 project, $2 county, $3 township, $4 amount, $5 disbursed on, $6 aged on, $7..$8 rows.
  await db.query(
    `INSERT INTO loans.loans (id, application_id, project_id, county_code, township_code, village_code, mother_name_masked, id_number_masked,
       industry, model, amount_fen, term_months, repayment_plan, charge_kind, rate_basis_points, disbursement_mode, approved_on, status,
       guarantee_effective_on, agreement_signed_on, agreement_signed_by, disbursed_on, disbursed_by, round, cash_fen, in_kind_fen, maturity_date,
       schedule_version, principal_outstanding_fen, days_past_due, bucket, next_due_date, aged_on, defaulted_on)
     SELECT ${uuidSql(PREFIX.loan, 'i')}, ${uuidSql(PREFIX.application, 'i')}, $1, $2, $3::text, $3::text || lpad((1 + i % 20)::text, 3, '0'), '王*梅', '2310**********0021',
       '养殖', 'self', $4, ${Math.max(1, Math.round((book.instalments * book.everyDays) / 30))}, '{"kind":"equal_monthly"}', 'none', 0, 'cash', $5::date - 20, 
       CASE WHEN d.dpd > 90 THEN 'defaulted' ELSE 'active' END,
       $5::date - 15, $5::date - 10, 'user:bench-officer', $5::date, 'user:bench-manager', 1, $4, 0, d.first_due + ${(book.instalments - 1) * book.everyDays},
       1, $4, d.dpd, ${bucketSql('d.dpd')}, d.first_due, $6::date, CASE WHEN d.dpd > 90 THEN d.first_due + 91 END
     FROM generate_series($7::int, $8::int) AS i, LATERAL (SELECT (${book.firstDueSql})::date AS first_due, (${dpd})::int AS dpd) AS d`,
    params,
  );
  await db.query(
    `INSERT INTO loans.instalments (loan_id, schedule_version, seq, due_date, principal_fen, fee_fen, days_past_due, bucket, ages_on)
     SELECT ${uuidSql(PREFIX.loan, 'i')}, 1, s, d.first_due + (s - 1) * ${book.everyDays}, CASE WHEN s = ${book.instalments} THEN ${last} ELSE ${per} END, 0,
       CASE WHEN s = 1 THEN d.dpd ELSE 0 END, CASE WHEN s = 1 THEN ${bucketSql('d.dpd')} ELSE 'current' END, CASE WHEN s = 1 THEN ${agesOnSql('d.dpd', 'd.first_due')} END
     FROM generate_series($1::int, $2::int) AS i, LATERAL (SELECT (${book.firstDueSql})::date AS first_due, (${dpd})::int AS dpd) AS d, generate_series(1, ${book.instalments}) AS s`,
    [book.from, book.to],
  );
  if (!book.withLedger) return;
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO loans.ledger_entries (id, project_id, kind, entry_date, round, loan_id, source_id, created_by)
     SELECT ${uuidSql(PREFIX.disbursement, 'i')}, $1, 'disbursement', $2, 1, ${uuidSql(PREFIX.loan, 'i')}, ${uuidSql(PREFIX.loan, 'i')}, 'user:bench-manager'
     FROM generate_series($3::int, $4::int) AS i`,
    [project.projectId, book.disbursedOn, book.from, book.to],
  );
  await db.query(
    `INSERT INTO loans.ledger_lines (entry_id, line_no, project_id, account, amount_fen, round)
     SELECT ${uuidSql(PREFIX.disbursement, 'i')}, l.no, $1, l.account, l.sign * $2::bigint, 1
     FROM generate_series($3::int, $4::int) AS i, (VALUES (1, 'loans_receivable', 1), (2, 'fund_cash', -1)) AS l (no, account, sign)`,
    [project.projectId, book.amountFen, book.from, book.to],
  );
  await db.query('COMMIT');
}

/**
 * `postings` repayments of `eachFen` on loan row `row` (already seeded), as the posting path
 * leaves them: the repayments, their balanced ledger entries, the instalments paid oldest
 * first, and the balances and postings_count kept on the loan.
 */
export async function seedPostings(db: ClientBase, project: BenchProject, row: number, postings: number, eachFen: number, paidOn: string): Promise<void> {
  const loanId = benchUuid(PREFIX.loan, row);
  const base = row * 1000; // repayment row numbers of this loan: row*1000 + 1..postings
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO loans.repayments (id, loan_id, project_id, paid_on, amount_fen, fee_fen, principal_fen, source, reference, allocation, posted_by, created_at)
     SELECT ${uuidSql(PREFIX.repayment, `${base} + p`)}, $1, $2, $3::date, $4, 0, $4, 'cash', 'receipt ' || p,
       jsonb_build_array(jsonb_build_object('scheduleVersion', 1, 'seq', 1 + ((p - 1) * $4) / i.principal_fen, 'feeFen', 0, 'principalFen', $4)), 'user:bench-officer',
       now() - (($5::int - p) * interval '1 minute')
     FROM generate_series(1, $5::int) AS p, (SELECT principal_fen FROM loans.instalments WHERE loan_id = $1 AND seq = 1) AS i`,
    [loanId, project.projectId, paidOn, eachFen, postings],
  );
  await db.query(
    `INSERT INTO loans.ledger_entries (id, project_id, kind, entry_date, round, loan_id, source_id, created_by)
     SELECT ${uuidSql(PREFIX.repaymentEntry, `${base} + p`)}, $1, 'repayment', $2, 1, $3, ${uuidSql(PREFIX.repayment, `${base} + p`)}, 'user:bench-officer'
     FROM generate_series(1, $4::int) AS p`,
    [project.projectId, paidOn, loanId, postings],
  );
  await db.query(
    `INSERT INTO loans.ledger_lines (entry_id, line_no, project_id, account, amount_fen, round)
     SELECT ${uuidSql(PREFIX.repaymentEntry, `${base} + p`)}, l.no, $1, l.account, l.sign * $2::bigint, 1
     FROM generate_series(1, $3::int) AS p, (VALUES (1, 'fund_cash', 1), (2, 'loans_receivable', -1)) AS l (no, account, sign)`,
    [project.projectId, eachFen, postings],
  );
  // Oldest first: each instalment gets what is left of the total after the ones before it.
  const total = postings * eachFen;
  await db.query(
    `UPDATE loans.instalments i SET principal_paid_fen = LEAST(i.principal_fen, GREATEST(0, $2::int - w.before)),
       paid_on = CASE WHEN $2::int - w.before >= i.principal_fen THEN $3::date END
     FROM (SELECT seq, COALESCE(SUM(principal_fen) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
           FROM loans.instalments WHERE loan_id = $1 AND schedule_version = 1) AS w
     WHERE i.loan_id = $1 AND i.schedule_version = 1 AND i.seq = w.seq`,
    [loanId, total, paidOn],
  );
  await db.query(
    `UPDATE loans.loans SET principal_outstanding_fen = amount_fen - $2, principal_repaid_fen = $2, postings_count = $3,
       next_due_date = (SELECT MIN(due_date) FROM loans.instalments WHERE loan_id = $1 AND paid_on IS NULL AND NOT superseded)
     WHERE id = $1`,
    [loanId, total, postings],
  );
  await db.query('COMMIT');
}
