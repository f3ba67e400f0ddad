import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const DASHBOARD_PATH = '/dashboard';

/** Where the page's files are: beside this file (ts-node, tests) or copied beside the built one (dist). */
export const PAGE_DIR = join(__dirname, 'page');

/**
 * Every file the dashboard serves, by URL. A closed list, so no request path ever reaches the
 * file system. ECharts is the package's own minified build (no CDN: the page loads nothing from
 * another origin, which helmet's content security policy would refuse anyway).
 */
// '/dashboard' also answers '/dashboard/' (Express routes are not strict about the trailing slash).
export function dashboardAssets(): Record<string, string> {
  const page = (file: string) => join(PAGE_DIR, file);
  return {
    [DASHBOARD_PATH]: page('index.html'),
    [`${DASHBOARD_PATH}/dashboard.js`]: page('dashboard.js'),
    [`${DASHBOARD_PATH}/format.js`]: page('format.js'),
    [`${DASHBOARD_PATH}/dashboard.css`]: page('dashboard.css'),
    [`${DASHBOARD_PATH}/assets/echarts.min.js`]: require.resolve('echarts/dist/echarts.min.js'),
  };
}

/** The files of the list that are not there (a build that did not copy page/). */
export function missingAssets(assets: Record<string, string>): string[] {
  return [...new Set(Object.values(assets))].filter((file) => !existsSync(file));
}
