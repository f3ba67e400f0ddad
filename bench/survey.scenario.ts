import { randomBytes, randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { newResidentId, newTownshipCode, TestApp } from '@xingfu/testing';
import { observePipelinedWrites, sendPipelined } from '@xingfu/database';
import { Pool } from 'pg';
import { EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { seedProject, surveyBody } from '../test/support/intake';
import { appCpu, rate, Result, runConcurrently, runLoadScript, summarize } from './support';
// The load process's own poster: one way to send a survey, in either process.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { postSurvey } = require('./survey-load.js') as { postSurvey: (port: number, agent: Agent, token: string, body: string) => Promise<number> };

interface Statement {
  sql: string;
  parameters: unknown[];
  /** Statements with the same batch were sent in one round trip (the unit of work's writes): the baseline sends them so too. */
  batch?: number;
}

/** The statements one survey POST sends, grouped by the connection (query runner) that sent them. */
export interface SurveyShape {
  groups: Statement[][];
  /** e.g. "BEGIN, SELECT, SELECT(lock), SELECT, [INSERT, INSERT, INSERT], COMMIT" ([…]: one round trip). */
  summary: string;
  statements: number;
  roundTrips: number;
  /** Ids of rows that exist before the POST (the project): kept, not replaced by fresh ones. */
  keep: string[];
}

/** The backbone's own work (the relay recording, consumers' inbox transactions) is not the POST's. */
const BACKGROUND = /\binbox\b|dead_letters|outbox_archive|SET status = 'published'|SET next_attempt_at/;

const SURVEY_INSERT = /INSERT INTO "?applications"?\."?applications"?\b/;

function kind(sql: string): string {
  const first = sql.trim().split(/\s+/)[0].toUpperCase();
  if (first === 'SELECT' && /pg_advisory/i.test(sql)) return 'SELECT(lock)';
  if (first === 'START' || first === 'BEGIN') return 'BEGIN';
  return first;
}

/** Sends one survey and records every statement TypeORM sends meanwhile (a subscriber's beforeQuery). */
export async function captureSurveyShape(app: TestApp, post: () => Promise<number>, keep: string[]): Promise<SurveyShape> {
  const byRunner = new Map<QueryRunner, Statement[]>();
  // A pipelined batch is announced before its statements are broadcast one by one.
  const batches = new Map<QueryRunner, { id: number; left: number }>();
  let nextBatch = 0;
  const stopObserving = observePipelinedWrites((runner, statements) => void batches.set(runner, { id: nextBatch++, left: statements.length }));
  const recorder: EntitySubscriberInterface = {
    beforeQuery(event) {
      if (!event.queryRunner) return;
      const list = byRunner.get(event.queryRunner) ?? [];
      const batch = batches.get(event.queryRunner);
      list.push({ sql: event.query, parameters: [...(event.parameters ?? [])], ...(batch ? { batch: batch.id } : {}) });
      if (batch && --batch.left === 0) batches.delete(event.queryRunner);
      byRunner.set(event.queryRunner, list);
    },
  };
  app.dataSource.subscribers.push(recorder);
  try {
    const status = await post();
    if (status !== 201) throw new Error(`survey POST answered ${status}`);
  } finally {
    app.dataSource.subscribers.splice(app.dataSource.subscribers.indexOf(recorder), 1);
    stopObserving();
  }
  // The POST's own transaction is the one that inserts the application: the relay and the
  // consumers may run their transactions meanwhile, on other runners.
  const groups = [...byRunner.values()].filter((g) => !g.some((s) => BACKGROUND.test(s.sql)) && g.some((s) => SURVEY_INSERT.test(s.sql)));
  if (groups.length !== 1) throw new Error(`the survey POST's transaction was not found among ${byRunner.size} runners`);
  const flat = groups.flat();
  const trips = roundTrips(flat);
  const summary = trips.map((trip) => (trip.length > 1 ? `[${trip.map((s) => kind(s.sql)).join(', ')}]` : kind(trip[0].sql))).join(', ');
  return { groups, statements: flat.length, roundTrips: trips.length, summary, keep };
}

/** The statements as sent: one per round trip, or a pipelined batch together. */
function roundTrips(statements: Statement[]): Statement[][] {
  const trips: Statement[][] = [];
  for (const s of statements) {
    const last = trips[trips.length - 1];
    if (s.batch !== undefined && last && last[0].batch === s.batch) last.push(s);
    else trips.push([s]);
  }
  return trips;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const HEX64 = /\b[0-9a-f]{64}\b/g;

/** The same values of a fresh case: new ids and a new mother's lookup hash, consistently across statements. */
function remapper(keep: string[]): (value: unknown) => unknown {
  const fresh = new Map<string, string>(keep.map((id) => [id.toLowerCase(), id]));
  const swap = (pattern: RegExp, make: () => string) => (s: string) =>
    s.replace(pattern, (found) => {
      let next = fresh.get(found.toLowerCase());
      if (!next) fresh.set(found.toLowerCase(), (next = make()));
      return next;
    });
  const uuids = swap(UUID, () => randomUUID());
  const hashes = swap(HEX64, () => randomBytes(32).toString('hex'));
  const remap = (value: unknown): unknown => {
    if (typeof value === 'string') return hashes(uuids(value));
    if (Array.isArray(value)) return value.map(remap);
    return value;
  };
  return remap;
}

/**
 * A bare pg client runs the captured POST's statements (same SQL, same count and kind, in the
 * same transactions and the same round trips: a batch the app pipelined is pipelined here) with a fresh case's values: the database's share of a survey POST with no
 * HTTP, Nest, validation, TypeORM or crypto around it.
 */
export async function runSameShapeBaseline(databaseUrl: string, shape: SurveyShape, transactions: number, connections: number): Promise<Result> {
  const pool = new Pool({ connectionString: databaseUrl, max: connections });
  try {
    const latencies: number[] = [];
    const once = async (): Promise<void> => {
      const remap = remapper(shape.keep);
      const started = Date.now();
      const client = await pool.connect();
      try {
        for (const group of shape.groups) {
          for (const trip of roundTrips(group)) {
            if (trip.length === 1) await client.query(trip[0].sql, trip[0].parameters.map(remap));
            else await sendPipelined(client, trip.map((s) => ({ sql: s.sql, params: s.parameters.map(remap) as unknown[] })));
          }
        }
      } finally {
        client.release();
      }
      latencies.push(Date.now() - started);
    };
    await runConcurrently(Math.min(50, transactions), connections, once);
    latencies.length = 0;
    const started = Date.now();
    await runConcurrently(transactions, connections, once);
    const durationMs = Date.now() - started;
    return {
      scenario: `same-shape bare pg x${connections}`,
      events: transactions,
      writers: connections,
      durationMs,
      eventsPerSecond: rate(transactions, durationMs),
      latencyMs: summarize(latencies),
    };
  } finally {
    await pool.end();
  }
}

/**
 * Survey POSTs over `connections` keep-alive HTTP connections to the app (which must listen),
 * sent by bench/survey-load.js in a process of its own: a client in the app's process would
 * take the very core the app runs on, and the bare-pg baseline pays for no HTTP client.
 */
export async function runSurveyPosts(app: TestApp, posts: number, connections: number, ratePerSecond?: number): Promise<Result> {
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  const township = newTownshipCode();
  const projectId = await seedProject(app.dataSource, township.slice(0, 6));
  const token = await app.tokenFor('officer', { townships: [township] });
  const warmup = Math.min(50, posts);
  const bodies = Array.from({ length: warmup + posts }, () => JSON.stringify(surveyBody(projectId, township, { idNumber: unusedResidentId(township) })));
  // Through a file: a thousand bodies are more than a command line takes.
  const input = join(mkdtempSync(join(tmpdir(), 'xingfu-bench-')), 'load.json');
  writeFileSync(input, JSON.stringify({ port, token, bodies, warmup, connections, ratePerSecond }));
  const { stdout, cpu } = await runLoadScript(join(__dirname, 'survey-load.js'), input).finally(() => rmSync(dirname(input), { recursive: true, force: true }));
  const { latencies, failures, durationMs } = JSON.parse(stdout) as { latencies: number[]; failures: number[]; durationMs: number };
  const scenario = ratePerSecond ? `survey POST @ ${ratePerSecond}/s x${connections}` : `survey POST x${connections}`;
  if (failures.length) throw new Error(`${scenario}: ${failures.length} answers not 201 (${[...new Set(failures)].join(', ')})`);
  const used = appCpu(cpu, latencies.length);
  // bench/run.ts prints the table; this figure is printed here, beside the progress lines.
  console.log(`${scenario}: app CPU per POST ${used.perOperationUs} µs (user ${Math.round(used.userUs / latencies.length)}, system ${Math.round(used.systemUs / latencies.length)}; process.cpuUsage() of the app's process over ${latencies.length} POSTs)`);
  return {
    scenario,
    events: posts,
    writers: connections,
    durationMs,
    eventsPerSecond: rate(posts, durationMs),
    latencyMs: summarize(latencies),
    notes: { appCpu: used },
  };
}

const usedResidentIds = new Set<string>();
/**
 * A mother's ID number no other survey of this run used: random ones (1 in ~11 million) meet
 * once in a few runs of a few thousand POSTs, and the second answers 409 duplicate_application.
 */
function unusedResidentId(township: string): string {
  for (;;) {
    const id = newResidentId(township.slice(0, 6));
    if (!usedResidentIds.has(id)) {
      usedResidentIds.add(id);
      return id;
    }
  }
}

/** One survey POST to the app's port; resolves with the status once the body is read. */
export function surveyPoster(app: TestApp): Promise<{ post: () => Promise<number>; projectId: string }> {
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  const township = newTownshipCode();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return (async () => {
    const projectId = await seedProject(app.dataSource, township.slice(0, 6));
    const token = await app.tokenFor('officer', { townships: [township] });
    return { projectId, post: () => postSurvey(port, agent, token, JSON.stringify(surveyBody(projectId, township, { idNumber: unusedResidentId(township) }))) };
  })();
}
