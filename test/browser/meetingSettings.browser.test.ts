/**
 * Settings → Meetings in a real browser (web host in-process, temporary data dir): the default reminder, the reply
 * address per meeting, the iMIP address patterns and my name are saved into the data dir's config.json (where the CLI and
 * the agent read them), a pattern that cannot be used is refused in words next to the field, and German words the
 * same. Screenshots of the section in English and German go to test-results/screenshots/; axe and the layout check
 * (800 px wide) run on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/web/webHost.js';
import {
  browserAvailable,
  ensureRendererBuilt,
  launchChromium,
  layoutProblems,
  openPage,
  screenshot,
  SCREENSHOTS,
  seriousA11yViolations,
} from './browserSetup.js';

const ME = 'me@example.com';

describe.skipIf(!browserAvailable())('meeting settings in a browser (web host)', () => {
  let dir: string;
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const rendererDir = ensureRendererBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-meeting-settings-'));
    host = await startWebHost({ dataDir: path.join(dir, 'data'), rendererDir, fsync: false });
    await host.data.addMe([ME]);
    browser = await launchChromium();
    ({ page } = await openPage(browser, { width: 800, height: 600, locale: 'en-GB' }, pageErrors));
    await page.goto(host.url);
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Settings/ })
      .click();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const config = (): Record<string, unknown> =>
    JSON.parse(readFileSync(path.join(host.data.root, 'config.json'), 'utf8')) as Record<string, unknown>;
  const section = () => page.getByRole('region', { name: 'Meetings' });

  it('saves the reminder, the reply address switch and the patterns into config.json', async () => {
    const reminder = section().getByLabel('Remind me of meetings I accept or organize');
    await reminder.selectOption({ label: '15 minutes before' });
    await expect.poll(() => config()['defaultReminderMinutes']).toBe(15);

    const tokens = section().getByRole('checkbox', { name: 'A reply address for each meeting I create' });
    // Controlled by the saved settings: it turns on once the host has stored the choice.
    await tokens.click();
    await expect.poll(() => config()['replyTokens']).toBe(true);
    await expect.poll(() => tokens.isChecked()).toBe(true);

    const add = section().getByLabel('Add a pattern');
    await add.fill('*@example.com');
    await add.press('Enter');
    await expect.poll(() => config()['imipAddressPatterns']).toEqual(['*@example.com']);
    await expect.poll(() => add.inputValue()).toBe('');
    await add.fill('partner.example.net');
    await section().getByRole('button', { name: 'Add pattern' }).click();
    await expect.poll(() => config()['imipAddressPatterns']).toEqual(['*@example.com', 'partner.example.net']);
    await expect
      .poll(() => section().getByRole('list', { name: 'Address patterns' }).getByRole('listitem').count())
      .toBe(2);
  });

  it('saves my name, for the From of my mail and my name in meetings I create; empty removes it', async () => {
    const name = page.getByRole('region', { name: 'My addresses' }).getByLabel('My name');
    await name.fill('  Mia Meier ');
    await name.press('Enter');
    await expect.poll(() => config()['displayName']).toBe('Mia Meier');
    await name.fill('');
    await name.blur();
    await expect.poll(() => config()['displayName']).toBeNull();
    await name.fill('Mia Meier');
    await name.blur();
    await expect.poll(() => config()['displayName']).toBe('Mia Meier');
    await expect.poll(() => name.inputValue()).toBe('Mia Meier');
  });

  it('saves a name for one of my addresses once I have two, into config.json as a map by address', async () => {
    const region = page.getByRole('region', { name: 'My addresses' });
    await region.getByLabel('Add an address').fill('Mia@Work.example');
    await region.getByRole('button', { name: 'Add address' }).click();
    const work = region.getByRole('group', { name: 'A name for each address' }).getByLabel('Name for Mia@Work.example');
    await work.fill('Dr. Mia Meier');
    await work.press('Enter');
    await expect.poll(() => config()['addressNames']).toEqual({ 'mia@work.example': 'Dr. Mia Meier' });
    await screenshot(page, 'settings-address-names-en');
    await work.fill('');
    await work.blur();
    await expect.poll(() => config()['addressNames']).toEqual({});
  });

  it('refuses a pattern in words, keeps what was saved, and passes axe and the layout check', async () => {
    const add = section().getByLabel('Add a pattern');
    await add.fill('rooms.example.org, /^(?!room-)/');
    await add.press('Enter');
    const alert = section().getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toContain('"rooms.example.org, /^(?!room-)/" contains a space or a comma: enter one pattern at a time.');
    expect(await add.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('body').textContent()).not.toMatch(/updateSettings/);
    expect(config()['imipAddressPatterns']).toEqual(['*@example.com', 'partner.example.net']);

    await section().scrollIntoViewIfNeeded();
    await section().screenshot({ path: path.join(SCREENSHOTS, 'settings-meetings.png') });
    await screenshot(page, 'settings-meetings-page');
    expect(await seriousA11yViolations(page, '.settings-screen')).toEqual([]);
    expect(await layoutProblems(page)).toEqual([]);
  });

  it('a reload shows what was saved; German words the section and a refusal', async () => {
    await page.reload();
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Settings/ })
      .click();
    expect(await section().getByLabel('Remind me of meetings I accept or organize').inputValue()).toBe('15');
    expect(
      await section().getByRole('checkbox', { name: 'A reply address for each meeting I create' }).isChecked(),
    ).toBe(true);
    await page.getByLabel('Language').selectOption('de');
    const de = page.getByRole('region', { name: 'Besprechungen' });
    await expect.poll(() => de.count()).toBe(1);
    const add = de.getByLabel('Muster hinzufügen');
    await add.fill('/(unclosed/');
    await add.press('Enter');
    await expect
      .poll(() => de.getByRole('alert').textContent())
      .toContain('„/(unclosed/“ ist kein lesbarer regulärer Ausdruck');
    await de.screenshot({ path: path.join(SCREENSHOTS, 'settings-meetings-de.png') });
    expect(pageErrors).toEqual([]);
  });
});
