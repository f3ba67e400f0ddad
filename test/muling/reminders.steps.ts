import { addDays } from '@xingfu/kernel';
import { MulingWorld } from './muling-world';

/** The reminders the loans year must have produced, counted per kind: what the offsets make of each schedule and payment. */
export interface ExpectedReminders {
  [kind: string]: number;
}

interface InstalmentHistory {
  loan_id: string;
  due_date: string;
  /** The day it was paid in full, or null (never, or only in part). */
  paid_on: string | null;
  /** The day the loan closed (repaid or written off), or null. */
  closed_on: string | null;
}

interface LoanHistory {
  loan_id: string;
  defaulted_on: string | null;
  closed_on: string | null;
}

/** Days after the due date on which each instalment kind reminds (one place here, as in the list). */
const INSTALMENT_OFFSETS: Record<string, readonly number[]> = {
  'instalment-mother': [-7, -1, 0, 3],
  'instalment-officer': [3, 15],
  'instalment-manager': [30],
};
const GUARANTOR_OFFSET = 15;
const PARTIES = 3; // township, village, household
const FOLLOW_UP_INTERVAL_DAYS = 90;

/** Arrears default an instalment this many days late (the project's default), invoking its guarantee that day. */
const DEFAULT_DAYS = 91;

/** Every day a reminder of these loans can fall due: a superset, so a sweep on each finds it on its day. */
export async function daysRemindersFallDue(world: MulingWorld): Promise<Set<string>> {
  const rows: { due_date: string; disbursed_on: string }[] = await world.app.dataSource.query(
    `SELECT i.due_date::text AS due_date, l.disbursed_on::text AS disbursed_on FROM loans.instalments i JOIN loans.loans l ON l.id = i.loan_id WHERE l.project_id = $1`,
    [world.projectId],
  );
  const offsets = [...new Set([...Object.values(INSTALMENT_OFFSETS).flat(), GUARANTOR_OFFSET, DEFAULT_DAYS])];
  const days = new Set<string>();
  for (const r of rows) {
    for (const o of offsets) days.add(addDays(r.due_date, o));
    days.add(addDays(r.disbursed_on, FOLLOW_UP_INTERVAL_DAYS));
  }
  return days;
}

/**
 * The expectation, worked out from the loans service's own record of each schedule, payment and
 * closing — not from the reminders code. On a day the sweep runs before that day's payments
 * (the test moves the date, sweeps, then pays), so an instalment paid on day P was still
 * reminded on P; a loan closed on C is reminded of nothing after C. Only days from the first
 * sweep (`from`) to the last (`to`) count.
 */
export async function expectedReminders(world: MulingWorld, from: string, to: string): Promise<ExpectedReminders> {
  const sql = <T>(q: string, p: unknown[]) => world.app.dataSource.query(q, p) as Promise<T[]>;
  const instalments = await sql<InstalmentHistory>(
    `SELECT i.loan_id, i.due_date::text AS due_date, i.paid_on::text AS paid_on, COALESCE(l.repaid_on, l.written_off_on)::text AS closed_on
       FROM loans.instalments i JOIN loans.loans l ON l.id = i.loan_id
      WHERE l.project_id = $1 AND NOT i.superseded`,
    [world.projectId],
  );
  const loans = await sql<LoanHistory & { disbursed_on: string }>(
    `SELECT id AS loan_id, defaulted_on::text AS defaulted_on, COALESCE(repaid_on, written_off_on)::text AS closed_on, disbursed_on::text AS disbursed_on FROM loans.loans WHERE project_id = $1`,
    [world.projectId],
  );
  const expected: ExpectedReminders = {};
  const count = (kind: string, n = 1) => (expected[kind] = (expected[kind] ?? 0) + n);
  const inWindow = (day: string) => day >= from && day <= to;
  const reminded = (i: InstalmentHistory, day: string) => inWindow(day) && (i.paid_on === null || day <= i.paid_on) && (i.closed_on === null || day <= i.closed_on);

  for (const i of instalments) {
    for (const [kind, offsets] of Object.entries(INSTALMENT_OFFSETS)) for (const o of offsets) if (reminded(i, addDays(i.due_date, o))) count(kind);
    if (reminded(i, addDays(i.due_date, GUARANTOR_OFFSET))) count('instalment-guarantor', PARTIES);
  }
  for (const l of loans) {
    if (l.defaulted_on && inWindow(l.defaulted_on)) {
      count('loan-defaulted-manager');
      // The default invokes the guarantee the same day: a demand to each party.
      count('guarantee-demand', PARTIES);
    }
    // No visit after the disbursement (the intake's visits came before it): one follow-up due, the interval after it.
    if (inWindow(addDays(l.disbursed_on, FOLLOW_UP_INTERVAL_DAYS))) count('follow-up-officer');
  }
  return expected;
}

/** What the reminders service recorded for this project's loans and mothers, per kind and status. */
export async function recordedReminders(world: MulingWorld): Promise<{ byKind: ExpectedReminders; statuses: Record<string, number> }> {
  const rows: { kind: string; status: string; n: number }[] = await world.app.dataSource.query(
    `SELECT kind, status, count(*)::int AS n FROM reminders.reminders WHERE project_id = $1 GROUP BY kind, status ORDER BY kind, status`,
    [world.projectId],
  );
  const byKind: ExpectedReminders = {};
  const statuses: Record<string, number> = {};
  for (const r of rows) {
    byKind[r.kind] = (byKind[r.kind] ?? 0) + r.n;
    statuses[r.status] = (statuses[r.status] ?? 0) + r.n;
  }
  return { byKind, statuses };
}
