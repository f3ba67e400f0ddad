import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's chromium (.ci/run installs it); playwright-core drives it and downloads no browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Where the dashboard tests leave their screenshots (git ignores it). */
export const SCREENSHOT_DIR = resolve(__dirname, '../../test-output/dashboard');

/**
 * A headless Chromium with a fresh profile of its own, and what its pages said: console errors
 * (a refused script, a content security policy violation) and uncaught page errors, which a
 * test checks are none.
 */
export class DashboardBrowser {
  readonly problems: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    private readonly profile: string,
  ) {}

  static async open(viewport = DESKTOP): Promise<DashboardBrowser> {
    const profile = mkdtempSync(join(tmpdir(), 'xingfu-dashboard-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport, locale: 'zh-CN' });
    return new DashboardBrowser(context, profile);
  }

  async newPage(viewport = DESKTOP): Promise<Page> {
    const page = await this.context.newPage();
    await page.setViewportSize(viewport);
    page.on('console', (m) => {
      if (m.type() === 'error') this.problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`page error: ${e.message}`));
    return page;
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** A full-page screenshot under SCREENSHOT_DIR; its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Logs in through the page's form and waits until the board has loaded (or failed, with its message). */
export async function logInThroughPage(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/dashboard`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#login-submit');
  await page.waitForSelector('#board[data-loaded]', { timeout: 60_000 });
}

/** What the page shows for a headline figure: its text and the raw value it carries. */
export async function shownFigure(page: Page, name: string): Promise<{ text: string; value: string }> {
  const el = page.locator(`dd[data-figure="${name}"]`);
  return { text: ((await el.textContent()) ?? '').trim(), value: (await el.getAttribute('data-value')) ?? '' };
}

/** The points a chart was drawn from (the page leaves them on the chart's element). */
export async function chartPoints(page: Page, name: string): Promise<unknown[][]> {
  return JSON.parse((await page.locator(`[data-figure="${name}"]`).getAttribute('data-points')) ?? 'null') as unknown[][];
}
