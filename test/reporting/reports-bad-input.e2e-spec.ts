import { describeFieldByField, RouteCase } from '../support/field-by-field';
import { useIntakeContext } from '../support/intake-context';

/**
 * The report routes and their exports, query field by field (test/support/field-by-field.ts):
 * never a 5xx, always the one error shape, whatever a client puts in groupBy, projectId, from, to.
 */
describe('every report route, field by field: never a 5xx, always the one error shape', () => {
  const today = '2026-11-22';
  const ctx = useIntakeContext({ label: 'reportsbadinput', today });
  const grouped = () => ({ groupBy: 'township,month', projectId: ctx.projectId, from: '2026-01-01', to: today });
  const fund = () => ({ projectId: ctx.projectId });

  const ROUTES: RouteCase[] = ['portfolio', 'recovery', 'funds', 'rejections'].flatMap((report) => [report, `${report}.csv`, `${report}.xlsx`]).map((path) => ({
    route: `GET /api/v1/reports/${path}`,
    as: 'foundation',
    query: path.startsWith('funds') ? fund : grouped,
    keepsFixture: true,
  }));

  describeFieldByField('report', ctx, ROUTES, { today, documented: /^\/api\/v1\/reports\/(portfolio|recovery|funds|rejections)/ });
});
