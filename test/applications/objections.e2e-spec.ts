import { eventually, newTownshipCode } from '@xingfu/testing';
import { surveyBody } from '../support/intake';
import { closingJob, useIntakeContext } from '../support/intake-context';

describe('applications: objections to a public notice', () => {
  // 2026-11-20 09:00 Beijing; the notices below open today and run to 2026-11-26.
  const today = '2026-11-20';
  const afterTheEnd = '2026-11-27';
  const ctx = useIntakeContext({ label: 'objections', today });
  const { as, clock, county, township } = ctx;
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => ctx.app.dataSource.query(query, params) as Promise<T[]>;
  const statusOf = async (id: string) => (await sql<{ status: string }>(`SELECT status FROM applications.applications WHERE id = $1`, [id]))[0].status;
  const noticeRow = async (id: string) => (await sql<{ status: string; closed_by: string | null }>(`SELECT status, closed_by FROM applications.public_notices WHERE id = $1`, [id]))[0];
  const events = (type: string, key: string) => sql<{ payload: Record<string, unknown> }>(`SELECT payload FROM applications.outbox WHERE type = $1 AND key = $2`, [type, key]);

  /**
   * A fresh village with `count` applications on an open notice (2026-11-20, 7 days). The
   * surveys go in through POST /applications and are moved to `eligible` by SQL: home visits
   * and screening are another part's routes, and these tests start from eligible.
   */
  async function noticeWith(count: number): Promise<{ noticeId: string; ids: string[] }> {
    const villageCode = ctx.build.newVillage();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const res = await as(ctx.officer).post('/applications', surveyBody(ctx.projectId, township, { villageCode })).expect(201);
      ids.push(res.body.id);
    }
    await sql(`UPDATE applications.applications SET status = 'eligible' WHERE id = ANY($1)`, [ids]);
    const notice = await as(ctx.officer).post('/public-notices', { villageCode, applicationIds: ids, startDate: '2026-11-20', days: 7 }).expect(201);
    // The closing job is added by a consumer of PublicNoticeOpened, its delay counted from the clock
    // then: wait for it before a test moves the clock past the end, or on a loaded machine the
    // consumer reads the later date, the job runs at once and closes the notice under the test.
    await closingJob(ctx.noticeQueue, notice.body.id);
    return { noticeId: notice.body.id, ids };
  }

  const file = (noticeId: string, body: object, token = ctx.officer) => as(token).post(`/public-notices/${noticeId}/objections`, body);
  const resolve = (objectionId: string, body: object, token = ctx.officer) => as(token).post(`/objections/${objectionId}/resolution`, body);

  it('records an objection, anonymous when nobody is named; the application stays in_notice with the step in its history', async () => {
    const { noticeId, ids } = await noticeWith(2);
    const anonymous = await file(noticeId, { applicationId: ids[0], objector: '  ', reason: '家中有稳定工资收入' }).expect(201);
    expect(anonymous.body).toMatchObject({ noticeId, applicationId: ids[0], objector: null, anonymous: true, status: 'open' });
    const named = await file(noticeId, { applicationId: ids[1], objector: '村民李某', reason: '不是本村户籍' }, ctx.manager).expect(201);
    expect(named.body).toMatchObject({ objector: '村民李某', anonymous: false });

    expect(await statusOf(ids[0])).toBe('in_notice');
    const [history] = await sql(`SELECT from_status, to_status, details FROM applications.application_history WHERE application_id = $1 AND step = 'objection'`, [ids[0]]);
    expect(history).toMatchObject({ from_status: 'in_notice', to_status: 'in_notice', details: { objectionId: anonymous.body.id } });
    const [filed] = await events('ObjectionFiled', ids[0]);
    expect(filed.payload).toMatchObject({ objectionId: anonymous.body.id, noticeId, applicationId: ids[0], anonymous: true, reason: '家中有稳定工资收入' });
    const [row] = await sql(`SELECT objector, status FROM applications.objections WHERE id = $1`, [anonymous.body.id]);
    expect(row).toEqual({ objector: null, status: 'open' });
    expect((await as(ctx.officer).get(`/public-notices/${noticeId}`).expect(200)).body.objections).toEqual({ total: 2, open: 2, upheld: 0, dismissed: 0 });
  });

  it('refuses an objection without a reason (400), to an application not on the notice (409), and on a closed notice (409)', async () => {
    const { noticeId, ids } = await noticeWith(1);
    const other = await noticeWith(1);
    const blank = await file(noticeId, { applicationId: ids[0], reason: ' ' }).expect(400);
    expect(blank.body.details.reason).toBeDefined();
    const notOnIt = await file(noticeId, { applicationId: other.ids[0], reason: '不属实' }).expect(409);
    expect(notOnIt.body).toMatchObject({ code: 'not_on_notice', details: { applicationId: other.ids[0] } });

    clock.set(afterTheEnd);
    await as(ctx.officer).post(`/public-notices/${noticeId}/close`).expect(201);
    const late = await file(noticeId, { applicationId: ids[0], reason: '不属实' }).expect(409);
    expect(late.body.code).toBe('notice_closed');
    expect(await sql(`SELECT id FROM applications.objections WHERE notice_id = $1`, [noticeId])).toEqual([]);
  });

  it('holds the notice while an objection is open (409 naming it); once dismissed the close goes through', async () => {
    const { noticeId, ids } = await noticeWith(2);
    const objection = (await file(noticeId, { applicationId: ids[0], reason: '有外债未还' }).expect(201)).body;

    clock.set(afterTheEnd);
    const blocked = await as(ctx.officer).post(`/public-notices/${noticeId}/close`).expect(409);
    expect(blocked.body).toMatchObject({ code: 'unresolved_objections', details: { objectionIds: [objection.id] } });
    expect(await noticeRow(noticeId)).toEqual({ status: 'open', closed_by: null });

    // Dismissed during the notice: nothing closes yet, the close by hand after the end does.
    clock.set(today);
    const dismissed = await resolve(objection.id, { outcome: 'dismissed', note: '经村委会核实不属实' }).expect(201);
    expect(dismissed.body).toMatchObject({ outcome: 'dismissed', applicationStatus: 'in_notice', noticeClosed: false });
    clock.set(afterTheEnd);
    const closed = await as(ctx.officer).post(`/public-notices/${noticeId}/close`).expect(201);
    expect(closed.body.passedApplicationIds).toEqual([...ids].sort());
    expect([await statusOf(ids[0]), await statusOf(ids[1])]).toEqual(['notice_passed', 'notice_passed']);
    const [resolved] = await events('ObjectionResolved', ids[0]);
    expect(resolved.payload).toMatchObject({ objectionId: objection.id, noticeId, outcome: 'dismissed', note: '经村委会核实不属实' });
    expect(await events('ApplicationRejected', ids[0])).toEqual([]);
  });

  it('rejects the application of an upheld objection with its reason; the others pass', async () => {
    const { noticeId, ids } = await noticeWith(3);
    const [target, ...rest] = ids;
    const objection = (await file(noticeId, { applicationId: target, objector: '村民', reason: '家中有稳定工资收入' }).expect(201)).body;
    const upheld = await resolve(objection.id, { outcome: 'upheld', note: '经核实属实' }, ctx.manager).expect(201);
    expect(upheld.body).toMatchObject({ outcome: 'upheld', applicationStatus: 'rejected', noticeClosed: false });

    const [row] = await sql(`SELECT status, decision_reason FROM applications.applications WHERE id = $1`, [target]);
    expect(row).toEqual({ status: 'rejected', decision_reason: '家中有稳定工资收入' });
    const [rejected] = await events('ApplicationRejected', target);
    expect(rejected.payload).toMatchObject({ applicationId: target, fromStatus: 'in_notice', reason: '家中有稳定工资收入', cause: 'objection_upheld' });
    const [resolved] = await events('ObjectionResolved', target);
    expect(resolved.payload).toMatchObject({ objectionId: objection.id, outcome: 'upheld' });
    const steps = await sql<{ step: string }>(`SELECT step FROM applications.application_history WHERE application_id = $1 ORDER BY id`, [target]);
    expect(steps.map((s) => s.step).slice(-3)).toEqual(['public-notice', 'objection', 'objection-upheld']);

    clock.set(afterTheEnd);
    const closed = await as(ctx.officer).post(`/public-notices/${noticeId}/close`).expect(201);
    expect(closed.body.passedApplicationIds).toEqual([...rest].sort());
    expect(await Promise.all(ids.map(statusOf))).toEqual(['rejected', 'notice_passed', 'notice_passed']);
    expect((await as(ctx.officer).get(`/public-notices/${noticeId}`).expect(200)).body.objections).toEqual({ total: 1, open: 0, upheld: 1, dismissed: 0 });
  });

  it('leaves a notice with an open objection to the job, which waits; the last resolution after the end closes it', async () => {
    const { noticeId, ids } = await noticeWith(2);
    const objection = (await file(noticeId, { applicationId: ids[1], reason: '不属实' }).expect(201)).body;

    clock.set(afterTheEnd);
    // The end has come: run the delayed closing job now instead of waiting seven real days.
    const job = await closingJob(ctx.noticeQueue, noticeId);
    expect(await job.getState()).toBe('delayed');
    await job.promote();
    await eventually(async () => expect(await job.getState()).toBe('completed'));
    expect((await ctx.noticeQueue.getJob(job.id!))?.returnvalue).toEqual({ skipped: 'unresolved_objections' });
    expect(await noticeRow(noticeId)).toEqual({ status: 'open', closed_by: null });

    const last = await resolve(objection.id, { outcome: 'dismissed', note: '经核实不属实' }).expect(201);
    expect(last.body).toMatchObject({ noticeClosed: true, passedApplicationIds: [...ids].sort() });
    expect(await noticeRow(noticeId)).toEqual({ status: 'closed', closed_by: 'objection_resolved' });
    expect([await statusOf(ids[0]), await statusOf(ids[1])]).toEqual(['notice_passed', 'notice_passed']);
    const [closed] = await events('PublicNoticeClosed', noticeId);
    expect(closed.payload).toMatchObject({ closedBy: 'objection_resolved', closedOn: afterTheEnd });
  });

  it('lets an objection to an application that left the notice hold it no longer', async () => {
    const { noticeId, ids } = await noticeWith(2);
    await file(noticeId, { applicationId: ids[0], reason: '不属实' }).expect(201);
    // She withdrew meanwhile (the withdrawal route is another part's; the state is what matters here).
    await sql(`UPDATE applications.applications SET status = 'withdrawn' WHERE id = $1`, [ids[0]]);
    clock.set(afterTheEnd);
    const closed = await as(ctx.officer).post(`/public-notices/${noticeId}/close`).expect(201);
    expect(closed.body.passedApplicationIds).toEqual([ids[1]]);
    expect(await statusOf(ids[0])).toBe('withdrawn');
  });

  it('resolves an objection once (409 after), takes only upheld or dismissed with a note, and only in scope', async () => {
    const { noticeId, ids } = await noticeWith(1);
    const objection = (await file(noticeId, { applicationId: ids[0], reason: '不属实' }).expect(201)).body;
    expect((await resolve(objection.id, { outcome: 'maybe', note: 'x' }).expect(400)).body.details.outcome).toBeDefined();
    expect((await resolve(objection.id, { outcome: 'dismissed' }).expect(400)).body.details.note).toBeDefined();

    const stranger = await ctx.app.tokenFor('officer', { townships: [newTownshipCode(county)] });
    expect((await resolve(objection.id, { outcome: 'upheld', note: 'x' }, stranger).expect(404)).body.code).toBe('not_found');
    await file(noticeId, { applicationId: ids[0], reason: '不属实' }, stranger).expect(404);
    const partner = await ctx.app.tokenFor('partner', { partnerId: 'partner-bama' });
    // Partners never see applications: the objection is as absent to them as to a stranger, body or not.
    expect((await resolve(objection.id, { outcome: 'upheld', note: 'x' }, partner).expect(404)).body).toEqual({
      code: 'not_found',
      message: `objection ${objection.id} was not found`,
      details: { id: objection.id },
    });
    await resolve(objection.id, {}, partner).expect(404);
    await file(noticeId, { applicationId: ids[0], reason: '不属实' }, partner).expect(404);
    expect(await statusOf(ids[0])).toBe('in_notice');

    await resolve(objection.id, { outcome: 'dismissed', note: '不属实' }).expect(201);
    const twice = await resolve(objection.id, { outcome: 'upheld', note: '又查实了' }).expect(409);
    expect(twice.body).toMatchObject({ code: 'objection_resolved', details: { status: 'dismissed' } });
    expect(await statusOf(ids[0])).toBe('in_notice');
    expect(await events('ObjectionResolved', ids[0])).toHaveLength(1);
  });
});
