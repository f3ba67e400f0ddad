import { randomUUID } from 'node:crypto';
import { eventually } from '@xingfu/testing';
import { useIntakeContext } from '../support/intake-context';

/** Issue 6 §4: an Idempotency-Key, handled once for every POST, stored with the command's writes. */
describe('kit: idempotent writes', () => {
  const ctx = useIntakeContext({ label: 'idempotency' });
  const { as } = ctx;
  const visit = (surveyDate: string, findings = '属实') => ({ visitedOn: surveyDate, findings, verified: true });
  const count = async (sql: string, params: unknown[]) => Number((await ctx.app.dataSource.query(sql, params))[0].n);
  const visits = (id: string) => count(`SELECT count(*) AS n FROM applications.home_visits WHERE application_id = $1`, [id]);
  const visitEvents = (id: string) => count(`SELECT count(*) AS n FROM applications.outbox WHERE key = $1 AND type = 'HomeVisitRecorded'`, [id]);

  it('replays the first answer for the same key and body, with Idempotent-Replayed, and writes once', async () => {
    const { id, surveyDate } = await ctx.build.submitted();
    const key = randomUUID();
    const first = await as(ctx.officer).post(`/applications/${id}/home-visits`).set('Idempotency-Key', key).send(visit(surveyDate)).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The same body with its keys in another order is the same request.
    const again = await as(ctx.officer)
      .post(`/applications/${id}/home-visits`)
      .set('Idempotency-Key', key)
      .send({ verified: true, findings: '属实', visitedOn: surveyDate })
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await visits(id)).toBe(1);
    expect(await visitEvents(id)).toBe(1);
  });

  it('answers 422 for the same key with another body, and changes nothing', async () => {
    const { id, surveyDate } = await ctx.build.submitted();
    const key = randomUUID();
    await as(ctx.officer).post(`/applications/${id}/home-visits`).set('Idempotency-Key', key).send(visit(surveyDate)).expect(201);
    const other = await as(ctx.officer).post(`/applications/${id}/home-visits`).set('Idempotency-Key', key).send(visit(surveyDate, '不属实')).expect(422);
    expect(other.body).toMatchObject({ code: 'idempotency_key_reused', details: { idempotencyKey: key } });
    expect(await visits(id)).toBe(1);
  });

  it('answers 409 for the same key while the first request is still being handled', async () => {
    const { id, surveyDate } = await ctx.build.submitted();
    const key = randomUUID();
    // Hold the application's row lock, so the first request stops inside its unit of work, key claimed.
    const blocker = ctx.app.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`SELECT 1 FROM applications.applications WHERE id = $1 FOR UPDATE`, [id]);
    const firstRequest = as(ctx.officer).post(`/applications/${id}/home-visits`).set('Idempotency-Key', key).send(visit(surveyDate)).then((r) => r);
    // It has claimed the key (an advisory lock) and now waits for the row.
    await eventually(async () => expect(await count(`SELECT count(*) AS n FROM pg_locks WHERE NOT granted`, [])).toBeGreaterThan(0));
    const second = await as(ctx.officer).post(`/applications/${id}/home-visits`).set('Idempotency-Key', key).send(visit(surveyDate)).expect(409);
    expect(second.body).toMatchObject({ code: 'idempotency_key_in_use' });
    await blocker.commitTransaction();
    await blocker.release();
    expect((await firstRequest).status).toBe(201);
    expect(await visits(id)).toBe(1);
  });

  it('keys are per user and per route: the same key elsewhere is another request', async () => {
    const a = await ctx.build.submitted();
    const b = await ctx.build.submitted();
    const key = randomUUID();
    await as(ctx.officer).post(`/applications/${a.id}/home-visits`).set('Idempotency-Key', key).send(visit(a.surveyDate)).expect(201);
    const onB = await as(ctx.officer).post(`/applications/${b.id}/home-visits`).set('Idempotency-Key', key).send(visit(b.surveyDate)).expect(201);
    expect(onB.headers['idempotent-replayed']).toBeUndefined();
    expect(await visits(b.id)).toBe(1);
  });

  it('stores no answer when the command fails, so a retry runs it again; the answer and the writes commit together', async () => {
    const { id, surveyDate } = await ctx.build.submitted();
    const key = randomUUID();
    // A visit in the future is refused inside the unit of work: nothing is kept, not even the key.
    await as(ctx.officer).post(`/applications/${id}/home-visits`).set('Idempotency-Key', key).send(visit('2099-01-01')).expect(400);
    expect(await count(`SELECT count(*) AS n FROM applications.idempotency_keys WHERE key = $1`, [key])).toBe(0);
    const retried = await as(ctx.officer).post(`/applications/${id}/home-visits`).set('Idempotency-Key', key).send(visit(surveyDate)).expect(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    const [stored] = await ctx.app.dataSource.query(`SELECT status_code, response FROM applications.idempotency_keys WHERE key = $1`, [key]);
    expect(stored).toEqual({ status_code: 201, response: retried.body });
    expect(await visits(id)).toBe(1);
  });

  it('makes 20 identical home visits sent at once one visit and one event', async () => {
    const { id, surveyDate } = await ctx.build.submitted();
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => as(ctx.officer).post(`/applications/${id}/home-visits`).set('Idempotency-Key', key).send(visit(surveyDate))),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(answers.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    expect(await visits(id)).toBe(1);
    expect(await visitEvents(id)).toBe(1);
  });

  it('applies to surveys, objections and follow-ups too', async () => {
    const key = randomUUID();
    const survey = ctx.build.survey();
    const first = await as(ctx.officer).post('/applications').set('Idempotency-Key', key).send(survey).expect(201);
    const replay = await as(ctx.officer).post('/applications').set('Idempotency-Key', key).send(survey).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);

    const { id, noticeId } = await ctx.build.inNotice();
    const objection = { applicationId: id, reason: '家庭收入不实' };
    const objKey = randomUUID();
    const filed = await as(ctx.officer).post(`/public-notices/${noticeId}/objections`).set('Idempotency-Key', objKey).send(objection).expect(201);
    const filedAgain = await as(ctx.officer).post(`/public-notices/${noticeId}/objections`).set('Idempotency-Key', objKey).send(objection).expect(201);
    expect(filedAgain.body.id).toBe(filed.body.id);
    expect(await count(`SELECT count(*) AS n FROM applications.objections WHERE application_id = $1`, [id])).toBe(1);

    const approved = await ctx.build.approved();
    const followUp = { visitedOn: ctx.clock.today(), productionStatus: '存栏10头', incomeEstimateFen: 500000, problems: '', helpGiven: '' };
    const fuKey = randomUUID();
    await as(ctx.officer).post(`/applications/${approved}/follow-ups`).set('Idempotency-Key', fuKey).send(followUp).expect(201);
    await as(ctx.officer).post(`/applications/${approved}/follow-ups`).set('Idempotency-Key', fuKey).send(followUp).expect(201);
    expect(await count(`SELECT count(*) AS n FROM applications.follow_ups WHERE application_id = $1`, [approved])).toBe(1);
  });

  it('refuses a malformed key in the error shape', async () => {
    const { id, surveyDate } = await ctx.build.submitted();
    const res = await as(ctx.officer).post(`/applications/${id}/home-visits`).set('Idempotency-Key', 'has spaces in it').send(visit(surveyDate)).expect(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', details: { 'Idempotency-Key': [expect.any(String)] } });
  });

  it('is documented on every POST of the API', async () => {
    const doc = (await ctx.app.http().get('/docs-json').expect(200)).body;
    const posts = Object.entries(doc.paths as Record<string, Record<string, { parameters?: { in: string; name: string }[]; responses: Record<string, unknown> }>>)
      .filter(([, methods]) => methods.post)
      .map(([path, methods]) => ({ path, op: methods.post }));
    expect(posts.length).toBeGreaterThan(10);
    for (const { path, op } of posts) {
      expect({ path, header: op.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key') }).toEqual({ path, header: true });
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['409', '422']));
    }
  });
});
