import { randomUUID } from 'node:crypto';
import { TokenService } from '@xingfu/auth';
import { makeResidentId } from '@xingfu/common';
import { eventually, newResidentId, newTownshipCode } from '@xingfu/testing';
import { BLOCKING_STATUSES } from '../../apps/applications/src/domain/application-status';
import { PLAIN_APPROVAL, seedProject, surveyBody } from '../support/intake';
import { closingJob, openNoticeQueue, useIntakeContext } from '../support/intake-context';

/**
 * The intake rules that need real Postgres, Redis and the running app: scopes, maker-checker,
 * duplicates, the notice job, objections. Run with in-process events and over the Kafka-protocol
 * broker (which checks every event against docs/asyncapi.yaml); the last test checks that a
 * consumer handled what the rules emitted, in both.
 */
describe.each([
  { transport: 'in-process', kafka: false },
  { transport: 'kafka', kafka: true },
])('applications: intake rules (events $transport)', ({ kafka }) => {
  const today = '2026-11-22';
  const ctx = useIntakeContext({ label: 'intake', kafka, today });
  const { as, clock, county, township } = ctx;
  const submitted = async (body = ctx.build.survey()) => (await as(ctx.officer).post('/applications', body).expect(201)).body.id as string;
  const statusOf = async (id: string) => (await as(ctx.manager).get(`/applications/${id}`).expect(200)).body.status;
  const noticeQueue = () => openNoticeQueue(ctx.app);

  it('keeps an officer of another township out: 404 on read and on write', async () => {
    const id = await submitted();
    const stranger = await ctx.app.tokenFor('officer', { townships: [newTownshipCode(county)] });
    await as(stranger).get(`/applications/${id}`).expect(404);
    const res = await as(stranger).post(`/applications/${id}/home-visits`, { visitedOn: today, findings: 'x', verified: true }).expect(404);
    expect(res.body.code).toBe('not_found');
    await as(stranger).post(`/applications/${id}/withdrawal`, {}).expect(404);
    const otherCounty = await ctx.app.tokenFor('project_manager', { counties: ['999999'] });
    await as(otherCounty).get(`/applications/${id}`).expect(404);
    await as(otherCounty).post(`/applications/${id}/rejection`, { reason: '不符' }).expect(404);
    // Scope comes before the body: a 400 about a malformed body would confirm the record exists.
    await as(stranger).post(`/applications/${id}/home-visits`, { verified: 'perhaps' }).expect(404);
    await as(otherCounty).post(`/applications/${id}/approval`, {}).expect(404);
    const list = await as(stranger).get('/applications').expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
    expect(await statusOf(id)).toBe('submitted');
  });

  it('never shows applications to a partner: 404 on every route of one application, notice or objection, read or write', async () => {
    const { id, noticeId } = await ctx.build.inNotice();
    const objection = (await as(ctx.officer).post(`/public-notices/${noticeId}/objections`, { applicationId: id, reason: '不属实' }).expect(201)).body;
    const partner = await ctx.app.tokenFor('partner', { partnerId: 'partner-bama' });
    const notFound = { code: 'not_found', message: `application ${id} was not found`, details: { id } };
    expect((await as(partner).get(`/applications/${id}`).expect(404)).body).toEqual(notFound);
    for (const step of ['home-visits', 'screening', 'credit-assessment', 'approval', 'rejection', 'withdrawal', 'follow-ups']) {
      // A valid body, an empty one, or none: the answer is the same 404 as for a missing application.
      for (const body of [{ reason: '不符', visitedOn: today }, {}]) {
        const res = await as(partner).post(`/applications/${id}/${step}`, body);
        expect({ step, status: res.status, body: res.body }).toEqual({ step, status: 404, body: notFound });
      }
    }
    expect((await as(partner).post(`/applications/${randomUUID()}/rejection`, { reason: 'x' })).status).toBe(404);
    await as(partner).get(`/public-notices/${noticeId}`).expect(404);
    await as(partner).post(`/public-notices/${noticeId}/close`).expect(404);
    await as(partner).post(`/public-notices/${noticeId}/objections`, { applicationId: id, reason: '不属实' }).expect(404);
    await as(partner).post(`/objections/${objection.id}/resolution`, { outcome: 'upheld', note: 'x' }).expect(404);
    await as(partner).get('/applications').expect(404);
    // Collection routes: a partner's role simply may not act there (403), as for any other role not listed.
    await as(partner).post('/applications', ctx.build.survey()).expect(403);
    await as(partner).post('/public-notices', { villageCode: `${township}001`, applicationIds: [id], startDate: today }).expect(403);
    expect(await statusOf(id)).toBe('in_notice');
  });

  it('shows the full ID number only to project managers and the foundation', async () => {
    const body = ctx.build.survey({ idNumber: newResidentId(county) });
    const id = await submitted(body);
    const masked = await as(ctx.officer).get(`/applications/${id}`).expect(200);
    expect(masked.body.mother.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(JSON.stringify(masked.body)).not.toContain(body.mother.idNumber);
    const full = await as(ctx.manager).get(`/applications/${id}`).expect(200);
    expect(full.body.mother.idNumber).toBe(body.mother.idNumber);
    const [row] = await ctx.app.dataSource.query(`SELECT id_number_sealed FROM applications.applications WHERE id = $1`, [id]);
    expect(row.id_number_sealed).not.toContain(body.mother.idNumber);
  });

  it('refuses a second application for the same mother while one is open (409), and after approval while the loan is unpaid', async () => {
    const open = ctx.build.survey();
    await submitted(open);
    const res = await as(ctx.officer).post('/applications', ctx.build.survey({ idNumber: open.mother.idNumber })).expect(409);
    expect(res.body.code).toBe('duplicate_application');

    const idNumber = newResidentId(county);
    const approved = await ctx.build.approved({ idNumber });
    const again = await as(ctx.officer).post('/applications', ctx.build.survey({ idNumber })).expect(409);
    expect(again.body).toMatchObject({ code: 'duplicate_application', details: { applicationId: approved, status: 'approved' } });
  });

  it('backs the one-case-per-mother rule with a unique index over exactly the blocking statuses', async () => {
    const [index] = await ctx.app.dataSource.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'applications' AND indexname = 'applications_one_case_per_mother'`);
    const listed = [...(index.indexdef as string).matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]);
    expect(index.indexdef).toMatch(/^CREATE UNIQUE INDEX/);
    expect(listed.sort()).toEqual([...BLOCKING_STATUSES].sort());
  });

  it('rejects a bad ID number, a bad phone, a blank name, a birth date after the survey and unknown fields with 400 naming the field', async () => {
    const valid = newResidentId(county);
    const wrongCheckDigit = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    const fields = async (body: object) => Object.keys((await as(ctx.officer).post('/applications', body).expect(400)).body.details);
    expect(await fields(ctx.build.survey({ idNumber: wrongCheckDigit }))).toEqual(['mother.idNumber']);
    const phone = ctx.build.survey();
    phone.mother.phone = '12345';
    expect(await fields(phone)).toEqual(['mother.phone']);
    expect(await fields(ctx.build.survey({ name: '   ' }))).toEqual(['mother.name']);
    // A real date and a good check digit, but she would be born after the survey (and after today).
    const unborn = await as(ctx.officer).post('/applications', ctx.build.survey({ idNumber: makeResidentId(county, '20261130', '002') })).expect(400);
    expect(unborn.body).toMatchObject({ code: 'validation_failed', details: { 'mother.idNumber': [expect.stringContaining('after the survey date')] } });
    expect(await fields(ctx.build.survey({ surveyDate: '2026-11-23' }))).toEqual(['surveyDate']);
    expect(await fields({ ...ctx.build.survey(), extra: 1 })).toEqual(['extra']);
  });

  it('answers an illegal step with 409, the current state and the allowed next steps', async () => {
    const id = await submitted();
    const res = await as(ctx.officer).post(`/applications/${id}/screening`).expect(409);
    expect(res.body.code).toBe('illegal_step');
    expect(res.body.details.currentState).toBe('submitted');
    expect(res.body.details.allowedSteps.sort()).toEqual(['home-visit', 'rejection', 'withdrawal']);
  });

  it('refuses a home visit before the survey or after today, and a follow-up before the approval or after today, naming the field', async () => {
    const { id, surveyDate } = await ctx.build.submitted({ surveyDate: '2026-11-15' });
    const visit = (visitedOn: string) => as(ctx.officer).post(`/applications/${id}/home-visits`, { visitedOn, findings: '属实', verified: true });
    expect((await visit('2026-11-14').expect(400)).body.details).toEqual({ visitedOn: [`must not be before the survey date (${surveyDate})`] });
    expect((await visit('2026-11-23').expect(400)).body.details).toEqual({ visitedOn: ['must not be after today (2026-11-22)'] });
    expect(await statusOf(id)).toBe('submitted');

    const approved = await ctx.build.approved();
    const followUp = (visitedOn: string) =>
      as(ctx.officer).post(`/applications/${approved}/follow-ups`, { visitedOn, productionStatus: '生产正常', incomeEstimateFen: 100000, problems: '', helpGiven: '' });
    expect((await followUp('2026-11-21').expect(400)).body.details).toEqual({ visitedOn: [`must not be before the approval date (${today})`] });
    clock.set('2026-12-20');
    expect((await followUp('2026-12-21').expect(400)).body.details).toEqual({ visitedOn: ['must not be after today (2026-12-20)'] });
    // 30 million yuan: absurd for a mother's income, but within the fen ceiling, and above 2^31 fen (a ::int cast overflowed).
    await as(ctx.officer)
      .post(`/applications/${approved}/follow-ups`, { visitedOn: '2026-12-20', productionStatus: '生产正常', incomeEstimateFen: 3_000_000_000, problems: '', helpGiven: '' })
      .expect(201);
    const trail = await as(ctx.manager).get(`/applications/${approved}`).expect(200);
    expect(trail.body.followUps).toEqual([expect.objectContaining({ visitedOn: '2026-12-20', incomeEstimateFen: 3_000_000_000 })]);
    expect(trail.body.creditAssessments).toEqual([expect.objectContaining({ ceilingFen: 3000000 })]);
  });

  it('lets a project manager approve, but not the person who submitted it (maker-checker)', async () => {
    const id = await ctx.build.creditAssessed();
    const [{ submitted_by }] = await ctx.app.dataSource.query(`SELECT submitted_by FROM applications.applications WHERE id = $1`, [id]);
    const sameUserAsManager = await ctx.app.app.get(TokenService).issue({ id: submitted_by, username: 'both', role: 'project_manager', townships: [], counties: [county], partnerId: null });
    const refused = await as(sameUserAsManager).post(`/applications/${id}/approval`, PLAIN_APPROVAL).expect(403);
    expect(refused.body.code).toBe('maker_checker');
    await as(ctx.officer).post(`/applications/${id}/approval`, PLAIN_APPROVAL).expect(403);
    const tooMuch = await as(ctx.manager).post(`/applications/${id}/approval`, { ...PLAIN_APPROVAL, amountFen: 4000000 }).expect(400);
    expect(tooMuch.body.details.amountFen).toBeDefined();
    const absurdTerm = await as(ctx.manager).post(`/applications/${id}/approval`, { ...PLAIN_APPROVAL, termMonths: 100000 }).expect(400);
    expect(Object.keys(absurdTerm.body.details)).toEqual(['termMonths']);
    expect(await statusOf(id)).toBe('credit_assessed');
    await as(ctx.manager).post(`/applications/${id}/approval`, PLAIN_APPROVAL).expect(201);
    const [event] = await ctx.app.dataSource.query(`SELECT payload FROM applications.outbox WHERE type = 'ApplicationApproved' AND key = $1`, [id]);
    expect(event.payload).toMatchObject({ applicationId: id, amountFen: 300000, termMonths: 12, creditGrade: 'B', disbursementMode: 'cash', approvedOn: today });
  });

  it('closes a notice at the end of its last day with the BullMQ job, no hand involved', async () => {
    const { id, noticeId, endDate } = await ctx.build.inNotice();
    const queue = noticeQueue();
    try {
      const job = await closingJob(queue, noticeId);
      expect(await job.getState()).toBe('delayed');
      // Ends at 2026-11-29 00:00 Beijing; the clock says 2026-11-22 09:00 Beijing.
      expect(job.opts.delay).toBe(Date.parse('2026-11-28T16:00:00Z') - Date.parse('2026-11-22T01:00:00Z'));
      expect(endDate).toBe('2026-11-28');
      // The end has come: run the delayed job now rather than wait seven real days for it.
      clock.set('2026-11-29');
      await job.promote();
      await eventually(async () => {
        const [notice] = await ctx.app.dataSource.query(`SELECT status, closed_by FROM applications.public_notices WHERE id = $1`, [noticeId]);
        expect(notice).toEqual({ status: 'closed', closed_by: 'job' });
      });
      expect(await (await queue.getJob(`close-notice-${noticeId}`))?.getState()).toBe('completed');
    } finally {
      await queue.close();
    }
    expect(await statusOf(id)).toBe('notice_passed');
  });

  it('refuses to close a notice before its end, needs objections resolved, and rejects the application of an upheld one', async () => {
    const upheld = await ctx.build.eligible();
    const { villageCode } = upheld;
    const dismissed = await ctx.build.eligible({ villageCode });
    const res = await as(ctx.officer).post('/public-notices', { villageCode, applicationIds: [upheld.id, dismissed.id], startDate: today }).expect(201);
    const early = await as(ctx.officer).post(`/public-notices/${res.body.id}/close`).expect(409);
    expect(early.body).toMatchObject({ code: 'notice_not_ended', details: { endDate: '2026-11-28' } });

    const o1 = await as(ctx.officer).post(`/public-notices/${res.body.id}/objections`, { applicationId: upheld.id, reason: '家中有工资收入' }).expect(201);
    const o2 = await as(ctx.officer).post(`/public-notices/${res.body.id}/objections`, { applicationId: dismissed.id, objector: '村民', reason: '不属实' }).expect(201);
    clock.set('2026-11-29');
    const blocked = await as(ctx.officer).post(`/public-notices/${res.body.id}/close`).expect(409);
    expect(blocked.body.code).toBe('unresolved_objections');
    await as(ctx.officer).post(`/objections/${o1.body.id}/resolution`, { outcome: 'upheld', note: '经核实属实' }).expect(201);
    const last = await as(ctx.officer).post(`/objections/${o2.body.id}/resolution`, { outcome: 'dismissed', note: '经核实不属实' }).expect(201);
    expect(last.body.noticeClosed).toBe(true);
    const rejected = await as(ctx.manager).get(`/applications/${upheld.id}`).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '家中有工资收入' });
    expect(rejected.body.history.map((h: { step: string }) => h.step)).toEqual(['survey', 'home-visit', 'screening', 'public-notice', 'objection', 'objection-upheld']);
    expect(await statusOf(dismissed.id)).toBe('notice_passed');
    const [rejection] = await ctx.app.dataSource.query(`SELECT payload FROM applications.outbox WHERE type = 'ApplicationRejected' AND key = $1`, [upheld.id]);
    expect(rejection.payload).toMatchObject({ cause: 'objection_upheld', reason: '家中有工资收入', fromStatus: 'in_notice' });
  });

  it('screens with the policy in force and never rewrites a past screening when the policy changes', async () => {
    const project = await seedProject(ctx.app.dataSource, county);
    const inProject = ctx.inProject(project);
    const rich = { household: { annualIncomeFen: 1600000 } };
    const before = (await inProject.submitted(rich)).id;
    await as(ctx.officer).post(`/applications/${before}/home-visits`, { visitedOn: today, findings: '属实', verified: true }).expect(201);
    const first = await as(ctx.officer).post(`/applications/${before}/screening`).expect(201);
    expect(first.body).toMatchObject({ eligible: false, policyVersion: 1 });

    const foundation = await ctx.app.tokenFor('foundation');
    const current = (await as(foundation).get(`/projects/${project}`).expect(200)).body;
    const patched = await as(foundation).patch(`/projects/${project}`, { aidStandard: { ...current.aidStandard, incomeCeilingFenPerCapita: 500000 } }).expect(200);
    expect(patched.body.policyVersion).toBe(2);

    const after = await inProject.eligible(rich);
    expect((await as(ctx.manager).get(`/applications/${after.id}`)).body.status).toBe('eligible');
    const old = await as(ctx.manager).get(`/applications/${before}`).expect(200);
    expect(old.body.status).toBe('ineligible');
    expect(old.body.screenings).toEqual([expect.objectContaining({ policyVersion: 1, eligible: false })]);
    const [changed] = await ctx.app.dataSource.query(`SELECT payload FROM applications.outbox WHERE type = 'ProjectPolicyChanged' AND key = $1`, [project]);
    expect(changed.payload).toMatchObject({ policyVersion: 2, changed: ['aidStandard'], creditWeights: { honesty: 70, labour: 20, income: 10 } });
  });

  it('publishes every event the rules above wrote, and a consumer handles them: reporting counted every survey', async () => {
    await eventually(
      async () => {
        const rows = await ctx.app.dataSource.query(`SELECT status, count(*)::int AS n FROM applications.outbox GROUP BY status`);
        expect(rows).toEqual([{ status: 'published', n: expect.any(Number) }]);
      },
      { timeoutMs: 60000 },
    );
    const submittedEvents: { event_id: string }[] = await ctx.app.dataSource.query(
      `SELECT event_id FROM applications.outbox WHERE type = 'ApplicationSubmitted' AND payload->>'townshipCode' = $1`,
      [township],
    );
    const [{ n: applications }] = await ctx.app.dataSource.query(`SELECT count(*)::int AS n FROM applications.applications WHERE township_code = $1`, [township]);
    expect(submittedEvents.length).toBe(applications);
    expect(applications).toBeGreaterThan(10);
    // Over Kafka reporting's one consumer group first reads the shared topics' history (every earlier
    // file's events, through all its read models), so it may take a while to reach these.
    await eventually(async () => {
      const [handled] = await ctx.app.dataSource.query(`SELECT count(*)::int AS n FROM reporting.inbox WHERE consumer = 'reporting.applications-by-township' AND type = 'ApplicationSubmitted' AND event_id = ANY($1)`, [
        submittedEvents.map((e) => e.event_id),
      ]);
      expect(handled.n).toBe(applications);
    }, { timeoutMs: 60000 });
    const report = await as(await ctx.app.tokenFor('foundation')).get('/reports/applications-by-township').expect(200);
    expect(report.body.items.find((r: { townshipCode: string }) => r.townshipCode === township)).toEqual({ townshipCode: township, countyCode: county, applications });
    expect(await ctx.app.dataSource.query(`SELECT consumer, event_id FROM reporting.dead_letters`)).toEqual([]);
  });
});

describe('applications: queries and documentation', () => {
  const ctx = useIntakeContext({ label: 'intakeq' });
  const { township } = ctx;

  it('filters and pages the list, and bounds the page', async () => {
    const { projectId, officer } = ctx;
    const post = (body: object) => ctx.app.http().post('/api/v1/applications').set('Authorization', `Bearer ${officer}`).send(body).expect(201);
    for (let i = 0; i < 3; i++) await post(surveyBody(projectId, township, { villageCode: `${township}101`, project: { industry: 'mushroom' } }));
    await post(surveyBody(projectId, township, { villageCode: `${township}102` }));
    const list = (query: string, status = 200) => ctx.app.http().get(`/api/v1/applications?${query}`).set('Authorization', `Bearer ${officer}`).expect(status);
    const byVillage = await list(`villageCode=${township}101&pageSize=2&page=2`);
    expect(byVillage.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(byVillage.body.items).toHaveLength(1);
    expect((await list('industry=mushroom')).body.total).toBe(3);
    expect((await list('status=approved')).body.total).toBe(0);
    expect((await list('status=submitted')).body.total).toBe(4);
    expect((await list('pageSize=1000', 400)).body.details.pageSize).toBeDefined();
    // An offset PostgreSQL cannot take (1e308 * 50) used to be a 500.
    for (const page of ['1e308', '100001', '-1', '1.5', 'x']) expect((await list(`page=${page}`, 400)).body.details.page).toBeDefined();
    expect((await list('page=100000')).body.items).toEqual([]);
  });

  it('documents every intake route in Swagger with its body and its errors', async () => {
    const doc = (await ctx.app.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { summary?: string; responses: Record<string, unknown>; requestBody?: unknown }>> };
    // A project's fund and loan settings are the loans service's routes, not the intake's.
    const loansOwned = /^\/api\/v1\/projects\/\{id\}\/(fund|loan-settings)/;
    const intake = Object.entries(doc.paths).filter(([path]) => /^\/api\/v1\/(projects|applications|public-notices|objections)/.test(path) && !loansOwned.test(path));
    const operations = intake.flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })));
    expect(operations.map((o) => o.route).sort()).toEqual(
      [
        'GET /api/v1/applications',
        'GET /api/v1/applications/{id}',
        'GET /api/v1/projects',
        'GET /api/v1/projects/{id}',
        'GET /api/v1/public-notices/{id}',
        'PATCH /api/v1/projects/{id}',
        'POST /api/v1/applications',
        'POST /api/v1/applications/{id}/approval',
        'POST /api/v1/applications/{id}/credit-assessment',
        'POST /api/v1/applications/{id}/follow-ups',
        'POST /api/v1/applications/{id}/home-visits',
        'POST /api/v1/applications/{id}/rejection',
        'POST /api/v1/applications/{id}/screening',
        'POST /api/v1/applications/{id}/withdrawal',
        'POST /api/v1/objections/{id}/resolution',
        'POST /api/v1/projects',
        'POST /api/v1/public-notices',
        'POST /api/v1/public-notices/{id}/close',
        'POST /api/v1/public-notices/{id}/objections',
      ].sort(),
    );
    for (const { route, op } of operations) {
      expect({ route, summary: !!op.summary }).toEqual({ route, summary: true });
      expect({ route, documentsAnError: Object.keys(op.responses).some((code) => Number(code) >= 400) }).toEqual({ route, documentsAnError: true });
      const takesBody = /^(POST|PATCH)/.test(route) && !/(screening|close)$/.test(route);
      expect({ route, body: !!op.requestBody }).toEqual({ route, body: takesBody });
    }
  });
});
