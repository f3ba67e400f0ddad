import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { observePipelinedWrites } from '@xingfu/database';
import { TestApp } from '@xingfu/testing';
import { Pool, PoolClient } from 'pg';
import { EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { rate, Result, runConcurrently, summarize } from '../support';
import { runLoad } from './load';

/** What the posting scenarios share: the loans to post on, who posts, and when. */
export interface PostingBook {
  projectId: string;
  loanIds: string[];
  /** An officer of the loans' township. */
  token: string;
  paidOn: string;
  /** Small, so no loan is paid off (or even one instalment) whatever the run. */
  amountFen: number;
}

/**
 * POST /api/v1/loans/:id/repayments over `connections` keep-alive connections from the load
 * process, each on a random loan of the book with a fresh Idempotency-Key.
 */
export async function runHttpPostings(app: TestApp, book: PostingBook, count: number, connections: number, warmup: number): Promise<Result> {
  const out = await runLoad(app, `repayment POST x${connections}`, {
    token: book.token,
    kind: 'repayment',
    loanIds: book.loanIds,
    amountFen: book.amountFen,
    paidOn: book.paidOn,
    warmup,
    count,
    connections,
  });
  return {
    scenario: `repayment POST x${connections}`,
    events: count,
    writers: connections,
    durationMs: Math.round(out.durationMs),
    eventsPerSecond: rate(count, out.durationMs),
    latencyMs: summarize(out.latencies),
    notes: { appCpu: out.appCpu },
  };
}

/**
 * The same POSTs started on a schedule (`perSecond` for `seconds`): latency from each request's
 * scheduled start. With `connections`, over at most that many keep-alive connections (a request
 * due while all are busy waits for one, and that wait counts); without, as many as needed.
 */
export async function runHttpPostingsAtRate(app: TestApp, book: PostingBook, perSecond: number, seconds: number, connections?: number): Promise<Result> {
  const scenario = `repayment POST @ ${perSecond}/s${connections ? ` x${connections}` : ''}`;
  const out = await runLoad(app, scenario, {
    token: book.token,
    kind: 'repayment',
    loanIds: book.loanIds,
    amountFen: book.amountFen,
    paidOn: book.paidOn,
    warmup: 0,
    rate: perSecond,
    seconds,
    ...(connections ? { sockets: connections } : {}),
  });
  return {
    scenario,
    events: out.latencies.length,
    writers: connections ?? 0,
    durationMs: Math.round(out.durationMs),
    eventsPerSecond: rate(out.latencies.length, out.durationMs),
    latencyMs: summarize(out.latencies),
    notes: { appCpu: out.appCpu },
  };
}

/** One POST from this process (warm-up, statement capture); resolves with the status. */
export function inProcessPoster(app: TestApp, book: PostingBook): () => Promise<number> {
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return () =>
    new Promise((resolve, reject) => {
      const loanId = book.loanIds[Math.floor(Math.random() * book.loanIds.length)];
      const body = JSON.stringify({ amountFen: book.amountFen, paidOn: book.paidOn, source: 'cash', reference: 'bench warm-up' });
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: `/api/v1/loans/${loanId}/repayments`,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${book.token}`, 'idempotency-key': randomUUID() },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode !== 201) reject(new Error(`repayment POST answered ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`));
            else resolve(res.statusCode);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/** The statements one repayment POST sends, in order, and their kinds (e.g. "SELECT, BEGIN, SELECT(lock), ..."). */
export interface PostingShape {
  statements: number;
  /** Round trips to the database: statements sent in one pipelined batch (queryPipelined, the unit of work's writes) count once. */
  roundTrips: number;
  summary: string;
  sql: string[];
}

/** The POST's own statements: its scope read and its transaction (the one that writes the repayment); not the relay's or a consumer's. */
const POSTING = /INSERT INTO loans\.repayments|SELECT township_code, county_code FROM loans\.loans/;

function kindOf(sql: string): string {
  const text = sql.trim();
  const first = text.split(/\s+/)[0].toUpperCase();
  if (first === 'SELECT' && /advisory/i.test(text)) return 'SELECT(lock)';
  if (first === 'SELECT' && /FOR UPDATE/i.test(text)) return 'SELECT(row lock)';
  if (first === 'START' || first === 'BEGIN') return 'BEGIN';
  if (first === 'WITH') return `WITH(${[...text.matchAll(/\b(INSERT INTO|UPDATE)\s+([\w.]+)/gi)].map((m) => `${m[1].split(' ')[0].toUpperCase()} ${m[2]}`).join(' + ')})`;
  return first;
}

/** Sends one POST and records every statement TypeORM sends for it (a subscriber's beforeQuery, by query runner). */
export async function capturePostingShape(app: TestApp, post: () => Promise<number>): Promise<PostingShape> {
  const byRunner = new Map<QueryRunner, string[]>();
  const recorder: EntitySubscriberInterface = {
    beforeQuery(event) {
      if (!event.queryRunner) return;
      byRunner.set(event.queryRunner, [...(byRunner.get(event.queryRunner) ?? []), event.query]);
    },
  };
  const batches = new Map<QueryRunner, number>();
  const stopObserving = observePipelinedWrites((runner, statements) => batches.set(runner, (batches.get(runner) ?? 0) + statements.length - 1));
  app.dataSource.subscribers.push(recorder);
  try {
    await post();
  } finally {
    app.dataSource.subscribers.splice(app.dataSource.subscribers.indexOf(recorder), 1);
    stopObserving();
  }
  const runners = [...byRunner].filter(([, g]) => g.some((sql) => POSTING.test(sql)));
  const flat = runners.flatMap(([, g]) => g);
  const saved = runners.reduce((n, [runner]) => n + (batches.get(runner) ?? 0), 0);
  if (!flat.some((sql) => /INSERT INTO loans\.repayments/.test(sql))) throw new Error(`the repayment POST's transaction was not found among ${byRunner.size} query runners`);
  return { statements: flat.length, roundTrips: flat.length - saved, summary: flat.map(kindOf).join(', '), sql: flat.map((sql) => sql.replace(/\s+/g, ' ').slice(0, 160)) };
}

const ACTOR = `user:${randomUUID()}`;

/**
 * A posting by bare SQL from node `pg`, the shape the posting path has to write, with no HTTP,
 * Nest, validation, TypeORM or allocation code around it: claim the idempotency key (advisory
 * lock + lookup, as the kit does), lock the loan row, read its unpaid instalments, pay the
 * oldest, insert the repayment, update the loan's balances, append the balanced ledger entry
 * (entry + two lines), the RepaymentPosted outbox row and the idempotency row; commit.
 */
async function barePosting(client: PoolClient, book: PostingBook, i: number): Promise<void> {
  const loanId = book.loanIds[Math.floor(Math.random() * book.loanIds.length)];
  const key = randomUUID();
  const route = `POST /api/v1/loans/${loanId}/repayments`;
  const amount = book.amountFen;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked', [`loans|${ACTOR}|${route}|${key}`]);
    await client.query('SELECT request_hash, status_code, response FROM loans.idempotency_keys WHERE key = $1 AND actor = $2 AND route = $3', [key, ACTOR, route]);
    const { rows: loans } = await client.query('SELECT * FROM loans.loans WHERE id = $1 FOR UPDATE', [loanId]);
    const loan = loans[0];
    const { rows: unpaid } = await client.query(
      'SELECT * FROM loans.instalments WHERE loan_id = $1 AND NOT superseded AND paid_on IS NULL ORDER BY due_date, schedule_version, seq',
      [loanId],
    );
    const oldest = unpaid[0];
    await client.query('UPDATE loans.instalments SET principal_paid_fen = principal_paid_fen + $4 WHERE loan_id = $1 AND schedule_version = $2 AND seq = $3', [
      loanId,
      oldest.schedule_version,
      oldest.seq,
      amount,
    ]);
    const repaymentId = randomUUID();
    const allocation = [{ scheduleVersion: oldest.schedule_version, seq: oldest.seq, feeFen: 0, principalFen: amount }];
    await client.query(
      `INSERT INTO loans.repayments (id, loan_id, project_id, paid_on, amount_fen, fee_fen, principal_fen, source, reference, allocation, posted_by)
       VALUES ($1, $2, $3, $4, $5, 0, $5, 'cash', $6, $7, $8)`,
      [repaymentId, loanId, loan.project_id, book.paidOn, amount, `bench ${i}`, JSON.stringify(allocation), ACTOR],
    );
    await client.query(
      `UPDATE loans.loans SET principal_outstanding_fen = principal_outstanding_fen - $2, principal_repaid_fen = principal_repaid_fen + $2,
         postings_count = postings_count + 1, updated_at = now() WHERE id = $1`,
      [loanId, amount],
    );
    const entryId = randomUUID();
    await client.query(
      `INSERT INTO loans.ledger_entries (id, project_id, kind, entry_date, round, loan_id, source_id, created_by) VALUES ($1, $2, 'repayment', $3, $4, $5, $6, $7)`,
      [entryId, loan.project_id, book.paidOn, loan.round, loanId, repaymentId, ACTOR],
    );
    await client.query(
      `INSERT INTO loans.ledger_lines (entry_id, line_no, project_id, account, amount_fen, round) VALUES ($1, 1, $2, 'fund_cash', $3, $4), ($1, 2, $2, 'loans_receivable', $5, $4)`,
      [entryId, loan.project_id, amount, loan.round, -amount],
    );
    const payload = {
      repaymentId,
      loanId,
      applicationId: loan.application_id,
      projectId: loan.project_id,
      postedOn: book.paidOn,
      amountFen: amount,
      feeFen: 0,
      principalFen: amount,
      outstandingPrincipalFen: loan.principal_outstanding_fen - amount,
      source: 'cash',
      reference: `bench ${i}`,
      allocation,
    };
    const headers = { occurredAt: new Date().toISOString(), correlationId: randomUUID(), causationId: null, actor: ACTOR };
    await client.query(`INSERT INTO loans.outbox (event_id, topic, key, type, version, payload, headers) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      randomUUID(),
      'xingfu.loans.v1',
      loanId,
      'RepaymentPosted',
      1,
      JSON.stringify(payload),
      JSON.stringify(headers),
    ]);
    await client.query(`INSERT INTO loans.idempotency_keys (key, actor, route, request_hash, status_code, response) VALUES ($1, $2, $3, $4, 201, $5)`, [
      key,
      ACTOR,
      route,
      randomUUID().replace(/-/g, '').repeat(2),
      JSON.stringify(payload),
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The bare-pg baseline at the same concurrency: `connections` clients, each posting in turn. */
export async function runBarePostings(databaseUrl: string, book: PostingBook, count: number, connections: number, warmup: number): Promise<Result> {
  const pool = new Pool({ connectionString: databaseUrl, max: connections });
  try {
    const latencies: number[] = [];
    const once = async (i: number): Promise<void> => {
      const started = performance.now();
      const client = await pool.connect();
      try {
        await barePosting(client, book, i);
      } finally {
        client.release();
      }
      latencies.push(performance.now() - started);
    };
    await runConcurrently(warmup, connections, once);
    latencies.length = 0;
    const started = performance.now();
    await runConcurrently(count, connections, once);
    const durationMs = performance.now() - started;
    return {
      scenario: `bare pg posting x${connections}`,
      events: count,
      writers: connections,
      durationMs: Math.round(durationMs),
      eventsPerSecond: rate(count, durationMs),
      latencyMs: summarize(latencies),
    };
  } finally {
    await pool.end();
  }
}
