import { ManualClock } from '@xingfu/common';
import { Queue } from 'bullmq';
import { FULL_ID_NUMBER, TestApp, createTestDatabase, dropTestDatabase, eventually, newResidentId, newTownshipCode } from '@xingfu/testing';
import { requestsAs, seedProject, surveyBody } from '../support/intake';
import { openNoticeQueue, useIntakeContext } from '../support/intake-context';
import { startStandalone } from '../support/standalone-app';

const jobIdOf = (noticeId: string) => `close-notice-${noticeId}`;
/** An 18-character resident ID number anywhere in a text. */

/** A small driver over one running app: tokens, requests, and the SQL a test needs to look behind the API. */
function driver(app: () => TestApp) {
  const as = (token: string) => requestsAs(app(), token);
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => app().dataSource.query(query, params) as Promise<T[]>;
  /**
   * A submitted survey moved to `eligible` by SQL: home visits and screening are another part's
   * routes, and these tests are about what happens from eligible on.
   */
  async function eligible(officer: string, projectId: string, township: string, villageCode: string, name = '王秀梅'): Promise<{ id: string; idNumber: string; phone: string }> {
    const body = surveyBody(projectId, township, { villageCode, name, idNumber: newResidentId(township.slice(0, 6)) });
    const res = await as(officer).post('/applications', body).expect(201);
    await sql(`UPDATE applications.applications SET status = 'eligible' WHERE id = $1`, [res.body.id]);
    return { id: res.body.id, idNumber: body.mother.idNumber, phone: body.mother.phone };
  }
  const statusOf = async (id: string) => (await sql<{ status: string }>(`SELECT status FROM applications.applications WHERE id = $1`, [id]))[0].status;
  const noticeRow = async (id: string) =>
    (await sql<{ status: string; closed_by: string | null }>(`SELECT status, closed_by FROM applications.public_notices WHERE id = $1`, [id]))[0];
  const events = (type: string, key: string) => sql<{ payload: Record<string, unknown> }>(`SELECT payload FROM applications.outbox WHERE type = $1 AND key = $2`, [type, key]);
  const queue = () => openNoticeQueue(app());
  /** The closing job, once the consumer of PublicNoticeOpened has added it. */
  const scheduled = (q: Queue, noticeId: string) =>
    eventually(async () => {
      const job = await q.getJob(jobIdOf(noticeId));
      if (!job) throw new Error(`no closing job for notice ${noticeId} yet`);
      return job;
    });
  return { as, sql, eligible, statusOf, noticeRow, events, queue, scheduled };
}

describe('applications: public notices', () => {
  // 2026-11-20 09:00 Beijing: the notices below open today.
  const today = '2026-11-20';
  const ctx = useIntakeContext({ label: 'notices', today });
  const { clock, county, township } = ctx;
  const village = (n: number) => `${township}${String(n).padStart(3, '0')}`;
  const d = driver(() => ctx.app);
  const { as } = d;

  it('puts a village’s eligible applications in_notice, for the project’s default days, and emits PublicNoticeOpened', async () => {
    const a = await d.eligible(ctx.officer, ctx.projectId, township, village(1), '张秀梅');
    const b = await d.eligible(ctx.officer, ctx.projectId, township, village(1), '李春花');
    const res = await as(ctx.officer).post('/public-notices', { villageCode: village(1), applicationIds: [a.id, b.id], startDate: '2026-11-20' }).expect(201);
    expect(res.body).toMatchObject({ villageCode: village(1), townshipCode: township, startDate: '2026-11-20', days: 7, endDate: '2026-11-26', status: 'open' });
    expect(res.body.applicationIds.sort()).toEqual([a.id, b.id].sort());
    expect([await d.statusOf(a.id), await d.statusOf(b.id)]).toEqual(['in_notice', 'in_notice']);
    const [history] = await d.sql(`SELECT from_status, to_status, details FROM applications.application_history WHERE application_id = $1 AND step = 'public-notice'`, [a.id]);
    expect(history).toMatchObject({ from_status: 'eligible', to_status: 'in_notice', details: { noticeId: res.body.id } });
    const [opened] = await d.events('PublicNoticeOpened', res.body.id);
    expect(opened.payload).toMatchObject({ noticeId: res.body.id, villageCode: village(1), startDate: '2026-11-20', endDate: '2026-11-26', days: 7 });
  });

  it('shows the public list with masked names, amounts and projects, and never an ID number, a phone or a full name', async () => {
    const a = await d.eligible(ctx.officer, ctx.projectId, township, village(2), '张秀梅');
    const b = await d.eligible(ctx.officer, ctx.projectId, township, village(2), '欧阳春花');
    const notice = (await as(ctx.officer).post('/public-notices', { villageCode: village(2), applicationIds: [a.id, b.id], startDate: '2026-11-20', days: 7 }).expect(201)).body;
    for (const token of [ctx.officer, ctx.manager, await ctx.app.tokenFor('foundation'), await ctx.app.tokenFor('admin')]) {
      const res = await as(token).get(`/public-notices/${notice.id}`).expect(200);
      expect(res.body).toMatchObject({ id: notice.id, villageCode: village(2), startDate: '2026-11-20', endDate: '2026-11-26', status: 'open', objections: { total: 0, open: 0 } });
      expect(res.body.project).toEqual({ id: ctx.projectId, name: expect.any(String) });
      expect(res.body.entries.map((e: { name: string }) => e.name).sort()).toEqual(['张*梅', '欧**花'].sort());
      expect(res.body.entries[0]).toMatchObject({ villageCode: village(2), requestedAmountFen: 300000, industry: 'pig_raising', project: '饲养巴马香猪', model: 'self' });
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(FULL_ID_NUMBER);
      for (const secret of ['张秀梅', '欧阳春花', a.phone, b.phone, a.idNumber.slice(6, 14)]) expect(text).not.toContain(secret);
    }
  });

  it('refuses an application that is not eligible (409 naming it), of another village or project (400), and changes nothing', async () => {
    const ready = await d.eligible(ctx.officer, ctx.projectId, township, village(3));
    const surveyed = (await as(ctx.officer).post('/applications', surveyBody(ctx.projectId, township, { villageCode: village(3) })).expect(201)).body.id;
    const notEligible = await as(ctx.officer).post('/public-notices', { villageCode: village(3), applicationIds: [ready.id, surveyed], startDate: '2026-11-20' }).expect(409);
    expect(notEligible.body).toMatchObject({ code: 'illegal_step', details: { applicationId: surveyed, currentState: 'submitted', step: 'public-notice' } });
    expect(notEligible.body.details.allowedSteps).toEqual(expect.arrayContaining(['home-visit', 'withdrawal']));
    expect(await d.statusOf(ready.id)).toBe('eligible');

    const elsewhere = await d.eligible(ctx.officer, ctx.projectId, township, village(4));
    const wrongVillage = await as(ctx.officer).post('/public-notices', { villageCode: village(3), applicationIds: [ready.id, elsewhere.id], startDate: '2026-11-20' }).expect(400);
    expect(wrongVillage.body).toMatchObject({ code: 'validation_failed', details: { applicationIds: [expect.stringContaining(elsewhere.id)] } });

    const otherProject = await seedProject(ctx.app.dataSource, county);
    const second = await d.eligible(ctx.officer, otherProject, township, village(3));
    const mixed = await as(ctx.officer).post('/public-notices', { villageCode: village(3), applicationIds: [ready.id, second.id], startDate: '2026-11-20' }).expect(400);
    expect(mixed.body.details.applicationIds).toBeDefined();

    const backDated = await as(ctx.officer).post('/public-notices', { villageCode: village(3), applicationIds: [ready.id], startDate: '2020-01-01', days: 7 }).expect(400);
    expect(backDated.body).toMatchObject({ code: 'validation_failed', details: { startDate: [expect.stringContaining('today (2026-11-20) or later')] } });
    const yesterday = await as(ctx.officer).post('/public-notices', { villageCode: village(3), applicationIds: [ready.id], startDate: '2026-11-19' }).expect(400);
    expect(Object.keys(yesterday.body.details)).toEqual(['startDate']);
    const short = await as(ctx.officer).post('/public-notices', { villageCode: village(3), applicationIds: [ready.id], startDate: today, days: 1 }).expect(400);
    expect(short.body.details).toEqual({ days: ["must be at least 7, the project's public-notice days"] });
    await as(ctx.officer).post('/public-notices', { villageCode: village(3), applicationIds: [ready.id], startDate: '9999-12-31' }).expect(400);
    const empty = await as(ctx.officer).post('/public-notices', { villageCode: village(3), applicationIds: [], startDate: '2026-11-20' }).expect(400);
    expect(empty.body.details.applicationIds).toBeDefined();
    await as(ctx.officer).post('/public-notices', { villageCode: village(3), applicationIds: [ready.id], startDate: '2026-11-31' }).expect(400);
    expect([await d.statusOf(ready.id), await d.statusOf(second.id)]).toEqual(['eligible', 'eligible']);
    const [{ count }] = await d.sql<{ count: number }>(`SELECT count(*)::int AS count FROM applications.public_notices WHERE village_code = $1`, [village(3)]);
    expect(count).toBe(0);
  });

  it('closes a notice whose last day has passed with the BullMQ job, no hand involved', async () => {
    const a = await d.eligible(ctx.officer, ctx.projectId, township, village(5));
    const b = await d.eligible(ctx.officer, ctx.projectId, township, village(5));
    const notice = (await as(ctx.officer).post('/public-notices', { villageCode: village(5), applicationIds: [a.id, b.id], startDate: today, days: 7 }).expect(201)).body;
    expect(notice.endDate).toBe('2026-11-26');
    const job = await d.scheduled(ctx.noticeQueue, notice.id);
    expect(job.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential' } });
    // The end has come: run the delayed job now rather than wait seven real days for it.
    clock.set('2026-11-27');
    try {
      await job.promote();
      await eventually(async () => expect(await d.noticeRow(notice.id)).toEqual({ status: 'closed', closed_by: 'job' }));
    } finally {
      clock.set(today);
    }
    expect([await d.statusOf(a.id), await d.statusOf(b.id)]).toEqual(['notice_passed', 'notice_passed']);
    const done = await ctx.noticeQueue.getJob(jobIdOf(notice.id));
    expect(await done?.getState()).toBe('completed');
    expect(done?.returnvalue).toMatchObject({ closedBy: 'job', passedApplicationIds: [a.id, b.id].sort() });
    const [closed] = await d.events('PublicNoticeClosed', notice.id);
    expect(closed.payload).toMatchObject({ noticeId: notice.id, closedBy: 'job', closedOn: '2026-11-27', passedApplicationIds: [a.id, b.id].sort() });
    const [history] = await d.sql(`SELECT actor, to_status FROM applications.application_history WHERE application_id = $1 AND step = 'notice-closed'`, [a.id]);
    expect(history).toEqual({ actor: 'system:public-notice-sweep', to_status: 'notice_passed' });
  });

  it('refuses a close by hand before the end, keeps a job delayed until the end, and closes by hand once it passed', async () => {
    const a = await d.eligible(ctx.officer, ctx.projectId, township, village(6));
    const notice = (await as(ctx.officer).post('/public-notices', { villageCode: village(6), applicationIds: [a.id], startDate: '2026-11-20', days: 7 }).expect(201)).body;
    const early = await as(ctx.officer).post(`/public-notices/${notice.id}/close`).expect(409);
    expect(early.body).toMatchObject({ code: 'notice_not_ended', details: { endDate: '2026-11-26', today } });

    const job = await d.scheduled(ctx.noticeQueue, notice.id);
    expect(await job.getState()).toBe('delayed');
    // The last day ends at 2026-11-27 00:00 Beijing = 2026-11-26T16:00Z.
    const expected = Date.parse('2026-11-26T16:00:00Z') - clock.now().getTime();
    expect(Math.abs((job?.opts.delay ?? 0) - expected)).toBeLessThanOrEqual(5000);
    expect(await d.statusOf(a.id)).toBe('in_notice');

    clock.set('2026-11-27');
    try {
      const closed = await as(ctx.manager).post(`/public-notices/${notice.id}/close`).expect(201);
      expect(closed.body).toMatchObject({ status: 'closed', closedBy: 'manual', closedOn: '2026-11-27', passedApplicationIds: [a.id] });
      const again = await as(ctx.officer).post(`/public-notices/${notice.id}/close`).expect(409);
      expect(again.body.code).toBe('notice_closed');
    } finally {
      clock.set(today);
    }
    expect(await d.statusOf(a.id)).toBe('notice_passed');
    expect(await d.events('PublicNoticeClosed', notice.id)).toHaveLength(1);
  });

  it('sends a closing job that wakes before the end back to wait, without failing it or closing the notice', async () => {
    const a = await d.eligible(ctx.officer, ctx.projectId, township, village(8));
    const notice = (await as(ctx.officer).post('/public-notices', { villageCode: village(8), applicationIds: [a.id], startDate: '2026-11-20', days: 7 }).expect(201)).body;
    const jobId = jobIdOf(notice.id);
    // As if another host's clock ran ahead: the job runs while the notice still has days to go.
    await (await d.scheduled(ctx.noticeQueue, notice.id)).promote();
    await eventually(async () => {
      const job = await ctx.noticeQueue.getJob(jobId);
      expect(job?.processedOn).toBeDefined();
      expect(await job?.getState()).toBe('delayed');
    });
    const job = (await ctx.noticeQueue.getJob(jobId))!;
    expect(job.failedReason).toBeFalsy();
    expect(job.attemptsMade).toBe(0);
    expect(await d.noticeRow(notice.id)).toEqual({ status: 'open', closed_by: null });
    expect(await d.statusOf(a.id)).toBe('in_notice');
  });

  it('keeps other townships, other counties and partners out: 404 on read and on write', async () => {
    const a = await d.eligible(ctx.officer, ctx.projectId, township, village(7));
    const b = await d.eligible(ctx.officer, ctx.projectId, township, village(7));
    const notice = (await as(ctx.officer).post('/public-notices', { villageCode: village(7), applicationIds: [a.id], startDate: '2026-11-20' }).expect(201)).body;
    const stranger = await ctx.app.tokenFor('officer', { townships: [newTownshipCode(county)] });
    const otherCounty = await ctx.app.tokenFor('project_manager', { counties: ['999999'] });
    const partner = await ctx.app.tokenFor('partner', { partnerId: 'partner-bama' });
    for (const token of [stranger, otherCounty, partner]) {
      expect((await as(token).get(`/public-notices/${notice.id}`).expect(404)).body.code).toBe('not_found');
    }
    for (const token of [stranger, otherCounty]) {
      await as(token).post(`/public-notices/${notice.id}/close`).expect(404);
      await as(token).post(`/public-notices/${notice.id}/objections`, { applicationId: a.id, reason: '不属实' }).expect(404);
      await as(token).post('/public-notices', { villageCode: village(7), applicationIds: [b.id], startDate: '2026-11-20' }).expect(404);
    }
    // Partners never see notices either: 404 on the routes of one notice, body or not (not a 403 that confirms it).
    await as(partner).post(`/public-notices/${notice.id}/close`).expect(404);
    await as(partner).post(`/public-notices/${notice.id}/objections`, { applicationId: a.id, reason: '不属实' }).expect(404);
    await as(partner).post(`/public-notices/${notice.id}/objections`, { nonsense: true }).expect(404);
    // Opening a notice is a collection route: a partner's role may not, as anyone's outside officer and manager.
    await as(partner).post('/public-notices', { villageCode: village(7), applicationIds: [b.id], startDate: today }).expect(403);
    expect(await d.statusOf(b.id)).toBe('eligible');
    expect(await d.noticeRow(notice.id)).toEqual({ status: 'open', closed_by: null });
  });
});

describe('applications: a closing job lost from Redis', () => {
  const clock = new ManualClock('2026-11-20');
  const prefix = `test-restart-${process.pid}-${Date.now()}`;
  let databaseUrl: string;
  let app: TestApp;
  const d = driver(() => app);
  const township = newTownshipCode();

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('noticesrestart');
  });

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  const start = () => startStandalone(databaseUrl, { clock, env: { BULLMQ_PREFIX: prefix } });

  it('leaves the notice to the daily sweep, which closes it on the first business date after its end, at start-up', async () => {
    app = await start();
    const projectId = await seedProject(app.dataSource, township.slice(0, 6));
    const officer = await app.tokenFor('officer', { townships: [township] });
    const a = await d.eligible(officer, projectId, township, `${township}001`);
    const b = await d.eligible(officer, projectId, township, `${township}002`);
    const lost = (await d.as(officer).post('/public-notices', { villageCode: `${township}001`, applicationIds: [a.id], startDate: '2026-11-20', days: 7 }).expect(201)).body;
    const kept = (await d.as(officer).post('/public-notices', { villageCode: `${township}002`, applicationIds: [b.id], startDate: '2026-11-25', days: 7 }).expect(201)).body;
    let queue = d.queue();
    try {
      // As if Redis lost it (a flush, a failover without persistence).
      await (await d.scheduled(queue, lost.id)).remove();
      await d.scheduled(queue, kept.id);
    } finally {
      await queue.close();
    }
    await app.close();

    // Back up after the lost notice's end (2026-11-26), before the other one's (2026-12-01).
    clock.set('2026-11-28');
    app = await start();
    await eventually(async () => expect(await d.noticeRow(lost.id)).toEqual({ status: 'closed', closed_by: 'job' }));
    expect(await d.statusOf(a.id)).toBe('notice_passed');
    expect(await d.events('PublicNoticeClosed', lost.id)).toHaveLength(1);
    queue = d.queue();
    try {
      expect(await queue.getJob(jobIdOf(lost.id))).toBeUndefined();
      expect(await (await queue.getJob(jobIdOf(kept.id)))?.getState()).toBe('delayed');
    } finally {
      await queue.close();
    }
    expect(await d.noticeRow(kept.id)).toEqual({ status: 'open', closed_by: null });
  });
});
