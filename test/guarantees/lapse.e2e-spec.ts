import { AppConfig } from '@xingfu/common';
import { DAILY_SWEEP_JOB, drainJobs } from '@xingfu/jobs';
import { RedisConnection } from '@xingfu/platform';
import { Queue } from 'bullmq';
import { useIntakeContext } from '../support/intake-context';
import { GuaranteeDriver } from './guarantee-driver';

/**
 * The deadline follows the business date: moving it past the deadline and letting the daily
 * sweep catch up lapses what is still open, with no wall-clock wait. (The jobs runtime adds the
 * same catch-up run when a managed business date is moved; here the test adds it.)
 */
describe.each([
  { transport: 'in-process', kafka: false },
  { transport: 'kafka', kafka: true },
])('guarantees: a guarantee not effective by its deadline lapses, and may be reopened once (events $transport)', ({ kafka }) => {
  const ctx = useIntakeContext({ label: 'guaranteelapse', kafka });
  const d = new GuaranteeDriver(ctx);
  let queue: Queue;
  const sweepOn = async (date: string) => {
    ctx.clock.set(date);
    queue ??= new Queue('guarantees-sweeps', { connection: ctx.app.app.get(RedisConnection).options(), prefix: ctx.app.app.get(AppConfig).BULLMQ_PREFIX });
    await queue.add(DAILY_SWEEP_JOB, { sweep: 'guarantee-deadlines', reason: 'business-date' });
    await drainJobs(ctx.app.app);
  };
  afterAll(() => queue?.close());

  it('lapses on the first business date after the deadline, keeps the effective one, and reopens once with a new deadline', async () => {
    const lapsing = await d.opened();
    await d.nameHousehold(lapsing.guaranteeId).expect(200);
    await d.sign(lapsing.guaranteeId, 'township').expect(201);
    const effective = await d.effective();

    await sweepOn('2026-12-06');
    expect((await d.get(lapsing.guaranteeId).expect(200)).body.status).toBe('open');
    await sweepOn('2026-12-07');
    const lapsed = (await d.get(lapsing.guaranteeId).expect(200)).body;
    expect(lapsed).toMatchObject({ status: 'lapsed', lapsedOn: '2026-12-07', deadline: '2026-12-06' });
    expect((await d.get(effective.guaranteeId).expect(200)).body.status).toBe('effective');
    const [event] = await d.events(lapsing.guaranteeId, 'GuaranteeLapsed');
    expect(event.payload).toMatchObject({ deadline: '2026-12-06', lapsedOn: '2026-12-07' });
    expect(event.headers).toMatchObject({ actor: 'system:guarantee-deadline-sweep' });
    expect((await d.sign(lapsing.guaranteeId, 'village').expect(409)).body.details).toMatchObject({ currentState: 'lapsed', allowedSteps: ['reopen'] });
    await ctx.as(ctx.manager).post(`/guarantees/${lapsing.guaranteeId}/reopen`).expect(403);

    ctx.clock.set('2026-12-08');
    const reopened = await ctx.as(ctx.officer).post(`/guarantees/${lapsing.guaranteeId}/reopen`).expect(201);
    expect(reopened.body).toMatchObject({ status: 'open', reopened: true, reopenedOn: '2026-12-08', deadline: '2026-12-22' });
    expect(reopened.body.parties[0]).toMatchObject({ role: 'township', status: 'signed' });

    await sweepOn('2026-12-23');
    expect((await d.get(lapsing.guaranteeId).expect(200)).body.status).toBe('lapsed');
    const once = await ctx.as(ctx.officer).post(`/guarantees/${lapsing.guaranteeId}/reopen`).expect(409);
    expect(once.body).toMatchObject({ code: 'illegal_step', details: { currentState: 'lapsed', allowedSteps: [] } });
    expect((await d.events(lapsing.guaranteeId)).map((e) => e.type)).toEqual([
      'GuaranteeOpened', 'GuarantorSigned', 'GuaranteeLapsed', 'GuaranteeReopened', 'GuaranteeLapsed',
    ]);
  });
});
