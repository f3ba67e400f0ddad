import { addDays } from '@xingfu/kernel';
import { TestApp } from '@xingfu/testing';
import { ClientBase } from 'pg';
import { Result } from '../support';
import { BenchProject, seedLoans } from './seed';

/**
 * The sweep's book: `count` loans, each with two half-yearly instalments (300,000 fen, i.e.
 * 3,000 yuan, paid 150,000 + 150,000). Every `dueEvery`-th loan (1% by default) has its first
 * instalment due on or before the sweep date: k = 0..120 days before it, spread evenly, so
 * on the sweep date they are 0..120 days past due. Their rows are as yesterday's sweep left
 * them (aged_on = the day before, days past due and bucket as of then, status defaulted once
 * more than 90 days past due, ages_on the day each enters its next bucket). All the others have their first instalment due 1..180 days
 * after the sweep date: the sweep must not touch them.
 */
export async function seedSweepBook(db: ClientBase, project: BenchProject, count: number, dueEvery: number, asOf: string): Promise<void> {
  const k = `((i / ${dueEvery}) % 121)`;
  await seedLoans(db, project, {
    from: 1,
    to: count,
    amountFen: 300_000,
    instalments: 2,
    everyDays: 182,
    disbursedOn: addDays(asOf, -200),
    firstDueSql: `CASE WHEN i % ${dueEvery} = 0 THEN '${asOf}'::date - ${k} ELSE '${asOf}'::date + 1 + (i % 180) END`,
    agedDpdSql: `CASE WHEN i % ${dueEvery} = 0 THEN GREATEST(${k} - 1, 0) ELSE 0 END`,
    agedOn: addDays(asOf, -1),
    withLedger: false,
  });
}

/** What the book looks like before the sweep, to print beside the figures. */
export async function bookMix(db: ClientBase, asOf: string): Promise<{ loans: number; due: number; defaulted: number; instalments: number }> {
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM loans.loans)::int AS loans,
            (SELECT count(*) FROM loans.loans WHERE status IN ('active', 'defaulted') AND next_due_date <= $1)::int AS due,
            (SELECT count(*) FROM loans.loans WHERE status = 'defaulted')::int AS defaulted,
            (SELECT count(*) FROM loans.instalments)::int AS instalments`,
    [asOf],
  );
  return rows[0];
}

/**
 * The bare scan: every unpaid current instalment due by the sweep date, counted and summed
 * over the whole instalment table (what the planner does with it: a parallel seq scan here,
 * as no index leads with due_date). Warm: the best of `runs`, after one unmeasured run.
 */
export async function bareScan(db: ClientBase, asOf: string, runs = 3): Promise<{ ms: number; due: number; plan: string }> {
  const sql = `SELECT count(*)::int AS due, sum(principal_fen - principal_paid_fen + fee_fen - fee_paid_fen) AS unpaid FROM loans.instalments WHERE paid_on IS NULL AND NOT superseded AND due_date <= $1`;
  await db.query(sql, [asOf]);
  let best = Infinity;
  let due = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const { rows } = await db.query(sql, [asOf]);
    best = Math.min(best, performance.now() - started);
    due = rows[0].due;
  }
  const { rows: plan } = await db.query(`EXPLAIN ${sql}`, [asOf]);
  return { ms: Math.round(best * 10) / 10, due, plan: plan.map((r: Record<string, string>) => r['QUERY PLAN'].trim()).join(' / ') };
}

export interface SweepRun {
  ms: number;
  status: number;
  body: unknown;
  /** Events the run appended (by type). */
  events: Record<string, number>;
  /** Loans whose aged_on is now the sweep date. */
  agedLoans: number;
  /** WAL the run wrote (after a CHECKPOINT, so full-page images count as they do once a day in production), in MB. */
  walMb: number;
}

async function eventCounts(db: ClientBase): Promise<Record<string, number>> {
  const { rows } = await db.query<{ type: string; n: number }>(
    `SELECT type, count(*)::int AS n FROM (SELECT type FROM loans.outbox UNION ALL SELECT type FROM loans.outbox_archive) e GROUP BY type`,
  );
  return Object.fromEntries(rows.map((r) => [r.type, r.n]));
}

/** POST /api/v1/admin/sweeps/arrears {asOf} as an admin, timed from the request to its answer. */
export async function runSweep(app: TestApp, db: ClientBase, adminToken: string, asOf: string): Promise<SweepRun> {
  const before = await eventCounts(db);
  await db.query('CHECKPOINT');
  const { rows: lsn } = await db.query(`SELECT pg_current_wal_lsn() AS at`);
  const started = performance.now();
  const res = await app.http().post('/api/v1/admin/sweeps/arrears').set('Authorization', `Bearer ${adminToken}`).send({ asOf });
  const ms = performance.now() - started;
  if (res.status >= 300) throw new Error(`the arrears sweep answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
  const { rows: wal } = await db.query(`SELECT (pg_current_wal_lsn() - $1::pg_lsn)::bigint AS bytes`, [lsn[0].at]);
  const after = await eventCounts(db);
  const events: Record<string, number> = {};
  for (const [type, n] of Object.entries(after)) if (n - (before[type] ?? 0) > 0) events[type] = n - (before[type] ?? 0);
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM loans.loans WHERE aged_on = $1`, [asOf]);
  return { ms: Math.round(ms), status: res.status, body: res.body, events, agedLoans: rows[0].n, walMb: Math.round(Number(wal[0].bytes) / 1024 / 102.4) / 10 };
}

export function sweepResult(scenario: string, loans: number, ms: number): Result {
  return { scenario, events: loans, writers: 1, durationMs: ms, eventsPerSecond: Math.round((loans / (ms / 1000)) * 10) / 10 };
}
