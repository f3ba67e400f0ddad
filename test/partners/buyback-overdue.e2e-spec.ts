import { AppConfig } from '@xingfu/common';
import { DAILY_SWEEP_JOB, drainJobs } from '@xingfu/jobs';
import { RedisConnection } from '@xingfu/platform';
import { Queue } from 'bullmq';
import { useIntakeContext } from '../support/intake-context';
import { buybackBody, PartnerDriver } from './partner-driver';

/** The expected buyback date follows the business date: 30 days past it with no buyback, the daily sweep flags the enrolment, once. */
describe('partners: a partner that has not come back to buy', () => {
  const ctx = useIntakeContext({ label: 'buybackoverdue' });
  const d = new PartnerDriver(ctx);
  let queue: Queue;
  const sweepOn = async (date: string) => {
    ctx.clock.set(date);
    queue ??= new Queue('partners-sweeps', { connection: ctx.app.app.get(RedisConnection).options(), prefix: ctx.app.app.get(AppConfig).BULLMQ_PREFIX });
    await queue.add(DAILY_SWEEP_JOB, { sweep: 'partners-buyback-overdue', reason: 'business-date' });
    await drainJobs(ctx.app.app);
  };
  afterAll(() => queue?.close());

  it('flags buyback_overdue 30 days after the expected buyback date, not before, not twice, and not one bought back; a late buyback clears it', async () => {
    const partner = await d.partner();
    const late = await d.delivered(partner);
    const bought = await d.delivered(partner);
    const undelivered = await d.enrolled(partner.partnerId);
    await ctx.as(partner.token).post(`/enrolments/${undelivered.enrolmentId}/acceptance`).expect(201);
    await d.disbursedAsLoansWould(bought.applicationId, { partnerId: partner.partnerId });
    ctx.clock.set('2027-03-25');
    await ctx.as(partner.token).post(`/enrolments/${bought.enrolmentId}/buybacks`, buybackBody('2027-03-25')).expect(201);

    // Delivered 2026-11-22 + 120 days = 2027-03-22; + 30 = 2027-04-21.
    await sweepOn('2027-04-20');
    expect((await ctx.as(ctx.officer).get(`/enrolments/${late.enrolmentId}`).expect(200)).body.status).toBe('accepted');
    await sweepOn('2027-04-21');
    const flagged = (await ctx.as(partner.token).get(`/enrolments/${late.enrolmentId}`).expect(200)).body;
    expect(flagged).toMatchObject({ status: 'buyback_overdue', expectedBuybackDate: '2027-03-22', flaggedOverdueOn: '2027-04-21' });
    await sweepOn('2027-04-22');
    const events = await d.events(late.enrolmentId, 'BuybackOverdue');
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ expectedBuybackDate: '2027-03-22', flaggedOn: '2027-04-21', partnerId: partner.partnerId });
    expect(events[0].headers).toMatchObject({ actor: 'system:buyback-overdue-sweep' });
    expect((await ctx.as(ctx.officer).get(`/enrolments/${bought.enrolmentId}`).expect(200)).body.status).toBe('bought_back');
    expect((await ctx.as(ctx.officer).get(`/enrolments/${undelivered.enrolmentId}`).expect(200)).body.status).toBe('accepted');

    const overdueList = (await ctx.as(ctx.manager).get(`/partners/${partner.partnerId}/enrolments?status=buyback_overdue`).expect(200)).body;
    expect(overdueList.items.map((e: { id: string }) => e.id)).toEqual([late.enrolmentId]);
    const lateBuyback = buybackBody('2027-04-22', { loanWithheldFen: 0, netPaidFen: 306566 });
    expect((await ctx.as(partner.token).post(`/enrolments/${late.enrolmentId}/buybacks`, lateBuyback).expect(201)).body.status).toBe('bought_back');
  });
});
