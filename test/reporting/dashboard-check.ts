import { Page } from 'playwright-core';
import { chartPoints, shownFigure } from './dashboard-browser';

/** A row of a report's JSON (`items`, `total`): flat, one key per column. */
export type Row = Record<string, any>;
/** GET a route of /api/v1 as the page's user; the JSON body. */
export type ReportApi = (path: string) => Promise<Row>;
export interface DashboardFilters {
  projectId?: string;
  from?: string;
  to?: string;
}

// What the page writes, computed here another way than the page does (Intl, toFixed), so a slip in either shows.
export const yuan = (fen: number) => `${fen < 0 ? '-' : ''}¥${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Math.abs(fen) / 100)}`;
export const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);
const times = (rate: number | null) => (rate === null ? '—' : `${rate.toFixed(4)} 次`);
const count = (n: number) => new Intl.NumberFormat('en-US').format(n);
const valueOf = (v: number | null) => (v === null ? '' : String(v));

const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
  return q.size > 0 ? `?${q}` : '';
};

/**
 * What the dashboard must show for these filters, from the report routes themselves (the
 * page's queries, asked with the same user's token): each headline figure as text and raw
 * value, and the points of each chart. Reusable after any history (the Muling scenario too).
 */
export async function reportedDashboard(api: ReportApi, filters: DashboardFilters = {}) {
  const f = { projectId: filters.projectId, from: filters.from, to: filters.to };
  const [{ total }, byTownship, byPartner, recovery, funds] = await Promise.all([
    api(`/reports/portfolio${query({ groupBy: 'project', ...f })}`),
    api(`/reports/portfolio${query({ groupBy: 'township', ...f })}`),
    api(`/reports/portfolio${query({ groupBy: 'partner', ...f })}`),
    api(`/reports/recovery${query({ groupBy: 'month', ...f })}`),
    api(`/reports/funds${query({ projectId: f.projectId })}`),
  ]);
  const figures: Record<string, { text: string; value: string }> = {
    loans: { text: count(total.disbursedCount), value: String(total.disbursedCount) },
    disbursed: { text: yuan(total.disbursedFen), value: String(total.disbursedFen) },
    outstanding: { text: yuan(total.outstandingFen), value: String(total.outstandingFen) },
    recoveryRate: { text: percent(recovery.total.recoveryRate), value: valueOf(recovery.total.recoveryRate) },
    par30: { text: percent(total.par30Rate), value: valueOf(total.par30Rate) },
    arrivalRate: { text: percent(funds.total.arrivalRate), value: valueOf(funds.total.arrivalRate) },
    revolvingRate: { text: times(funds.total.revolvingRate), value: valueOf(funds.total.revolvingRate) },
    outOfPovertyRate: { text: percent(total.outOfPovertyRate), value: valueOf(total.outOfPovertyRate) },
  };
  const byMonth = [...recovery.items].sort((a: Row, b: Row) => String(a.month).localeCompare(String(b.month)));
  const buybacks = byPartner.items.filter((r: Row) => (r.buybackGrossFen ?? 0) !== 0 || (r.buybackNetToMotherFen ?? 0) !== 0);
  const charts: Record<string, unknown[][]> = {
    recoveryByMonth: byMonth.map((r: Row) => [r.month, r.recoveryRate]),
    par30ByTownship: byTownship.items.map((r: Row) => [r.townshipCode, r.par30Rate]),
    fundTurnover: funds.items.map((r: Row) => [r.projectName ?? r.projectId, r.committedFen, r.receivedFen, r.disbursedFen, r.revolvingRate]),
    buybackByPartner: buybacks.map((r: Row) => [r.partnerId, r.buybackGrossFen ?? 0, r.buybackNetToMotherFen ?? 0]),
  };
  return { figures, charts, reports: { total, byTownship, byPartner, recovery, funds } };
}

/** The page (loaded) shows exactly those figures and charts. */
export async function expectPageShows(page: Page, expected: Pick<Awaited<ReturnType<typeof reportedDashboard>>, 'figures' | 'charts'>): Promise<void> {
  for (const name of Object.keys(expected.figures)) expect({ name, ...(await shownFigure(page, name)) }).toEqual({ name, ...expected.figures[name] });
  for (const name of Object.keys(expected.charts)) expect({ name, points: await chartPoints(page, name) }).toEqual({ name, points: expected.charts[name] });
}
