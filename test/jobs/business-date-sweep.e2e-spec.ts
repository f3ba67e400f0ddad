import { AppConfig } from '@xingfu/common';
import { drainJobs } from '@xingfu/jobs';
import { RedisConnection } from '@xingfu/platform';
import { createTestDatabase, dropTestDatabase, eventually, metric, newResidentId, newTownshipCode, TestApp } from '@xingfu/testing';
import { Queue } from 'bullmq';
import { requestsAs, seedProject, surveyBody } from '../support/intake';
import { startStandalone } from '../support/standalone-app';

/**
 * The managed business date drives time-driven work: an admin moves it, every sweep catches up
 * to it, and a public notice whose last day passed on the business calendar closes, however
 * little wall-clock time went by.
 */
describe('jobs: the managed business date and the public-notice sweep', () => {
  const D = '2026-11-20';
  const township = newTownshipCode();
  const village = (n: number) => `${township}${String(n).padStart(3, '0')}`;
  let databaseUrl: string;
  let app: TestApp;
  let queue: Queue;
  let projectId: string;
  let officer: string;
  let admin: string;
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => app.dataSource.query(query, params) as Promise<T[]>;
  const as = (token: string) => requestsAs(app, token);
  const put = (token: string | undefined, body: object) => {
    const req = app.http().put('/api/v1/admin/business-date');
    return (token ? req.set('Authorization', `Bearer ${token}`) : req).send(body);
  };

  async function eligible(villageCode: string): Promise<string> {
    const body = surveyBody(projectId, township, { villageCode, idNumber: newResidentId(township.slice(0, 6)) });
    const res = await as(officer).post('/applications', body).expect(201);
    await sql(`UPDATE applications.applications SET status = 'eligible' WHERE id = $1`, [res.body.id]);
    return res.body.id as string;
  }
  const noticeRow = async (id: string) => (await sql<{ status: string; closed_by: string | null }>(`SELECT status, closed_by FROM applications.public_notices WHERE id = $1`, [id]))[0];
  const statusOf = async (id: string) => (await sql<{ status: string }>(`SELECT status FROM applications.applications WHERE id = $1`, [id]))[0].status;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('businessdate');
    app = await startStandalone(databaseUrl, { env: { BUSINESS_DATE_MODE: 'managed', BUSINESS_DATE: D } });
    queue = new Queue('applications-public-notices', { connection: app.app.get(RedisConnection).options(), prefix: app.app.get(AppConfig).BULLMQ_PREFIX });
    projectId = await seedProject(app.dataSource, township.slice(0, 6));
    officer = await app.tokenFor('officer', { townships: [township] });
    admin = await app.tokenFor('admin');
    await drainJobs(app.app);
  });

  afterAll(async () => {
    await queue?.close();
    await app?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('starts on the seeded managed date, and lets only an admin read or set it, with the one error shape for a bad date', async () => {
    expect((await as(admin).get('/admin/business-date').expect(200)).body).toEqual({ businessDate: D, mode: 'managed' });
    expect((await as(officer).get('/admin/business-date').expect(403)).body).toMatchObject({ code: 'forbidden' });
    await put(undefined, { businessDate: '2026-11-21' }).expect(401);
    expect((await put(officer, { businessDate: '2026-11-21' }).expect(403)).body.code).toBe('forbidden');
    for (const bad of ['2026-02-30', '20261121', 20261121, '']) {
      const res = await put(admin, { businessDate: bad }).expect(400);
      expect(res.body).toEqual({ code: expect.any(String), message: expect.any(String), details: { businessDate: expect.any(Array) } });
    }
    expect((await as(admin).get('/admin/business-date').expect(200)).body.businessDate).toBe(D);
    const [stored] = await sql<{ date: string }>(`SELECT business_date::text AS date FROM platform.business_date`);
    expect(stored.date).toBe(D);
  });

  it('closes a notice opened on D once the business date is moved to D+8, and keeps one with an open objection open', async () => {
    const a = await eligible(village(1));
    const b = await eligible(village(2));
    const ended = (await as(officer).post('/public-notices', { villageCode: village(1), applicationIds: [a], startDate: D, days: 7 }).expect(201)).body;
    const objected = (await as(officer).post('/public-notices', { villageCode: village(2), applicationIds: [b], startDate: D, days: 7 }).expect(201)).body;
    await as(officer).post(`/public-notices/${objected.id}/objections`, { applicationId: b, reason: '不是本村户籍' }).expect(201);
    // The fast path is there too: a delayed job per notice, added from PublicNoticeOpened, due seven wall-clock days from now.
    await eventually(async () => expect(await (await queue.getJob(`close-notice-${ended.id}`))?.getState()).toBe('delayed'));

    const moved = await put(admin, { businessDate: '2026-11-28' }).expect(200);
    expect(moved.body).toEqual({ businessDate: '2026-11-28', mode: 'managed' });
    await drainJobs(app.app);

    expect(await noticeRow(ended.id)).toEqual({ status: 'closed', closed_by: 'job' });
    expect(await statusOf(a)).toBe('notice_passed');
    const [closed] = await sql<{ payload: Record<string, unknown> }>(`SELECT payload FROM applications.outbox WHERE type = 'PublicNoticeClosed' AND key = $1`, [ended.id]);
    expect(closed.payload).toMatchObject({ closedOn: '2026-11-28', passedApplicationIds: [a] });
    expect(await noticeRow(objected.id)).toEqual({ status: 'open', closed_by: null });
    expect(await statusOf(b)).toBe('in_notice');
    // The sweep closed it, on the business date: the wall-clock job is still waiting.
    expect(await (await queue.getJob(`close-notice-${ended.id}`))?.getState()).toBe('delayed');
    const runs = await sql<{ date: string }>(`SELECT business_date::text AS date FROM platform.sweep_runs WHERE service = 'applications' AND sweep = 'public-notices' ORDER BY 1`);
    expect(runs.map((r) => r.date)).toEqual(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28']);
  });

  it('keeps /admin/queues for admins: 401 without a token, 403 for another role, the board for an admin by bearer or Basic', async () => {
    const board = () => app.http().get('/admin/queues');
    const none = await board().expect(401);
    expect(none.body).toMatchObject({ code: 'unauthorized' });
    expect(none.headers['www-authenticate']).toMatch(/^Basic/);
    await board().set('Authorization', 'Bearer not-a-token').expect(401);
    for (const role of ['officer', 'project_manager', 'foundation', 'partner'] as const) {
      expect((await board().set('Authorization', `Bearer ${await app.tokenFor(role)}`).expect(403)).body.code).toBe('forbidden');
      await app.http().get('/admin/queues/api/queues').set('Authorization', `Bearer ${await app.tokenFor(role)}`).expect(403);
    }
    const page = await board().set('Authorization', `Bearer ${admin}`).expect(200);
    expect(page.text).toContain('<html');
    const basic = Buffer.from(`admin:${admin}`).toString('base64');
    const api = await app.http().get('/admin/queues/api/queues').set('Authorization', `Basic ${basic}`).expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name)).toEqual(expect.arrayContaining(['applications-public-notices', 'applications-sweeps']));
  });

  it('counts jobs per queue and state on /metrics', async () => {
    const delayed = await queue.getDelayedCount();
    expect(delayed).toBeGreaterThanOrEqual(2);
    expect(await metric(app, 'xingfu_jobs', { queue: 'applications-public-notices', state: 'delayed' })).toBe(delayed);
    const sweeps = new Queue('applications-sweeps', { connection: app.app.get(RedisConnection).options(), prefix: app.app.get(AppConfig).BULLMQ_PREFIX });
    const completedSweeps = await sweeps.getCompletedCount().finally(() => sweeps.close());
    expect(completedSweeps).toBeGreaterThanOrEqual(2);
    expect(await metric(app, 'xingfu_jobs', { queue: 'applications-sweeps', state: 'completed' })).toBe(completedSweeps);
    expect(await metric(app, 'xingfu_jobs', { queue: 'applications-public-notices', state: 'failed' })).toBe(0);
  });

  it('is one date for every process: another process reads the shared record, not its own seed, and follows a PUT made elsewhere; each day is swept once', async () => {
    const other = await startStandalone(databaseUrl, { env: { BUSINESS_DATE_MODE: 'managed', BUSINESS_DATE: '2026-11-01' } });
    try {
      const otherAdmin = await other.tokenFor('admin');
      const read = (a: TestApp, token: string) => a.http().get('/api/v1/admin/business-date').set('Authorization', `Bearer ${token}`).expect(200);
      expect((await read(other, otherAdmin)).body.businessDate).toBe('2026-11-28');
      await put(admin, { businessDate: '2026-11-30' }).expect(200);
      await eventually(async () => expect((await read(other, otherAdmin)).body.businessDate).toBe('2026-11-30'), { timeoutMs: 10_000 });
      await drainJobs(app.app);
      await drainJobs(other.app);
      const runs = await sql<{ date: string; n: number }>(
        `SELECT business_date::text AS date, count(*)::int AS n FROM platform.sweep_runs WHERE service = 'applications' AND sweep = 'public-notices' AND business_date > '2026-11-28' GROUP BY 1 ORDER BY 1`,
      );
      expect(runs).toEqual([
        { date: '2026-11-29', n: 1 },
        { date: '2026-11-30', n: 1 },
      ]);
    } finally {
      await other.close();
    }
  });
});
