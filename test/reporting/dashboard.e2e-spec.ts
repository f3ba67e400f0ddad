import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { AppConfig } from '@xingfu/common';
import { DAILY_SWEEP_JOB, drainJobs } from '@xingfu/jobs';
import { RedisConnection } from '@xingfu/platform';
import { eventually } from '@xingfu/testing';
import { Queue } from 'bullmq';
import { LoanDriver } from '../loans/loan-driver';
import { buybackBody, PartnerDriver } from '../partners/partner-driver';
import { useIntakeContext } from '../support/intake-context';
import { login } from '../support/standalone-app';
import { DashboardBrowser, DESKTOP, logInThroughPage, PHONE, SCREENSHOT_DIR, screenshot, shownFigure } from './dashboard-browser';
import { expectPageShows, percent, reportedDashboard, yuan } from './dashboard-check';

const MONTHLY = { amountFen: 300000, termMonths: 12, repaymentPlan: { kind: 'equal_monthly' }, disbursementMode: 'cash' };
const PASSWORD = 'a-long-password-1';
/** The business date the history ends on (the intake context puts its clock back to its start after every test). */
const AS_OF = '2027-02-25';

/**
 * The dashboard in headless Chromium (Debian's chromium, driven by playwright-core): on a small
 * real history (three loans through the real routes: one repaid month by month but 3 days late with its third, one never
 * repaid and now more than 60 days late, one partly in kind from a partner whose buyback was
 * confirmed; the fund committed and received), a foundation user logs in through the page and
 * the page shows the figures the report routes give that user, on a desktop and on a phone.
 */
describe('reporting: the dashboard shows the figures the report routes give (headless Chromium)', () => {
  const ctx = useIntakeContext({ label: 'dashboard' });
  const loans = new LoanDriver(ctx);
  const partners = new PartnerDriver(ctx);
  let baseUrl: string;
  let username: string;
  let token: string;
  let browser: DashboardBrowser;
  let queue: Queue;

  const api = async (path: string) => {
    const res = await ctx.app.http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** The business date moves on, and the loans' daily arrears sweep catches up to it. */
  const moveTo = async (date: string) => {
    ctx.clock.set(date);
    await queue.add(DAILY_SWEEP_JOB, { sweep: 'loan-arrears', reason: 'business-date' });
    await drainJobs(ctx.app.app, 120_000);
  };

  const repay = async (loanId: string, amountFen: number) => {
    const res = await ctx.app.http().post(`/api/v1/loans/${loanId}/repayments`).set('Authorization', `Bearer ${ctx.officer}`).set('Idempotency-Key', randomUUID()).send({ amountFen, paidOn: ctx.clock.today(), source: 'cash' });
    if (res.status !== 201) throw new Error(`the repayment answered ${res.status}: ${JSON.stringify(res.body)}`);
  };

  /** A mother of the partner's programme, her inputs delivered, her loan half in kind from the partner and paid out. */
  const partnerLoan = async (partner: { partnerId: string; token: string }) => {
    const { applicationId, enrolmentId } = await partners.delivered(partner);
    const guaranteeId = await loans.guarantees.guaranteeIdOf(applicationId);
    await loans.guarantees.nameHousehold(guaranteeId).expect(200);
    for (const role of ['township', 'village', 'household']) await loans.guarantees.sign(guaranteeId, role).expect(201);
    const loanId = await loans.loanIdOf(applicationId, 'awaiting_agreement');
    await loans.signAgreement(loanId).expect(201);
    const plan = partners.plan(partner.partnerId);
    await loans.fundWith(plan.amountFen);
    const res = await loans.disburse(loanId, loans.disbursementBody(plan));
    if (res.status !== 201) throw new Error(`the disbursement answered ${res.status}: ${JSON.stringify(res.body)}`);
    return { loanId, enrolmentId };
  };

  beforeAll(async () => {
    queue = new Queue('loans-sweeps', { connection: ctx.app.app.get(RedisConnection).options(), prefix: ctx.app.app.get(AppConfig).BULLMQ_PREFIX });
    // The page needs a real port; the test app was initialised without listening.
    await ctx.app.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(ctx.app.app.getHttpServer().address() as AddressInfo).port}`;

    // The history: the fund committed, three loans, three months of repayments for one of them, a buyback.
    await loans.openFund();
    const committed = await loans.fund.contribute({ amountFen: 2_000_000, source: 'foundation', stage: 'committed', date: ctx.clock.today() });
    if (committed.status !== 201) throw new Error(`the commitment answered ${committed.status}: ${JSON.stringify(committed.body)}`);
    const partner = await partners.partner();
    const paying = await loans.disbursedLoan({ plan: MONTHLY });
    await loans.disbursedLoan({ plan: MONTHLY }); // never repays
    const inKind = await partnerLoan(partner);
    for (const date of ['2026-12-22', '2027-01-22']) {
      await moveTo(date);
      await repay(paying.loanId, 25000);
    }
    // Her February instalment is 3 days late on the last date: at risk for PAR1, not for PAR30 (so the two differ).
    await moveTo(AS_OF);
    const recorded = await ctx.as(partner.token).post(`/enrolments/${inKind.enrolmentId}/buybacks`, buybackBody(AS_OF)).expect(201);
    await ctx.as(ctx.officer).post(`/buybacks/${recorded.body.buybacks[0].id}/confirmation`).expect(201);

    // A foundation user with a password, as the page's users are.
    const admin = await login(ctx.app, 'admin', 'admin-password-for-tests');
    username = `dashboard${randomUUID().slice(0, 6)}`;
    await ctx.app.http().post('/api/v1/users').set('Authorization', `Bearer ${admin}`).send({ username, password: PASSWORD, role: 'foundation' }).expect(201);
    token = await login(ctx.app, username, PASSWORD);

    // Reporting has heard the whole history: three loans, the buyback, the repayments.
    await eventually(
      async () => {
        const { total } = await api('/reports/portfolio?groupBy=project');
        expect(total).toMatchObject({ disbursedCount: 3 });
        // Two monthly repayments and the buyback's withholding.
        expect(total.repaidPrincipalFen + total.repaidFeeFen).toBeGreaterThanOrEqual(2 * 25000 + 200000);
      },
      { timeoutMs: 60_000 },
    );
    browser = await DashboardBrowser.open();
    process.stdout.write(`dashboard screenshots: ${SCREENSHOT_DIR}\n`);
  });

  beforeEach(() => ctx.clock.set(AS_OF));

  afterAll(async () => {
    await browser?.close();
    await queue?.close();
  });

  it('logs in through the page and shows the headline figures and the charts’ points the API gives the same user, on a desktop and on a phone', async () => {
    const expected = await reportedDashboard(api);
    const { total, recovery, funds } = expected.reports;
    // The history gives real figures, not dashes: 900,000 fen lent, a late loan at risk, money repaid of what fell due, the fund part arrived.
    expect(total.disbursedFen).toBe(900000);
    expect(total.par30Rate).toBeGreaterThan(0);
    expect(total.par1Rate).toBeGreaterThan(total.par30Rate);
    expect(recovery.total.recoveryRate).toBeGreaterThan(0);
    expect(funds.total.arrivalRate).not.toBeNull();
    expect(funds.total.revolvingRate).not.toBeNull();
    expect(expected.charts.recoveryByMonth.length).toBeGreaterThan(1);

    for (const [size, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const page = await browser.newPage(viewport);
      await logInThroughPage(page, baseUrl, username, PASSWORD);
      expect(await page.locator('#message').isHidden()).toBe(true);
      await expectPageShows(page, expected);
      // ECharts drew into a canvas of the chart's width: the page fits the screen, phone or desktop.
      const canvasWidth = await page.locator('#chart-par30 canvas').first().evaluate((c) => c.getBoundingClientRect().width);
      expect(canvasWidth).toBeGreaterThan(viewport.width * 0.3);
      expect(canvasWidth).toBeLessThanOrEqual(viewport.width);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(viewport.width);
      const path = await screenshot(page, size);
      process.stdout.write(`dashboard ${size} screenshot: ${path}\n`);
      await page.close();
    }
    expect(browser.problems).toEqual([]);
  });

  it('filters by project and date: the page asks the routes with the filters and shows what they answer', async () => {
    const page = await browser.newPage(DESKTOP);
    await logInThroughPage(page, baseUrl, username, PASSWORD);
    // Loans were all paid out in November: from December on the portfolio lends nothing, while instalments still fell due.
    const filters = { projectId: ctx.projectId, from: '2026-12-01', to: '2027-02-28' };
    await page.selectOption('#filter-project', ctx.projectId);
    await page.fill('#filter-from', filters.from);
    await page.fill('#filter-to', filters.to);
    const asked = page.waitForRequest((r) => r.url().includes('/api/v1/reports/portfolio?groupBy=township'));
    await page.click('#filter-apply');
    const url = new URL((await asked).url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ groupBy: 'township', ...filters });
    // A locator, not waitForFunction with a string: the page's CSP (rightly) forbids eval.
    await page.locator('#board:not([aria-busy])').waitFor();
    const expected = await reportedDashboard(api, filters);
    expect(expected.figures.disbursed).toEqual({ text: yuan(0), value: '0' });
    expect(expected.figures.recoveryRate.text).not.toBe(percent(null));
    await expectPageShows(page, expected);
    await page.close();
    expect(browser.problems).toEqual([]);
  });

  it('says what went wrong in words, never a blank page: a wrong password, then a report route that refuses', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(`${baseUrl}/dashboard`);
    await page.fill('#username', username);
    await page.fill('#password', 'not-the-password');
    await page.click('#login-submit');
    await page.waitForSelector('#message:not([hidden])');
    expect(await page.textContent('#message')).toBe('用户名或密码错误。');
    expect(await page.locator('#login').isVisible()).toBe(true);

    // A token the routes no longer accept (as after a logout elsewhere): back to the login, with the reason.
    await page.evaluate("sessionStorage.setItem('xingfu.dashboard.token', 'e30.e30.not-a-signature')");
    await page.reload();
    await page.waitForSelector('#login:not([hidden])');
    await page.waitForSelector('#message:not([hidden])');
    expect(await page.textContent('#message')).toBe('登录已过期或无效，请重新登录。');
    await page.close();
  });

  it('serves the page, its script and ECharts from this process under helmet’s content security policy, outside /api/v1', async () => {
    const page = await ctx.app.http().get('/dashboard').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(page.text).not.toMatch(/https?:\/\//); // nothing from another origin
    const echarts = await ctx.app.http().get('/dashboard/assets/echarts.min.js').expect(200);
    expect(echarts.headers['content-type']).toMatch(/javascript/);
    expect(echarts.text.length).toBeGreaterThan(500_000);
    await ctx.app.http().get('/dashboard/dashboard.js').expect(200).expect('content-type', /javascript/);
    await ctx.app.http().get('/dashboard/dashboard.css').expect(200).expect('content-type', /css/);
    // No other file is reachable under the path, and the API prefix does not serve the page.
    expect((await ctx.app.http().get('/dashboard/../package.json')).status).toBe(404);
    expect((await ctx.app.http().get('/dashboard/page/index.html')).status).toBe(404);
    expect((await ctx.app.http().get('/api/v1/dashboard')).status).toBe(404);
  });
});
