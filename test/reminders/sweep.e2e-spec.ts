import { createHash, randomUUID } from 'node:crypto';
import { ManualClock } from '@xingfu/common';
import { JobQueues } from '@xingfu/jobs';
import { addDays } from '@xingfu/kernel';
import { BusinessDateStore } from '@xingfu/platform';
import { createTestDatabase, dropTestDatabase, eventually, newTownshipCode, startTestApp, TestApp } from '@xingfu/testing';
import { Queue } from 'bullmq';
import { remindersDatabase } from '../../apps/reminders/src/reminders.database';
import { RemindersQueue } from '../../apps/reminders/src/reminders.jobs';
import { RemindersModule } from '../../apps/reminders/src/reminders.module';

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

interface Place {
  projectId: string;
  county: string;
  township: string;
  village: string;
}

/** Read-model rows as RA's consumers would write them, straight into the tables. */
class Seed {
  readonly partnerId = randomUUID();

  constructor(
    private readonly app: () => TestApp,
    private readonly place: Place,
  ) {}

  private sql(query: string, params: unknown[]): Promise<unknown> {
    return this.app().dataSource.query(query, params);
  }

  /** A mother (with a phone), her loan and, when asked, her guarantee. */
  async loan(options: { status?: string; scheduleVersion?: number; defaultedOn?: string; guarantee?: { status: string; householdPhone?: boolean; deadline?: string } } = {}) {
    const { projectId, county, township, village } = this.place;
    const applicationId = randomUUID();
    const loanId = randomUUID();
    const phoneSealed = `sealed-${applicationId}`;
    const phoneHash = hash(`mother-${applicationId}`);
    await this.sql(
      `INSERT INTO reminders.mothers (application_id, project_id, county_code, township_code, village_code, name_masked, phone_masked, phone_sealed, phone_hash, approved_on)
       VALUES ($1, $2, $3, $4, $5, '王*芳', '138****0000', $6, $7, '2026-06-01')`,
      [applicationId, projectId, county, township, village, phoneSealed, phoneHash],
    );
    await this.sql(
      `INSERT INTO reminders.loans (loan_id, application_id, project_id, county_code, township_code, status, schedule_version, disbursed_on, defaulted_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, '2026-07-01', $8)`,
      [loanId, applicationId, projectId, county, township, options.status ?? 'active', options.scheduleVersion ?? 1, options.defaultedOn ?? null],
    );
    let guaranteeId: string | undefined;
    const householdPhoneHash = options.guarantee?.householdPhone ? hash(`household-${applicationId}`) : null;
    if (options.guarantee) {
      guaranteeId = randomUUID();
      await this.sql(
        `INSERT INTO reminders.guarantees (guarantee_id, application_id, project_id, county_code, township_code, village_code, deadline, status, household_phone_sealed, household_phone_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [guaranteeId, applicationId, projectId, county, township, village, options.guarantee.deadline ?? '2026-06-20', options.guarantee.status, householdPhoneHash ? `sealed-h-${applicationId}` : null, householdPhoneHash],
      );
    }
    return { applicationId, loanId, guaranteeId, phoneSealed, phoneHash, householdPhoneHash };
  }

  async instalment(loanId: string, seq: number, dueDate: string, options: { version?: number; paidOn?: string } = {}): Promise<void> {
    await this.sql(
      `INSERT INTO reminders.instalments (loan_id, schedule_version, seq, due_date, due_fen, paid_fen, paid_on) VALUES ($1, $2, $3, $4, 120000, $5, $6)`,
      [loanId, options.version ?? 1, seq, dueDate, options.paidOn ? 120_000 : 20_000, options.paidOn ?? null],
    );
  }

  async demand(loan: { loanId: string; guaranteeId?: string }, role: string, demandedOn: string, phone: boolean): Promise<string> {
    const demandId = randomUUID();
    await this.sql(
      `INSERT INTO reminders.guarantee_demands (demand_id, guarantee_id, loan_id, role, party_name, liability_fen, demanded_on, channel, phone_sealed, phone_hash)
       VALUES ($1, $2, $3, $4, $5, 150000, $6, $7, $8, $9)`,
      [demandId, loan.guaranteeId, loan.loanId, role, role === 'household' ? '李*' : '村委会', demandedOn, phone ? 'sms' : 'letter', phone ? `sealed-d-${demandId}` : null, phone ? hash(`demand-${demandId}`) : null],
    );
    return demandId;
  }

  async buyback(expectedOn: string, boughtOn: string | null): Promise<string> {
    const { applicationId } = await this.loan();
    const enrolmentId = randomUUID();
    await this.sql(
      `INSERT INTO reminders.expected_buybacks (enrolment_id, application_id, project_id, partner_id, township_code, expected_on, bought_on) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [enrolmentId, applicationId, this.place.projectId, this.partnerId, this.place.township, expectedOn, boughtOn],
    );
    return enrolmentId;
  }

  async notice(endDate: string, closedOn: string | null): Promise<string> {
    const noticeId = randomUUID();
    await this.sql(`INSERT INTO reminders.notices (notice_id, county_code, township_code, village_code, end_date, closed_on) VALUES ($1, $2, $3, $4, $5, $6)`, [
      noticeId, this.place.county, this.place.township, this.place.village, endDate, closedOn,
    ]);
    return noticeId;
  }

  async followUp(nextDueOn: string): Promise<string> {
    const { applicationId } = await this.loan();
    await this.sql(`INSERT INTO reminders.follow_ups (application_id, project_id, township_code, last_visit_on, next_due_on) VALUES ($1, $2, $3, $4, $5)`, [
      applicationId, this.place.projectId, this.place.township, addDays(nextDueOn, -90), nextDueOn,
    ]);
    return applicationId;
  }
}

/**
 * The reminders sweep on real PostgreSQL and Redis: the read model is seeded with SQL (its
 * consumers are another part's), the sweep runs through the admin route and through the daily
 * catch-up of the managed business date, and the send queue is paused so that every job the
 * sweep added is still there to count (the send job is tested elsewhere).
 */
describe('reminders: the daily sweep records what falls due on a business date and enqueues it once', () => {
  const D = '2027-03-01';
  const clock = new ManualClock(D);
  const township = newTownshipCode();
  const county = township.slice(0, 6);
  const village = `${township}001`;
  const projectId = randomUUID();
  let databaseUrl: string;
  let app: TestApp;
  let queue: Queue;
  let admin: string;
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => app.dataSource.query(query, params) as Promise<T[]>;
  const sweep = (asOf: unknown, token = admin) => app.http().post('/api/v1/admin/sweeps/reminders').set('Authorization', `Bearer ${token}`).send({ asOf });
  const jobCount = async () => Object.values(await queue.getJobCounts('waiting', 'paused', 'delayed', 'active', 'completed', 'failed', 'prioritized')).reduce((a, b) => a + b, 0);
  const sweptDates = async () => (await sql<{ d: string }>(`SELECT business_date::text AS d FROM platform.sweep_runs WHERE service = 'reminders' AND sweep = 'reminders-due'`)).map((r) => r.d);
  const rowsOf = (dueOn: string) =>
    sql<{ id: string; recipient_role: string; channel: string; status: string; swept_on: string }>(
      `SELECT id, recipient_role, channel, status, swept_on::text AS swept_on FROM reminders.reminders WHERE due_on = $1 ORDER BY id`,
      [dueOn],
    );

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('remindersweep');
    app = await startTestApp({
      services: [remindersDatabase],
      modules: [RemindersModule],
      databaseUrl,
      clock,
      // No gateway: texts go to the log channel. The requeue timer stays out of the counts.
      env: { BUSINESS_DATE_MODE: 'managed', REMINDERS_REQUEUE_SECONDS: '86400' },
    });
    queue = app.app.get(JobQueues).get(RemindersQueue.Sending);
    await queue.pause();
    admin = await app.tokenFor('admin');
    // The start-up catch-up ran for today on an empty read model; seed only after it.
    await eventually(async () => expect(await sweptDates()).toEqual([D]));
  });

  afterAll(async () => {
    await app?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  describe('seeded on the read model', () => {
    const seed = new Seed(() => app, { projectId, county, township, village });
    let a: Awaited<ReturnType<Seed['loan']>>;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      // Loan A: one instalment at each offset from D, one at no offset, one paid; an effective guarantee with the household's phone.
      a = await seed.loan({ guarantee: { status: 'effective', householdPhone: true } });
      await seed.instalment(a.loanId, 1, addDays(D, 7));
      await seed.instalment(a.loanId, 2, addDays(D, -3));
      await seed.instalment(a.loanId, 3, addDays(D, -15));
      await seed.instalment(a.loanId, 4, addDays(D, -30));
      await seed.instalment(a.loanId, 5, addDays(D, -2));
      await seed.instalment(a.loanId, 6, addDays(D, 1), { paidOn: addDays(D, -1) });
      // Loan B: paused over D: its T+3 is not sent, its T0 is.
      const b = await seed.loan();
      await seed.instalment(b.loanId, 1, addDays(D, -3));
      await seed.instalment(b.loanId, 2, D);
      await sql(`INSERT INTO reminders.arrears_pauses (pause_id, loan_id, from_date, to_date) VALUES ($1, $2, $3, $4)`, [randomUUID(), b.loanId, addDays(D, -5), addDays(D, 30)]);
      // Loan C repaid, loan R rescheduled (version 2 current: the version-1 instalment is superseded).
      const c = await seed.loan({ status: 'repaid' });
      await seed.instalment(c.loanId, 1, addDays(D, 7));
      const r = await seed.loan({ scheduleVersion: 2 });
      await seed.instalment(r.loanId, 1, addDays(D, 7), { version: 1 });
      await seed.instalment(r.loanId, 1, addDays(D, 1), { version: 2 });
      // Loan E defaulted on D, with its guarantee invoked on D: a demand to the household (phone) and the village (letter).
      const e = await seed.loan({ status: 'defaulted', defaultedOn: D, guarantee: { status: 'invoked', householdPhone: true } });
      ids.householdDemand = await seed.demand(e, 'household', D, true);
      ids.villageDemand = await seed.demand(e, 'village', D, false);
      ids.otherDayDemand = await seed.demand(e, 'township', addDays(D, -3), false);
      // Deadlines: a buyback a week out (and one bought), a notice ending tomorrow (and one closed), guarantees 3 days from their deadline, a follow-up due today.
      ids.enrolment = await seed.buyback(addDays(D, 7), null);
      await seed.buyback(addDays(D, 7), addDays(D, -1));
      ids.notice = await seed.notice(addDays(D, 1), null);
      await seed.notice(addDays(D, 1), addDays(D, -1));
      const open = await seed.loan({ guarantee: { status: 'open', deadline: addDays(D, 3) } });
      ids.openGuarantee = open.guaranteeId!;
      await seed.loan({ guarantee: { status: 'effective', deadline: addDays(D, 3) } });
      ids.followUpApplication = await seed.followUp(D);
      Object.assign(ids, { a: a.loanId, b: b.loanId, r: r.loanId, e: e.loanId });
    });

    it('a date yields exactly the reminders its schedules and state say, each with its recipient’s channel, phone and scope, and enqueues each', async () => {
      const res = await sweep(D).expect(200);
      const expected = [
        [`instalment-mother-${ids.a}.v1.s1-T-7`, 'mother', 'log'],
        [`instalment-mother-${ids.a}.v1.s2-T+3`, 'mother', 'log'],
        [`instalment-officer-${ids.a}.v1.s2-T+3`, 'officer', 'task'],
        [`instalment-officer-${ids.a}.v1.s3-T+15`, 'officer', 'task'],
        [`instalment-guarantor-${ids.a}.v1.s3-township-T+15`, 'guarantor', 'task'],
        [`instalment-guarantor-${ids.a}.v1.s3-village-T+15`, 'guarantor', 'task'],
        [`instalment-guarantor-${ids.a}.v1.s3-household-T+15`, 'guarantor', 'log'],
        [`instalment-manager-${ids.a}.v1.s4-T+30`, 'project_manager', 'task'],
        [`instalment-mother-${ids.b}.v1.s2-T0`, 'mother', 'log'],
        [`instalment-mother-${ids.r}.v2.s1-T-1`, 'mother', 'log'],
        [`loan-defaulted-manager-${ids.e}-T0`, 'project_manager', 'task'],
        [`guarantee-demand-${ids.householdDemand}-T0`, 'guarantor', 'log'],
        [`guarantee-demand-${ids.villageDemand}-T0`, 'guarantor', 'task'],
        [`buyback-partner-${ids.enrolment}-T-7`, 'partner', 'task'],
        [`notice-officer-${ids.notice}-T-1`, 'officer', 'task'],
        [`guarantee-deadline-officer-${ids.openGuarantee}-T-3`, 'officer', 'task'],
        [`follow-up-officer-${ids.followUpApplication}.${D}-T0`, 'officer', 'task'],
      ].sort((x, y) => (x[0] < y[0] ? -1 : 1));
      expect(res.body).toEqual({ asOf: D, found: expected.length, scheduled: expected.length, skippedStale: 0, enqueued: expected.length });
      expect((await rowsOf(D)).map((r) => [r.id, r.recipient_role, r.channel, r.status, r.swept_on])).toEqual(expected.map((e) => [...e, 'scheduled', D]));

      // What the send job and the scoped reads need is copied into the row.
      const [mother] = await sql(`SELECT * FROM reminders.reminders WHERE id = $1`, [`instalment-mother-${ids.a}.v1.s2-T+3`]);
      expect(mother).toMatchObject({
        kind: 'instalment-mother', subject_id: `${ids.a}.v1.s2`, offset: 'T+3', recipient_name: '王*芳', phone_sealed: a.phoneSealed, phone_hash: a.phoneHash,
        project_id: projectId, county_code: county, township_code: township, partner_id: null, loan_id: ids.a,
        facts: { loanId: ids.a, seq: 2, dueDate: addDays(D, -3), amountFen: 100_000, daysPastDue: 3, nameMasked: '王*芳', villageCode: village },
      });
      const [household] = await sql(`SELECT phone_hash, facts FROM reminders.reminders WHERE id = $1`, [`instalment-guarantor-${ids.a}.v1.s3-household-T+15`]);
      expect(household).toEqual({ phone_hash: a.householdPhoneHash, facts: expect.objectContaining({ partyRole: 'household', daysPastDue: 15 }) });
      const [demand] = await sql(`SELECT recipient_name, phone_hash, facts FROM reminders.reminders WHERE id = $1`, [`guarantee-demand-${ids.householdDemand}-T0`]);
      expect(demand).toMatchObject({ recipient_name: '李*', phone_hash: hash(`demand-${ids.householdDemand}`), facts: { amountFen: 150_000, partyName: '李*', partyRole: 'household', loanId: ids.e } });
      const [partner] = await sql(`SELECT partner_id, township_code FROM reminders.reminders WHERE id = $1`, [`buyback-partner-${ids.enrolment}-T-7`]);
      expect(partner).toEqual({ partner_id: seed.partnerId, township_code: township });

      // One send job per reminder, its id the reminder's, at once (09:00 is no quiet hour).
      expect(await jobCount()).toBe(expected.length);
      const job = await queue.getJob(`instalment-mother-${ids.a}.v1.s1-T-7`);
      expect(job?.data).toEqual({ reminderId: `instalment-mother-${ids.a}.v1.s1-T-7` });
      expect(job?.opts.delay ?? 0).toBe(0);
    });

    it('a second run for the date finds the same, records nothing new and enqueues nothing new; a job lost from Redis is enqueued again', async () => {
      const before = await jobCount();
      const again = await sweep(D).expect(200);
      expect(again.body).toEqual({ asOf: D, found: 17, scheduled: 0, skippedStale: 0, enqueued: 0 });
      expect(await jobCount()).toBe(before);
      expect(await rowsOf(D)).toHaveLength(17);

      await (await queue.getJob(`notice-officer-${ids.notice}-T-1`))!.remove();
      expect((await sweep(D).expect(200)).body).toMatchObject({ scheduled: 0, enqueued: 1 });
      expect(await jobCount()).toBe(before);
    });

    it('at night a text waits for 08:00 Asia/Shanghai, a task does not', async () => {
      const next = addDays(D, 1);
      clock.set(`${next}T01:00:00+08:00`);
      const l = await seed.loan();
      await seed.instalment(l.loanId, 1, addDays(next, 7));
      await seed.instalment(l.loanId, 2, addDays(next, -3));
      expect((await sweep(next).expect(200)).body).toMatchObject({ asOf: next, enqueued: expect.any(Number) });
      const text = await queue.getJob(`instalment-mother-${l.loanId}.v1.s1-T-7`);
      const task = await queue.getJob(`instalment-officer-${l.loanId}.v1.s2-T+3`);
      expect(text?.opts.delay).toBe(7 * 3600 * 1000);
      expect(task?.opts.delay ?? 0).toBe(0);
    });

    it('refuses a date after today, a date that is none, and anyone but an admin', async () => {
      const today = clock.today();
      const after = await sweep(addDays(today, 1)).expect(400);
      expect(after.body).toMatchObject({ code: 'validation_failed', details: { asOf: [expect.stringContaining(today)] } });
      for (const bad of ['2027-02-30', '20270301', 20270301, '', null]) expect((await sweep(bad).expect(400)).body).toMatchObject({ code: 'validation_failed', details: { asOf: expect.any(Array) } });
      for (const role of ['officer', 'project_manager', 'foundation'] as const) {
        expect((await sweep(today, await app.tokenFor(role, { townships: [township], counties: [county] })).expect(403)).body).toMatchObject({ code: 'forbidden' });
      }
      await app.http().post('/api/v1/admin/sweeps/reminders').send({ asOf: today }).expect(401);
    });

    it('a business date moved 5 days ahead catches up day by day: the T-7 of the first day is recorded skipped_stale and never enqueued, the last two days’ are sent; a stale date is not enqueued again', async () => {
      const from = clock.today();
      const to = addDays(from, 5);
      const l = await seed.loan();
      await seed.instalment(l.loanId, 1, addDays(from, 1 + 7));
      await seed.instalment(l.loanId, 2, addDays(from, 4 + 7));
      await seed.instalment(l.loanId, 3, addDays(from, 5 + 7));
      await app.app.get(BusinessDateStore).set(to, 'test');
      await eventually(async () => expect(await sweptDates()).toContain(to), { timeoutMs: 30_000 });

      const statuses = await sql<{ id: string; status: string; due_on: string; swept_on: string }>(
        `SELECT id, status, due_on::text AS due_on, swept_on::text AS swept_on FROM reminders.reminders WHERE loan_id = $1 ORDER BY due_on`,
        [l.loanId],
      );
      expect(statuses).toEqual([
        { id: `instalment-mother-${l.loanId}.v1.s1-T-7`, status: 'skipped_stale', due_on: addDays(from, 1), swept_on: to },
        { id: `instalment-mother-${l.loanId}.v1.s2-T-7`, status: 'scheduled', due_on: addDays(from, 4), swept_on: to },
        { id: `instalment-mother-${l.loanId}.v1.s3-T-7`, status: 'scheduled', due_on: to, swept_on: to },
      ]);
      expect(await queue.getJob(statuses[0].id)).toBeUndefined();
      expect(await queue.getJob(statuses[1].id)).toBeDefined();
      expect(await queue.getJob(statuses[2].id)).toBeDefined();
      expect((await sweptDates()).sort()).toEqual([D, from, ...[1, 2, 3, 4, 5].map((n) => addDays(from, n))]);

      // D is stale by now: a job of D lost from Redis is not offered again by a run for D (it would go out days late).
      await (await queue.getJob(`notice-officer-${ids.notice}-T-1`))!.remove();
      expect((await sweep(D).expect(200)).body).toEqual({ asOf: D, found: 17, scheduled: 0, skippedStale: 0, enqueued: 0 });
    });

    it('a default and its demands heard after the sweep of their day are still reminded by the next day’s run, for their day; not once stale', async () => {
      const today = clock.today();
      const late = await seed.loan({ status: 'defaulted', defaultedOn: addDays(today, -1), guarantee: { status: 'invoked', householdPhone: true } });
      const demand = await seed.demand(late, 'household', addDays(today, -1), true);
      const tooLate = await seed.loan({ status: 'defaulted', defaultedOn: addDays(today, -3) });
      await sweep(today).expect(200);
      const rows = await sql<{ id: string; due_on: string; status: string }>(`SELECT id, due_on::text AS due_on, status FROM reminders.reminders WHERE loan_id = ANY($1::uuid[]) ORDER BY id`, [
        [late.loanId, tooLate.loanId],
      ]);
      expect(rows).toEqual([
        { id: `guarantee-demand-${demand}-T0`, due_on: addDays(today, -1), status: 'scheduled' },
        { id: `loan-defaulted-manager-${late.loanId}-T0`, due_on: addDays(today, -1), status: 'scheduled' },
      ]);
      for (const { id } of rows) expect(await queue.getJob(id)).toBeDefined();
    });
  });
});
