import { ALL_EVENT_CONTRACTS, EventEnvelope, payloadViolations } from '@xingfu/contracts';
import { insertOutboxRow } from '@xingfu/messaging';
import { createTestDatabase, dropTestDatabase, eventually, startTestApp, TestApp } from '@xingfu/testing';
import { applicationsDatabase } from '../../apps/applications/src/applications.database';
import { loansDatabase } from '../../apps/loans/src/loans.database';
import { partnersDatabase } from '../../apps/partners/src/partners.database';
import { ReadModelReplay } from '../../apps/reporting/src/read-models/rebuild/read-model-replay';
import { reportingDatabase } from '../../apps/reporting/src/reporting.database';
import { ReportingModule } from '../../apps/reporting/src/reporting.module';
import { History, projectHistory, shuffled } from './read-models-history';

/**
 * Reporting alone, with the schemas of the services whose events it reads: their events go
 * into their own outboxes (as they would write them) and reach reporting through the relay and
 * the inbox (over Kafka the broker checks each against docs/asyncapi.yaml), or are handed to
 * the inbox directly in any order, any number of times.
 */
describe.each([
  { transport: 'in-process', kafka: false },
  { transport: 'kafka', kafka: true },
])('reporting read models: facts and cells from the events of every service (events $transport)', ({ kafka }) => {
  let app: TestApp;
  let databaseUrl: string;
  const live = projectHistory();
  const replayed = projectHistory();

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('readmodels');
    app = await startTestApp({ services: [applicationsDatabase, loansDatabase, partnersDatabase, reportingDatabase], modules: [ReportingModule], databaseUrl, kafka });
  });
  afterAll(async () => {
    await app?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => app.dataSource.query(query, params) as Promise<T[]>;

  /** As the producers write them: each into its own outbox, in one transaction per event. */
  async function written(events: EventEnvelope[]): Promise<void> {
    for (const event of events) {
      const contract = ALL_EVENT_CONTRACTS.find((c) => c.type === event.type && c.version === event.version)!;
      expect(payloadViolations(contract, event.payload)).toEqual([]);
      await app.dataSource.transaction((manager) => insertOutboxRow(manager, contract.producer, event));
    }
  }

  const portfolio = (projectId: string) =>
    sql<Record<string, string>>(
      `SELECT ${[
        'applicants', 'eligible', 'approved', 'rejected', 'withdrawn', 'followed_up', 'out_of_poverty', 'first_income_fen', 'latest_income_fen',
        'disbursed_count', 'disbursed_fen', 'repaid_principal_fen', 'repaid_fee_fen', 'written_off_count', 'written_off_fen', 'defaulted_count',
        'repaid_count', 'active_count', 'principal_outstanding_fen', 'par1_count', 'par1_fen', 'par30_count', 'par30_fen', 'par90_count', 'par90_fen',
        'buyback_count', 'buyback_gross_fen', 'buyback_net_to_mother_fen',
      ].map((c) => `sum(${c})::int AS ${c}`).join(', ')}
       FROM reporting.portfolio_cells WHERE project_id = $1`,
      [projectId],
    ).then(([row]) => row);

  const due = (projectId: string, asOf: string) =>
    sql<{ due_fen: number; paid_fen: number }>(
      `SELECT COALESCE(sum(due_fen), 0)::int AS due_fen, COALESCE(sum(paid_fen), 0)::int AS paid_fen FROM reporting.due_cells WHERE project_id = $1 AND due_date <= $2`,
      [projectId, asOf],
    ).then(([row]) => row);

  /** Every cell and fact of a history, with its own ids and codes replaced, so two histories compare. */
  async function figuresOf(h: History): Promise<unknown> {
    const anonymous = (rows: Record<string, unknown>[]) =>
      rows
        .map((r) => JSON.stringify(r, (k, v) => (['project_id', 'county_code', 'township_code', 'village_code', 'application_id', 'loan_id', 'repayment_id', 'buyback_id', 'contribution_id', 'counted'].includes(k) ? undefined : k === 'partner_id' && v ? 'partner' : v)))
        .sort();
    const tables = {
      portfolio_cells: `SELECT * FROM reporting.portfolio_cells WHERE project_id = $1`,
      portfolio_township_cells: `SELECT * FROM reporting.portfolio_township_cells WHERE project_id = $1`,
      due_cells: `SELECT * FROM reporting.due_cells WHERE project_id = $1`,
      due_township_cells: `SELECT * FROM reporting.due_township_cells WHERE project_id = $1`,
      applications: `SELECT * FROM reporting.applications WHERE project_id = $1`,
      loans: `SELECT * FROM reporting.loans WHERE project_id = $1`,
      instalments: `SELECT i.schedule_version, i.seq, i.due_date, i.principal_fen, i.fee_fen, i.paid_on, i.overdue_bucket, i.overdue_as_of, i.days_past_due FROM reporting.instalments i JOIN reporting.loans l USING (loan_id) WHERE l.project_id = $1`,
      repayments: `SELECT * FROM reporting.repayments WHERE project_id = $1`,
      follow_ups: `SELECT f.visits, f.first_visited_on, f.first_income_fen, f.latest_visited_on, f.latest_income_fen, f.out_of_poverty FROM reporting.follow_ups f JOIN reporting.applications a USING (application_id) WHERE a.project_id = $1`,
      buybacks: `SELECT * FROM reporting.buybacks WHERE project_id = $1`,
      fund_contributions: `SELECT * FROM reporting.fund_contributions WHERE project_id = $1`,
      projects: `SELECT name, policy_version, income_ceiling_fen FROM reporting.projects WHERE project_id = $1`,
    };
    const out: Record<string, unknown> = {};
    for (const [name, query] of Object.entries(tables)) out[name] = anonymous(await sql(query, [h.projectId]));
    return out;
  }

  it('counts a project’s history written by its services, through the relay and the inbox', async () => {
    await written(live.events);
    await eventually(async () => {
      const [{ pending }] = await sql<{ pending: number }>(
        `SELECT count(*)::int AS pending FROM (SELECT status FROM applications.outbox UNION ALL SELECT status FROM loans.outbox UNION ALL SELECT status FROM partners.outbox) o WHERE status <> 'published'`,
      );
      expect(pending).toBe(0);
      expect((await portfolio(live.projectId)).out_of_poverty).toBe(1);
      const [{ loans }] = await sql<{ loans: number }>(`SELECT count(*)::int AS loans FROM reporting.loans WHERE project_id = $1 AND status = 'written_off'`, [live.projectId]);
      expect(loans).toBe(1);
      // Over Kafka the group also reads other files' events: count this history's.
      const [{ handled }] = await sql<{ handled: number }>(`SELECT count(*)::int AS handled FROM reporting.inbox WHERE consumer LIKE 'reporting.read-model-%' AND event_id = ANY($1)`, [
        live.events.map((e) => e.eventId),
      ]);
      expect(handled).toBe(live.events.length);
      const [{ parked }] = await sql<{ parked: number }>(`SELECT count(*)::int AS parked FROM reporting.dead_letters WHERE event_id = ANY($1)`, [live.events.map((e) => e.eventId)]);
      expect(parked).toBe(0);
    }, { timeoutMs: 60000 });

    expect(await portfolio(live.projectId)).toEqual({
      // five surveys: the first mother's latest screening (eligible) counts, not her first
      applicants: 5, eligible: 3, approved: 3, rejected: 1, withdrawn: 1,
      // three followed up; under the raised ceiling (460000) only the third (500000) is out of poverty
      followed_up: 3, out_of_poverty: 1, first_income_fen: 300000 + 200000 + 500000, latest_income_fen: 450000 + 200000 + 500000,
      disbursed_count: 3, disbursed_fen: 900000,
      repaid_principal_fen: 120000 + 50000 + 200000, repaid_fee_fen: 3000 + 0 + 2000,
      written_off_count: 1, written_off_fen: 250000, defaulted_count: 1, repaid_count: 1, active_count: 1,
      principal_outstanding_fen: 280000,
      // the first loan: its rescheduled (v2) first instalment is 1-30 late; the 31-60 of v1 was replaced
      par1_count: 1, par1_fen: 280000, par30_count: 0, par30_fen: 0, par90_count: 0, par90_fen: 0,
      // the third mother's buyback, in her loan's cell: net to her = 1500000 paid by the partner + 48500 returned by loans
      buyback_count: 1, buyback_gross_fen: 2000000, buyback_net_to_mother_fen: 1548500,
    });
    // The township rollup holds the same sums, cell for cell, as the nine-dim cells summed over village, industry, model and partner.
    const rollup = (table: string, sums: string) =>
      sql(`SELECT township_code, round, month, ${sums} FROM ${table} WHERE project_id = $1 GROUP BY township_code, round, month ORDER BY round, month`, [live.projectId]);
    const sums = ['applicants', 'disbursed_fen', 'principal_outstanding_fen', 'par1_fen', 'buyback_net_to_mother_fen'].map((f) => `sum(${f})::int AS ${f}`).join(', ');
    const township = await rollup('reporting.portfolio_township_cells', sums);
    expect(township).toEqual(await rollup('reporting.portfolio_cells', sums));
    expect(township.length).toBeGreaterThan(1);
    const [{ rows }] = await sql<{ rows: number }>(`SELECT count(*)::int AS rows FROM reporting.portfolio_township_cells WHERE project_id = $1`, [live.projectId]);
    expect(rows).toBe(township.length);
    // The due rollup likewise: due_cells summed over village, industry, model, partner and cohort month, due day by due day.
    const dueRollup = (table: string) =>
      sql(`SELECT township_code, round, due_date::text, sum(due_fen)::int AS due_fen, sum(due_principal_fen)::int AS due_principal_fen, sum(paid_fen)::int AS paid_fen
           FROM ${table} WHERE project_id = $1 GROUP BY township_code, round, due_date ORDER BY due_date, township_code, round`, [live.projectId]);
    const dueTownship = await dueRollup('reporting.due_township_cells');
    expect(dueTownship).toEqual(await dueRollup('reporting.due_cells'));
    expect(dueTownship.length).toBeGreaterThan(1);
    const [{ dueRows }] = await sql<{ dueRows: number }>(`SELECT count(*)::int AS "dueRows" FROM reporting.due_township_cells WHERE project_id = $1`, [live.projectId]);
    expect(dueRows).toBe(dueTownship.length);
    // Fallen due by 30 June: loan 1's paid v1 instalment (101000), loan 2's three (225000, 50000 paid by a guarantor), loan 3's three (151500, paid)
    expect(await due(live.projectId, '2026-06-30')).toEqual({ due_fen: 101000 + 225000 + 151500, paid_fen: 101000 + 50000 + 151500 });
    expect(await due(live.projectId, '2026-12-31')).toEqual({ due_fen: 101000 + 282000 + 300000 + 202000, paid_fen: 123000 + 50000 + 202000 });

    const [rejected] = await sql(`SELECT status, rejection_reason FROM reporting.applications WHERE project_id = $1 AND rejected`, [live.projectId]);
    expect(rejected).toEqual({ status: 'rejected', rejection_reason: '收入超标' });
    const [buyback] = await sql(`SELECT gross_fen::int, withheld_fen::int, net_paid_fen::int, returned_fen::int FROM reporting.buybacks WHERE project_id = $1`, [live.projectId]);
    expect(buyback).toEqual({ gross_fen: 2000000, withheld_fen: 200000, net_paid_fen: 1500000, returned_fen: 48500 });
    const funds = await sql(`SELECT stage, sum(amount_fen)::int AS fen FROM reporting.fund_contributions WHERE project_id = $1 GROUP BY stage ORDER BY stage`, [live.projectId]);
    expect(funds).toEqual([{ stage: 'committed', fen: 10000000 }, { stage: 'received', fen: 7500000 }]);
  });

  it('gives the same facts and cells when the same history arrives shuffled, and again shuffled (every event twice)', async () => {
    const replay = app.app.get(ReadModelReplay);
    // Half one by one (handle), half in batches (handleBatch: each fact refreshed once per batch).
    const first = shuffled(replayed.events);
    const half = Math.floor(first.length / 2);
    for (const event of first.slice(0, half)) await replay.deliver([event]);
    for (let i = half; i < first.length; i += 9) await replay.deliver(first.slice(i, i + 9));
    // A redelivery of everything, in batches, in yet another order: the inbox and the facts keep each event once.
    const again = shuffled(replayed.events);
    for (let i = 0; i < again.length; i += 7) await replay.deliver(again.slice(i, i + 7));

    expect(await figuresOf(replayed)).toEqual(await figuresOf(live));
    expect(await portfolio(replayed.projectId)).toEqual(await portfolio(live.projectId));
  });
});
