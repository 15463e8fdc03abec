/**
 * Acting on the calendar in a real browser (web host in-process, temporary data dir): a meeting created with the
 * New meeting form (one REQUEST written, the meeting in the calendar, its undo offered), and an answer undone from
 * the toast (the invitation's card back, its REPLY withdrawn from the outbox). Screenshots of the editor, the toast
 * and the event actions go to test-results/screenshots/; each screen is checked with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/web/webHost.js';
import { ME, NOW, invitationMail, orchestratorFor, outboxFiles } from '../electron/app/appFixtures.js';
import {
  browserAvailable,
  ensureRendererBuilt,
  launchChromium,
  openPage,
  screenshot,
  seriousA11yViolations,
} from './browserSetup.js';

describe.skipIf(!browserAvailable())('organizing and undo in a browser (web host)', () => {
  let dir: string;
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const rendererDir = ensureRendererBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-organize-browser-'));
    host = await startWebHost({ dataDir: path.join(dir, 'data'), rendererDir, now: () => NOW, fsync: false });
    await host.data.addMe([ME]);
    // A long grace period, so the undo is surely still possible when the test clicks it.
    await host.data.updateConfig({ undoSeconds: 60 });
    await orchestratorFor(host.data).processMail(invitationMail());
    browser = await launchChromium();
    ({ page } = await openPage(browser, { width: 1280, height: 860, locale: 'en-GB' }, pageErrors));
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates a meeting with the New meeting form: one REQUEST, the meeting in the calendar, undo offered', async () => {
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Calendar/ })
      .click();
    await page.getByRole('button', { name: 'New meeting' }).click();
    const dialog = page.getByRole('dialog', { name: 'New meeting' });
    await dialog.getByLabel('Title').fill('Roadmap sync');
    // Today at 10:00 in the page's zone: in the week the calendar shows, above the toast.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    await dialog.getByLabel('Starts').fill(`${today}T10:00`);
    await dialog.getByLabel('Ends').fill(`${today}T11:00`);
    await dialog.getByLabel('Location').fill('Room 7');
    await dialog.getByRole('combobox', { name: 'Attendees', exact: true }).fill('bob@example.com');
    await dialog.getByRole('combobox', { name: 'Attendees', exact: true }).press('Enter');
    await expect.poll(() => dialog.textContent()).toMatch(/You are free at this time|other event/);
    await screenshot(page, 'organize-editor');
    // The dialog is modal (the app behind it inert): it is what is checked.
    expect(await seriousA11yViolations(page, '.organize-dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Send invitations' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    const files = outboxFiles(host.data.root);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/method=REQUEST/);
    expect(files[0]).toMatch(/^To: .*bob@example\.com/m);
    expect(files[0]).toMatch(/SUMMARY:Roadmap sync/);
    const toast = page.locator('.undo-toast-region');
    await expect.poll(() => toast.textContent()).toMatch(/Undo \(\d+ s\)/);
    const event = page.getByRole('button', { name: /Roadmap sync/ });
    await expect.poll(() => event.count()).toBe(1);
    await screenshot(page, 'organize-created');

    await event.click();
    const details = page.getByRole('complementary', { name: 'Roadmap sync' });
    await expect.poll(() => details.getByRole('button', { name: 'Cancel meeting' }).count()).toBe(1);
    expect(await details.getByRole('button', { name: 'Edit' }).count()).toBe(1);
    await screenshot(page, 'organize-my-event');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('undoes an answer from the toast: the card is back and its REPLY withdrawn', async () => {
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Decisions/ })
      .click();
    const card = page.getByRole('article', { name: 'Quarterly planning' });
    await expect.poll(() => card.count()).toBe(1);
    await card.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => card.count()).toBe(0);
    expect(outboxFiles(host.data.root).filter((f) => /method=REPLY/.test(f))).toHaveLength(1);

    // The toast offers the answer's undo now (it offered the meeting's before): wait for it, then click.
    await expect
      .poll(() => page.locator('.undo-toast-region').textContent())
      .toMatch(/You accepted "Quarterly planning"/);
    const undo = page.getByRole('button', { name: /^Undo \(\d+ s\)$/ });
    await expect.poll(() => undo.count()).toBe(1);
    await screenshot(page, 'organize-undo-toast');
    await undo.click();
    await expect
      .poll(() => page.locator('.undo-toast-region').textContent())
      .toMatch(/Undone: "Quarterly planning" is as it was/);
    await expect.poll(() => card.count()).toBe(1);
    expect(outboxFiles(host.data.root).filter((f) => /method=REPLY/.test(f))).toHaveLength(0);
    expect(host.data.pending.size).toBe(1);
    await screenshot(page, 'organize-undone');
    expect(pageErrors).toEqual([]);
  });
});
