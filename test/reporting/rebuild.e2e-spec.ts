import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ALL_EVENT_CONTRACTS, EventEnvelope } from '@xingfu/contracts';
import { insertOutboxRow } from '@xingfu/messaging';
import { createTestDatabase, dropTestDatabase, eventually, startTestApp, TestApp } from '@xingfu/testing';
import { applicationsDatabase } from '../../apps/applications/src/applications.database';
import { loansDatabase } from '../../apps/loans/src/loans.database';
import { partnersDatabase } from '../../apps/partners/src/partners.database';
import { READ_MODEL_TABLES } from '../../apps/reporting/src/read-models/rebuild/read-model-rebuild';
import { ReadModelReplay } from '../../apps/reporting/src/read-models/rebuild/read-model-replay';
import { reportingDatabase } from '../../apps/reporting/src/reporting.database';
import { ReportingModule } from '../../apps/reporting/src/reporting.module';
import { LoanDriver } from '../loans/loan-driver';
import { PLAIN_APPROVAL } from '../support/intake';
import { useIntakeContext } from '../support/intake-context';
import { projectHistory } from './read-models-history';

const ROOT = join(__dirname, '..', '..');

/** Every row of every read-model table, in a stable order. */
async function snapshot(app: TestApp): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of READ_MODEL_TABLES) out[table] = (await app.dataSource.query(`SELECT * FROM ${table}`)).map((r: object) => JSON.stringify(r)).sort();
  return out;
}

/** `npm run cli -- reporting:rebuild` as an operator runs it, against the test database. */
function rebuild(databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'cli', '--', 'reporting:rebuild'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The read models are a function of the event history: emptied and replayed from the outboxes
 * (the rows still there and those archived), they hold exactly what the live consumers built.
 */
describe('reporting:rebuild: the read models again from the event history', () => {
  let app: TestApp;
  let databaseUrl: string;
  const histories = [projectHistory(), projectHistory()];
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => app.dataSource.query(query, params) as Promise<T[]>;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('rebuild');
    app = await startTestApp({ services: [applicationsDatabase, loansDatabase, partnersDatabase, reportingDatabase], modules: [ReportingModule], databaseUrl });
  });
  afterAll(async () => {
    await app?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  async function written(events: EventEnvelope[]): Promise<void> {
    for (const event of events) {
      const contract = ALL_EVENT_CONTRACTS.find((c) => c.type === event.type && c.version === event.version)!;
      await app.dataSource.transaction((manager) => insertOutboxRow(manager, contract.producer, event));
    }
  }

  it('truncates and replays every event into the same facts and cells, with a progress bar on stderr', async () => {
    const all = histories.flatMap((h) => h.events);
    await written(all);
    await eventually(async () => {
      const [{ handled }] = await sql<{ handled: number }>(`SELECT count(*)::int AS handled FROM reporting.inbox WHERE consumer LIKE 'reporting.read-model-%'`);
      expect(handled).toBe(all.length);
    }, { timeoutMs: 60000 });
    // Past retention the relay moves published rows to the archive: the history there counts too.
    await sql(`WITH moved AS (DELETE FROM loans.outbox WHERE seq IN (SELECT seq FROM loans.outbox WHERE status = 'published' ORDER BY seq LIMIT 10) RETURNING *)
               INSERT INTO loans.outbox_archive SELECT * FROM moved`);
    const live = await snapshot(app);
    expect(live['reporting.portfolio_cells'].length).toBeGreaterThan(0);
    expect(live['reporting.due_cells'].length).toBeGreaterThan(0);
    expect(live['reporting.due_township_cells'].length).toBeGreaterThan(0);

    // What the rebuild must undo: a fact someone broke by hand.
    await sql(`UPDATE reporting.portfolio_cells SET disbursed_fen = disbursed_fen + 1`);
    await sql(`UPDATE reporting.due_township_cells SET paid_fen = paid_fen + 1`);
    const run = await rebuild(databaseUrl);
    expect({ code: run.code, stderr: run.stderr.replace(/^reporting:rebuild \[[#-]+\][^\n]*\n?/gm, '') }).toEqual({ code: 0, stderr: '' });
    expect(run.stderr).toContain(`reporting:rebuild [${'#'.repeat(30)}] 100.0% ${all.length}/${all.length}`);
    expect(run.stdout).toContain(`replayed ${all.length} events`);

    expect(await snapshot(app)).toEqual(live);
    const [{ handled }] = await sql<{ handled: number }>(`SELECT count(*)::int AS handled FROM reporting.inbox WHERE consumer LIKE 'reporting.read-model-%'`);
    expect(handled).toBe(all.length);
  });
});

/** The same with the real services writing the history (every service in one process, as `npm start` runs them). */
describe('reporting:rebuild after real services wrote the history', () => {
  const ctx = useIntakeContext({ label: 'rebuildreal' });
  const d = new LoanDriver(ctx);

  /** Each read-model consumer has handled every event of its types that the services' outboxes hold. */
  async function caughtUp(): Promise<void> {
    const types = ctx.app.app.get(ReadModelReplay).eventTypes();
    const history = ['applications', 'loans', 'partners', 'guarantees']
      .flatMap((s) => [`SELECT type FROM ${s}.outbox`, `SELECT type FROM ${s}.outbox_archive`])
      .join(' UNION ALL ');
    await eventually(async () => {
      const [{ written, handled }] = await d.sql<{ written: number; handled: number }>(
        `SELECT (SELECT count(*)::int FROM (${history}) o WHERE type = ANY($1)) AS written,
                (SELECT count(*)::int FROM reporting.inbox WHERE consumer LIKE 'reporting.read-model-%') AS handled`,
        [types],
      );
      expect(written).toBeGreaterThan(0);
      expect(handled).toBe(written);
    }, { timeoutMs: 60000 });
  }

  it('rebuilds from the outboxes of the real services the same tables the live consumers built', async () => {
    const { loanId } = await d.disbursedLoan({ plan: { ...PLAIN_APPROVAL, amountFen: 300000 } });
    await d.disbursedLoan({ plan: { ...PLAIN_APPROVAL, amountFen: 200000, termMonths: 4, repaymentPlan: { kind: 'equal_monthly' } } });
    const paid = await ctx.app
      .http()
      .post(`/api/v1/loans/${loanId}/repayments`)
      .set('Authorization', `Bearer ${ctx.officer}`)
      .set('Idempotency-Key', randomUUID())
      .send({ amountFen: 100000, paidOn: ctx.clock.today(), source: 'cash', reference: '收据 0012345' });
    expect(paid.status).toBe(201);
    await caughtUp();
    const live = await snapshot(ctx.app);
    expect(live['reporting.loans'].length).toBe(2);
    expect(live['reporting.due_cells'].length).toBeGreaterThan(0);
    expect(live['reporting.due_township_cells'].length).toBeGreaterThan(0);

    const run = await rebuild((ctx.app.dataSource.options as { url: string }).url);
    expect(run.code).toBe(0);
    expect(await snapshot(ctx.app)).toEqual(live);
  });
});
