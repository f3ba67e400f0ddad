import { TokenService } from '@xingfu/auth';
import { AppConfig, ManualClock } from '@xingfu/common';
import { RedisConnection } from '@xingfu/platform';
import { createTestDatabase, dropTestDatabase, eventually, newResidentId, newTownshipCode, TestApp } from '@xingfu/testing';
import { Queue } from 'bullmq';
import { seedProject, surveyBody } from '../support/intake';
import { startStandalone } from '../support/standalone-app';

/** The intake rules that need real Postgres, Redis and the running app: scopes, maker-checker, duplicates, the notice job. */
describe('applications: intake rules', () => {
  const clock = new ManualClock('2026-11-22');
  let databaseUrl: string;
  let app: TestApp;
  const township = newTownshipCode();
  const county = township.slice(0, 6);
  let projectId: string;
  let officer: string;
  let manager: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('intake');
    app = await startStandalone(databaseUrl, { clock });
    projectId = await seedProject(app.dataSource, county);
    officer = await app.tokenFor('officer', { townships: [township] });
    manager = await app.tokenFor('project_manager', { counties: [county] });
  });

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  const as = (token: string) => ({
    post: (path: string, body: object = {}) => app.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
    get: (path: string) => app.http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
  });

  async function submitted(token = officer, body = surveyBody(projectId, township)): Promise<string> {
    const res = await as(token).post('/applications', body).expect(201);
    return res.body.id;
  }

  /** Takes an application through the real routes up to `eligible`. */
  async function eligible(villageCode = `${township}001`): Promise<string> {
    const id = await submitted(officer, surveyBody(projectId, township, { villageCode }));
    await as(officer).post(`/applications/${id}/home-visits`, { visitedOn: '2026-11-05', findings: '属实', verified: true }).expect(201);
    const screened = await as(officer).post(`/applications/${id}/screening`).expect(201);
    expect(screened.body.eligible).toBe(true);
    return id;
  }

  it('keeps an officer of another township out: 404 on read and on write', async () => {
    const id = await submitted();
    const stranger = await app.tokenFor('officer', { townships: [newTownshipCode(county)] });
    await as(stranger).get(`/applications/${id}`).expect(404);
    const res = await as(stranger).post(`/applications/${id}/home-visits`, { visitedOn: '2026-11-05', findings: 'x', verified: true }).expect(404);
    expect(res.body.code).toBe('not_found');
    const otherCounty = await app.tokenFor('project_manager', { counties: ['999999'] });
    await as(otherCounty).get(`/applications/${id}`).expect(404);
    const list = await as(stranger).get('/applications').expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
  });

  it('never shows applications to a partner', async () => {
    const id = await submitted();
    const partner = await app.tokenFor('partner', { partnerId: 'partner-bama' });
    await as(partner).get(`/applications/${id}`).expect(404);
    await as(partner).get('/applications').expect(404);
  });

  it('shows the full ID number only to project managers and the foundation', async () => {
    const body = surveyBody(projectId, township, { idNumber: newResidentId(county) });
    const id = await submitted(officer, body);
    const masked = await as(officer).get(`/applications/${id}`).expect(200);
    expect(masked.body.mother.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(JSON.stringify(masked.body)).not.toContain(body.mother.idNumber);
    const full = await as(manager).get(`/applications/${id}`).expect(200);
    expect(full.body.mother.idNumber).toBe(body.mother.idNumber);
    const [row] = await app.dataSource.query(`SELECT id_number_sealed FROM applications.applications WHERE id = $1`, [id]);
    expect(row.id_number_sealed).not.toContain(body.mother.idNumber);
  });

  it('refuses a second application for the same mother while one is open (409)', async () => {
    const body = surveyBody(projectId, township);
    await submitted(officer, body);
    const res = await as(officer).post('/applications', surveyBody(projectId, township, { idNumber: body.mother.idNumber })).expect(409);
    expect(res.body.code).toBe('duplicate_application');
  });

  it('rejects a bad ID number, a bad phone and unknown fields with 400 naming the field', async () => {
    const valid = newResidentId(county);
    const wrongCheckDigit = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    const bad = surveyBody(projectId, township, { idNumber: wrongCheckDigit });
    const res = await as(officer).post('/applications', bad).expect(400);
    expect(Object.keys(res.body.details)).toEqual(['mother.idNumber']);
    const phone = surveyBody(projectId, township);
    phone.mother.phone = '12345';
    expect(Object.keys((await as(officer).post('/applications', phone).expect(400)).body.details)).toEqual(['mother.phone']);
    await as(officer).post('/applications', { ...surveyBody(projectId, township), extra: 1 }).expect(400);
  });

  it('answers an illegal step with 409, the current state and the allowed next steps', async () => {
    const id = await submitted();
    const res = await as(officer).post(`/applications/${id}/screening`).expect(409);
    expect(res.body.code).toBe('illegal_step');
    expect(res.body.details.currentState).toBe('submitted');
    expect(res.body.details.allowedSteps.sort()).toEqual(['home-visit', 'rejection', 'withdrawal']);
  });

  it('lets a project manager approve, but not the person who submitted it (maker-checker)', async () => {
    const id = await eligible(`${township}002`);
    const notice = await as(officer).post('/public-notices', { villageCode: `${township}002`, applicationIds: [id], startDate: '2026-11-10', days: 7 }).expect(201);
    await eventually(async () => expect((await as(officer).get(`/applications/${id}`)).body.status).toBe('notice_passed'));
    await as(officer).post(`/applications/${id}/credit-assessment`, { components: { honesty: 90, labour: 80, income: 50 }, evidence: '村民会议' }).expect(201);
    const [{ submitted_by }] = await app.dataSource.query(`SELECT submitted_by FROM applications.applications WHERE id = $1`, [id]);
    const sameUserAsManager = await app.app.get(TokenService).issue({ id: submitted_by, username: 'both', role: 'project_manager', townships: [], counties: [county], partnerId: null });
    const plan = { amountFen: 300000, termMonths: 12, repaymentPlan: { kind: 'bullet' }, disbursementMode: 'cash' };
    const refused = await as(sameUserAsManager).post(`/applications/${id}/approval`, plan).expect(403);
    expect(refused.body.code).toBe('maker_checker');
    await as(officer).post(`/applications/${id}/approval`, plan).expect(403);
    const tooMuch = await as(manager).post(`/applications/${id}/approval`, { ...plan, amountFen: 4000000 }).expect(400);
    expect(tooMuch.body.details.amountFen).toBeDefined();
    await as(manager).post(`/applications/${id}/approval`, plan).expect(201);
    const [event] = await app.dataSource.query(`SELECT payload FROM applications.outbox WHERE type = 'ApplicationApproved' AND key = $1`, [id]);
    expect(event.payload).toMatchObject({ applicationId: id, amountFen: 300000, termMonths: 12, creditGrade: 'B', disbursementMode: 'cash' });
    expect(notice.body.id).toBeDefined();
  });

  it('closes a notice at the end of its last day with the BullMQ job, no hand involved', async () => {
    const id = await eligible(`${township}003`);
    const res = await as(officer).post('/public-notices', { villageCode: `${township}003`, applicationIds: [id], startDate: '2026-11-10', days: 7 }).expect(201);
    await eventually(async () => {
      const [notice] = await app.dataSource.query(`SELECT status, closed_by FROM applications.public_notices WHERE id = $1`, [res.body.id]);
      expect(notice).toEqual({ status: 'closed', closed_by: 'job' });
    });
    expect((await as(officer).get(`/applications/${id}`)).body.status).toBe('notice_passed');
    const queue = new Queue('applications-public-notices', { connection: app.app.get(RedisConnection).options(), prefix: app.app.get(AppConfig).BULLMQ_PREFIX });
    try {
      const job = await queue.getJob(`close-notice-${res.body.id}`);
      expect(await job?.getState()).toBe('completed');
    } finally {
      await queue.close();
    }
  });

  it('refuses to close a notice before its end, keeps a delayed job for it, and needs objections resolved', async () => {
    const upheld = await eligible(`${township}004`);
    const dismissed = await eligible(`${township}004`);
    const res = await as(officer).post('/public-notices', { villageCode: `${township}004`, applicationIds: [upheld, dismissed], startDate: '2026-11-20', days: 7 }).expect(201);
    const early = await as(officer).post(`/public-notices/${res.body.id}/close`).expect(409);
    expect(early.body).toMatchObject({ code: 'notice_not_ended', details: { endDate: '2026-11-26' } });
    const queue = new Queue('applications-public-notices', { connection: app.app.get(RedisConnection).options(), prefix: app.app.get(AppConfig).BULLMQ_PREFIX });
    try {
      const job = await queue.getJob(`close-notice-${res.body.id}`);
      expect(await job?.getState()).toBe('delayed');
      // Ends at 2026-11-27 00:00 Beijing; the clock says 2026-11-22 09:00 Beijing.
      expect(job?.opts.delay).toBe(Date.parse('2026-11-26T16:00:00Z') - Date.parse('2026-11-22T01:00:00Z'));
    } finally {
      await queue.close();
    }

    const o1 = await as(officer).post(`/public-notices/${res.body.id}/objections`, { applicationId: upheld, reason: '家中有工资收入' }).expect(201);
    const o2 = await as(officer).post(`/public-notices/${res.body.id}/objections`, { applicationId: dismissed, objector: '村民', reason: '不属实' }).expect(201);
    clock.set('2026-11-28');
    try {
      const blocked = await as(officer).post(`/public-notices/${res.body.id}/close`).expect(409);
      expect(blocked.body.code).toBe('unresolved_objections');
      await as(officer).post(`/objections/${o1.body.id}/resolution`, { outcome: 'upheld', note: '经核实属实' }).expect(201);
      const last = await as(officer).post(`/objections/${o2.body.id}/resolution`, { outcome: 'dismissed', note: '经核实不属实' }).expect(201);
      expect(last.body.noticeClosed).toBe(true);
    } finally {
      clock.set('2026-11-22');
    }
    const rejected = await as(manager).get(`/applications/${upheld}`).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '家中有工资收入' });
    expect(rejected.body.history.map((h: { step: string }) => h.step)).toEqual(['survey', 'home-visit', 'screening', 'public-notice', 'objection', 'objection-upheld']);
    expect((await as(manager).get(`/applications/${dismissed}`)).body.status).toBe('notice_passed');
  });

  it('screens with the policy in force and never rewrites a past screening when the policy changes', async () => {
    const rich = surveyBody(projectId, township, { household: { annualIncomeFen: 1600000 } });
    const before = await submitted(officer, rich);
    await as(officer).post(`/applications/${before}/home-visits`, { visitedOn: '2026-11-05', findings: '属实', verified: true }).expect(201);
    const first = await as(officer).post(`/applications/${before}/screening`).expect(201);
    expect(first.body).toMatchObject({ eligible: false, policyVersion: 1 });

    const foundation = await app.tokenFor('foundation');
    const patched = await as(foundation)
      .get(`/projects/${projectId}`)
      .expect(200)
      .then((r) => app.http().patch(`/api/v1/projects/${projectId}`).set('Authorization', `Bearer ${foundation}`).send({ aidStandard: { ...r.body.aidStandard, incomeCeilingFenPerCapita: 500000 } }));
    expect(patched.status).toBe(200);
    expect(patched.body.policyVersion).toBe(2);

    const after = await submitted(officer, surveyBody(projectId, township, { household: { annualIncomeFen: 1600000 } }));
    await as(officer).post(`/applications/${after}/home-visits`, { visitedOn: '2026-11-05', findings: '属实', verified: true }).expect(201);
    expect((await as(officer).post(`/applications/${after}/screening`).expect(201)).body).toMatchObject({ eligible: true, policyVersion: 2 });
    const old = await as(manager).get(`/applications/${before}`).expect(200);
    expect(old.body.status).toBe('ineligible');
    expect(old.body.screenings).toEqual([expect.objectContaining({ policyVersion: 1, eligible: false })]);
    const [changed] = await app.dataSource.query(`SELECT payload FROM applications.outbox WHERE type = 'ProjectPolicyChanged' AND key = $1`, [projectId]);
    expect(changed.payload).toMatchObject({ policyVersion: 2, changed: ['aidStandard'] });
  });
});

describe('applications: queries and documentation', () => {
  let databaseUrl: string;
  let app: TestApp;
  const township = newTownshipCode();

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('intakeq');
    app = await startStandalone(databaseUrl, { clock: new ManualClock('2026-11-22') });
  });

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('filters and pages the list', async () => {
    const projectId = await seedProject(app.dataSource, township.slice(0, 6));
    const officer = await app.tokenFor('officer', { townships: [township] });
    const post = (body: object) => app.http().post('/api/v1/applications').set('Authorization', `Bearer ${officer}`).send(body).expect(201);
    for (let i = 0; i < 3; i++) await post(surveyBody(projectId, township, { villageCode: `${township}101`, project: { industry: 'mushroom' } }));
    await post(surveyBody(projectId, township, { villageCode: `${township}102` }));
    const list = (query: string) => app.http().get(`/api/v1/applications?${query}`).set('Authorization', `Bearer ${officer}`).expect(200);
    const byVillage = await list(`villageCode=${township}101&pageSize=2&page=2`);
    expect(byVillage.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(byVillage.body.items).toHaveLength(1);
    expect((await list('industry=mushroom')).body.total).toBe(3);
    expect((await list('status=approved')).body.total).toBe(0);
    expect((await list('status=submitted')).body.total).toBe(4);
    const bad = await app.http().get('/api/v1/applications?pageSize=1000').set('Authorization', `Bearer ${officer}`).expect(400);
    expect(bad.body.details.pageSize).toBeDefined();
  });

  it('documents every intake route in Swagger with its body and its errors', async () => {
    const doc = (await app.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { summary?: string; responses: Record<string, unknown>; requestBody?: unknown }>> };
    const intake = Object.entries(doc.paths).filter(([path]) => /^\/api\/v1\/(projects|applications|public-notices|objections)/.test(path));
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
