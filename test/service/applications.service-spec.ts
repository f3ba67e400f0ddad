import { randomUUID } from 'node:crypto';
import { addDays } from '@xingfu/common';
import { LoanRepaid } from '@xingfu/contracts';
import { ApproveApplicationCommand } from '../../apps/applications/src/lifecycle/approve-application/approve-application.command';
import { OpenPublicNoticeCommand } from '../../apps/applications/src/notices/open-public-notice/open-public-notice.command';
import { PLAIN_APPROVAL } from '../support/intake';
import { ApplicationsContext } from './applications-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The applications service on the middle tier: its module alone (no HTTP, no other service),
 * driven through its commands, with the outbox and the queues drained before each assertion.
 */
describe('applications (service tier)', () => {
  const today = '2026-11-22';
  let ctx: ApplicationsContext;
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => ctx.dataSource.query(query, params) as Promise<T[]>;
  const eventsOf = (key: string) =>
    sql<{ type: string; status: string; headers: { actor: string; correlationId: string; causationId: string | null }; payload: Record<string, unknown> }>(
      `SELECT type, status, headers, payload FROM applications.outbox WHERE key = $1 ORDER BY seq`,
      [key],
    );

  beforeAll(async () => {
    ctx = await ApplicationsContext.start({ label: 'svcapps', today });
  });
  afterEach(() => {
    ctx.clock.set(today);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('builds an approved application through the commands; ApplicationApproved names the approving manager and carries the approval’s own correlation id', async () => {
    const { applicationId, officer, manager } = await ctx.newApprovedApplication();
    await ctx.drainOutbox();

    const events = await eventsOf(applicationId);
    expect(events.map((e) => e.type)).toEqual(['ApplicationSubmitted', 'HomeVisitRecorded', 'ApplicationScreened', 'CreditAssessed', 'ApplicationApproved']);
    expect(events.every((e) => e.status === 'published')).toBe(true);
    const approved = events.at(-1)!;
    expect(approved.headers).toMatchObject({ actor: `user:${manager.id}`, correlationId: expect.stringMatching(UUID), causationId: null });
    expect(approved.payload).toMatchObject({ applicationId, amountFen: 300000, termMonths: 12, approvedOn: today });
    // Maker-checker held: the survey was the officer's, the approval the manager's, each its own flow.
    expect(events[0].headers.actor).toBe(`user:${officer.id}`);
    expect(new Set(events.map((e) => e.headers.correlationId)).size).toBe(events.length);
    const [row] = await sql<{ status: string; approved_by: string }>(`SELECT status, approved_by FROM applications.applications WHERE id = $1`, [applicationId]);
    expect(row).toEqual({ status: 'approved', approved_by: manager.id });
  });

  it('refuses, through the command, an approval by the user who submitted the survey (maker-checker)', async () => {
    const { applicationId } = await ctx.newEligibleApplication();
    // The same user as the officer who surveyed her, now holding the county's project-manager role.
    const sameUser = ctx.as({ ...ctx.officer, role: 'project_manager', counties: [ctx.county] });
    const approval = new ApproveApplicationCommand({ applicationId, ...PLAIN_APPROVAL } as ApproveApplicationCommand['fields'], sameUser);
    await expect(ctx.execute(approval)).rejects.toMatchObject({ code: 'maker_checker' });
    expect(await eventsOf(applicationId)).not.toContainEqual(expect.objectContaining({ type: 'ApplicationApproved' }));
  });

  it('closes a notice with the daily sweep once the business date passes its last day, and not on its last day', async () => {
    const { applicationId, noticeId, endDate } = await ctx.newApplicationInNotice();
    await ctx.drainOutbox();
    await ctx.drainJobs();
    const notice = async () => (await sql<{ status: string; closed_by: string | null }>(`SELECT status, closed_by FROM applications.public_notices WHERE id = $1`, [noticeId]))[0];

    await ctx.setBusinessDate(endDate);
    await ctx.drainJobs();
    expect(await notice()).toEqual({ status: 'open', closed_by: null });

    await ctx.setBusinessDate(addDays(endDate, 1));
    await ctx.drainJobs();
    await ctx.drainOutbox();
    expect(await notice()).toEqual({ status: 'closed', closed_by: 'job' });
    const [application] = await sql<{ status: string }>(`SELECT status FROM applications.applications WHERE id = $1`, [applicationId]);
    expect(application.status).toBe('notice_passed');
    const [closed] = (await eventsOf(noticeId)).filter((e) => e.type === 'PublicNoticeClosed');
    expect(closed).toMatchObject({ status: 'published', headers: { actor: 'system:public-notice-sweep' }, payload: { closedOn: addDays(endDate, 1), passedApplicationIds: [applicationId] } });
    const runs = await sql<{ date: string }>(`SELECT business_date::text AS date FROM platform.sweep_runs WHERE service = 'applications' AND sweep = 'public-notices' ORDER BY 1`);
    expect(runs.at(-1)?.date).toBe(addDays(endDate, 1));
  });

  it('closes an approved application from an injected LoanRepaid, with LoanRepaid as the cause of ApplicationClosed', async () => {
    const { applicationId, projectId } = await ctx.newApprovedApplication();
    const loanId = randomUUID();
    const repaid = await ctx.inject(LoanRepaid, {
      aggregateId: loanId,
      payload: { loanId, applicationId, projectId, repaidOn: '2027-11-20', principalFen: 300000 },
      actor: 'user:loans-officer',
    });
    await ctx.drainOutbox();

    const [application] = await sql<{ status: string }>(`SELECT status FROM applications.applications WHERE id = $1`, [applicationId]);
    expect(application.status).toBe('closed');
    const [closed] = (await eventsOf(applicationId)).filter((e) => e.type === 'ApplicationClosed');
    expect(closed).toMatchObject({
      status: 'published',
      headers: { correlationId: repaid.correlationId, causationId: repaid.eventId, actor: `event:LoanRepaid:${repaid.eventId}` },
      payload: { applicationId, fromStatus: 'approved', cause: 'loan_repaid', loanId, closedOn: '2027-11-20' },
    });
    // Delivered through the consumer's inbox, so a second delivery of the same event does nothing.
    expect(await sql(`SELECT 1 FROM applications.inbox WHERE consumer = 'applications.close-application-when-loan-repaid' AND event_id = $1`, [repaid.eventId])).toHaveLength(1);
    expect(await ctx.deadLetters()).toEqual([]);
  });

  it('parks a LoanRepaid for an application that was never approved, and leaves the application as it was', async () => {
    const { applicationId, projectId } = await ctx.newEligibleApplication();
    const loanId = randomUUID();
    const repaid = await ctx.inject(LoanRepaid, { aggregateId: loanId, payload: { loanId, applicationId, projectId, repaidOn: '2027-11-20', principalFen: 300000 } });
    await ctx.drainOutbox();

    expect(await ctx.deadLetters()).toEqual([
      { service: 'applications', consumer: 'applications.close-application-when-loan-repaid', eventId: repaid.eventId, error: expect.stringContaining('eligible') },
    ]);
    const [application] = await sql<{ status: string }>(`SELECT status FROM applications.applications WHERE id = $1`, [applicationId]);
    expect(application.status).toBe('eligible');
    expect((await eventsOf(applicationId)).map((e) => e.type)).not.toContain('ApplicationClosed');
  });

  it('keeps each command within the scope of its context: an officer of another township does not find the application', async () => {
    const { applicationId, villageCode } = await ctx.newEligibleApplication();
    // A township of a county no test here uses (theirs start with 2).
    const stranger = ctx.as('officer', { townships: ['110101001'] });
    const opening = new OpenPublicNoticeCommand({ villageCode, applicationIds: [applicationId], startDate: today }, stranger);
    await expect(ctx.execute(opening)).rejects.toMatchObject({ code: 'not_found' });
    const [application] = await sql<{ status: string }>(`SELECT status FROM applications.applications WHERE id = $1`, [applicationId]);
    expect(application.status).toBe('eligible');
  });
});
