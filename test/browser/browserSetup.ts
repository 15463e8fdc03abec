/**
 * What the browser tests share: Debian's Chromium through playwright-core (skipped with a message where it is not
 * installed, unless CI=true), the renderer built when its sources are newer than build/renderer/, screenshots into
 * test-results/screenshots/, the accessibility check (axe-core: no serious or critical violation, or none at all)
 * and the layout check (nothing wider than the window, no raw ISO instant in the visible text).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { ROOT } from '../helpers/cli.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

/** True when the suite can run; otherwise says why once (and on CI a missing browser is an error, not a skip). */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true')
    throw new Error(`${CHROMIUM} is missing: install the Debian "chromium" package for the browser tests`);
  process.stderr.write(`browser tests skipped: ${CHROMIUM} is not installed (apt-get install chromium)\n`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** build/renderer/ as the current sources make it (scripts/test.mjs builds it first; this covers a lone vitest run). */
export function ensureRendererBuilt(): string {
  const dir = path.join(ROOT, 'build', 'renderer');
  const index = path.join(dir, 'index.html');
  const sources = Math.max(newest(path.join(ROOT, 'renderer')), newest(path.join(ROOT, 'shared')));
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
  }
  return dir;
}

export interface PageSetup {
  readonly width: number;
  readonly height: number;
  readonly locale: string;
  readonly colorScheme?: 'light' | 'dark';
}

/**
 * A page in a context of its own (the size, locale and colour scheme given; the meetings' zone, Europe/Berlin),
 * with page errors and Content-Security-Policy violations — which reach only the console — collected into `errors`.
 */
export async function openPage(
  browser: Browser,
  setup: PageSetup,
  errors: string[] = [],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: setup.width, height: setup.height },
    locale: setup.locale,
    timezoneId: 'Europe/Berlin',
    ...(setup.colorScheme ? { colorScheme: setup.colorScheme } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Serious and critical axe violations on the page as it is now, as readable lines (empty when none). */
export async function seriousA11yViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const result = await (include ? builder.include(include) : builder).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')})`,
    );
}

/** Every axe violation on the page, whatever its impact, as readable lines (empty when none). */
export async function a11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join('; ')})`,
  );
}

/** What a person sees that is wider than the window, or an ISO instant or date in the visible text. */
export async function layoutProblems(page: Page): Promise<string[]> {
  // Runs in the page (a string: the test's own type-check has no DOM library).
  return page.evaluate(`(() => {
    const problems = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) problems.push('page scrolls sideways: ' + doc.scrollWidth + ' > ' + doc.clientWidth);
    const main = document.querySelector('.main');
    if (main && main.scrollWidth > main.clientWidth + 1) problems.push('main scrolls sideways: ' + main.scrollWidth + ' > ' + main.clientWidth);
    const iso = /\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}|\\b\\d{4}-\\d{2}-\\d{2}\\b/.exec(document.body.innerText);
    if (iso) problems.push('raw instant in visible text: ' + iso[0]);
    return problems;
  })()`);
}
