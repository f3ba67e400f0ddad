import { AddressInfo } from 'node:net';
import { eventually } from '@xingfu/testing';
import { DashboardBrowser, logInThroughPage, screenshot } from '../reporting/dashboard-browser';
import { expectPageShows, reportedDashboard } from '../reporting/dashboard-check';
import { expectGet, expectPost, MulingWorld } from './muling-world';

const DASHBOARD_PASSWORD = 'muling-dashboard-password-1';

interface LoansOwnFigures {
  disbursedCount: number;
  disbursedFen: number;
  repaidPrincipalFen: number;
  writtenOffFen: number;
  outstandingFen: number;
  dueFen: number;
  paidOfDueFen: number;
}

/** The loans service's own figures for the project: its fund view, its loans' balances, its instalments. */
async function loansOwnFigures(world: MulingWorld): Promise<LoansOwnFigures> {
  const fund = (await expectGet(world, world.tokens.foundation, `/projects/${world.projectId}/fund`)).body;
  const loans = (await expectGet(world, world.tokens.foundation, `/loans?projectId=${world.projectId}&pageSize=200`)).body.items as { balances: { principalRepaidFen: number } }[];
  const [due] = await world.app.dataSource.query(
    `SELECT sum(i.principal_fen + i.fee_fen)::bigint AS due, sum(i.principal_paid_fen + i.fee_paid_fen)::bigint AS paid
       FROM loans.instalments i JOIN loans.loans l ON l.id = i.loan_id
      WHERE l.project_id = $1 AND NOT i.superseded AND i.due_date <= $2`,
    [world.projectId, world.clock.today()],
  );
  return {
    disbursedCount: loans.length,
    disbursedFen: fund.disbursedFen,
    repaidPrincipalFen: loans.reduce((sum, l) => sum + l.balances.principalRepaidFen, 0),
    writtenOffFen: fund.writtenOffFen,
    outstandingFen: fund.outstandingFen,
    dueFen: Number(due.due),
    paidOfDueFen: Number(due.paid),
  };
}

/**
 * Stage 4, the figures: after the loans year, the foundation's reports (read models fed only
 * by events) agree with the loans service's own figures to the fen — disbursed, repaid,
 * written off, outstanding, what fell due and what of it was paid, the fund's 到位率 and
 * 滚动率 — and, in process, the dashboard a foundation user logs into shows what the reports say.
 */
export async function mulingReporting(world: MulingWorld): Promise<void> {
  const { tokens, projectId } = world;
  const own = await loansOwnFigures(world);
  const fund = (await expectGet(world, tokens.foundation, `/projects/${projectId}/fund`)).body;

  // Over Kafka reporting hears the last events a little after loans wrote them.
  const { total } = await eventually(async () => {
    const report = (await expectGet(world, tokens.foundation, `/reports/portfolio?groupBy=project&projectId=${projectId}`)).body;
    expect(report.total).toMatchObject({
      disbursedCount: own.disbursedCount,
      disbursedFen: own.disbursedFen,
      repaidPrincipalFen: own.repaidPrincipalFen,
      writtenOffFen: own.writtenOffFen,
      outstandingFen: own.outstandingFen,
      writtenOffCount: 1,
      approved: world.approved.length,
    });
    return report;
  }, { timeoutMs: 90000 });
  expect(total.applicants).toBe(world.mothers.length);
  expect(total.defaultedCount).toBe(4); // three park loans and the written-off farmer's

  const recovery = (await expectGet(world, tokens.foundation, `/reports/recovery?groupBy=month&projectId=${projectId}`)).body;
  expect(recovery.total).toMatchObject({ dueFen: own.dueFen, paidFen: own.paidOfDueFen });
  expect(recovery.total.recoveryRate).toBeCloseTo(own.paidOfDueFen / own.dueFen, 4);
  expect(recovery.total.recoveryRate).toBeGreaterThan(0.9); // the programme's published figure

  const funds = (await expectGet(world, tokens.foundation, `/reports/funds?projectId=${projectId}`)).body;
  expect(funds.total).toMatchObject({ committedFen: fund.committedFen, receivedFen: fund.receivedFen, disbursedFen: fund.disbursedFen });
  expect(Math.round(funds.total.arrivalRate * 10000)).toBe(fund.arrivalRateBasisPoints);
  expect(Math.round(funds.total.revolvingRate * 10000)).toBe(fund.revolvingRateBasisPoints);

  if (world.kafka) return;
  // The dashboard, logged into by a foundation user through its form, shows the same figures.
  const username = `mulingboard${Date.now().toString(36)}`;
  await expectPost(world, tokens.admin, '/users', { username, password: DASHBOARD_PASSWORD, role: 'foundation' });
  const server = world.app.app.getHttpServer();
  if (!server.listening) await world.app.app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api = async (path: string) => (await expectGet(world, tokens.foundation, path)).body;
  const browser = await DashboardBrowser.open();
  try {
    const page = await browser.newPage();
    await logInThroughPage(page, baseUrl, username, DASHBOARD_PASSWORD);
    await expectPageShows(page, await reportedDashboard(api));
    await screenshot(page, 'muling-desktop');
    expect(browser.problems).toEqual([]);
  } finally {
    await browser.close();
  }
}
