/**
 * The meeting editor's address completion and the series questions in a real browser (web host in-process):
 * attendees completed from the contacts with the keyboard (combobox with a listbox popup), an occurrence of my
 * series changed "this and all following" (an override with RANGE=THISANDFUTURE goes out), and one occurrence
 * cancelled "this meeting only" (a CANCEL for that RECURRENCE-ID). Screenshots go to test-results/screenshots/
 * and each screen is checked with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/web/webHost.js';
import { createEvent } from '../../shared/itip/index.js';
import { ME, NOW, orchestratorFor, outboxFiles } from '../electron/app/appFixtures.js';
import {
  browserAvailable,
  ensureRendererBuilt,
  launchChromium,
  openPage,
  screenshot,
  seriousA11yViolations,
} from './browserSetup.js';

const unfold = (t: string) => t.replace(/\r?\n[ \t]/g, '');
const CONTACTS = [
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Carol Meyer',
  'EMAIL:carol@example.net',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Carl Jones',
  'EMAIL:carl@example.org',
  'END:VCARD',
  '',
].join('\r\n');

describe.skipIf(!browserAvailable())('address completion and series edits in a browser (web host)', () => {
  let dir: string;
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  // Today in the page's zone: the calendar opens on this week.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

  beforeAll(async () => {
    const rendererDir = ensureRendererBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-series-browser-'));
    host = await startWebHost({ dataDir: path.join(dir, 'data'), rendererDir, now: () => NOW, fsync: false });
    await host.data.addMe([ME]);
    await host.data.updateConfig({ undoSeconds: 60 });
    await host.data.contacts.importVcf(CONTACTS);
    // My daily standup from today, three times.
    const ev = {
      uid: 'standup-1',
      summary: 'Standup',
      start: `${today}T08:00`,
      end: `${today}T08:15`,
      tz: 'Europe/Berlin',
      allDay: false,
      rrule: 'FREQ=DAILY;COUNT=3',
      attendees: [{ address: 'bob@example.com' }],
    };
    await orchestratorFor(host.data).act('standup-1', 'create', (_s, ctx) => createEvent(ev, ctx));
    browser = await launchChromium();
    ({ page } = await openPage(browser, { width: 1280, height: 900, locale: 'en-GB' }, pageErrors));
    await page.goto(host.url);
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Calendar/ })
      .click();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('completes attendees from the contacts with the keyboard', async () => {
    const before = outboxFiles(host.data.root).length;
    await page.getByRole('button', { name: 'New meeting' }).click();
    const dialog = page.getByRole('dialog', { name: 'New meeting' });
    await dialog.getByLabel('Title').fill('Budget review');
    const field = dialog.getByRole('combobox', { name: 'Attendees', exact: true });
    await field.fill('car');
    const list = dialog.getByRole('listbox', { name: 'Attendees', exact: true });
    await expect
      .poll(() => list.getByRole('option').allTextContents())
      .toEqual(['Carl Jones <carl@example.org>', 'Carol Meyer <carol@example.net>']);
    expect(await field.getAttribute('aria-expanded')).toBe('true');
    await field.press('ArrowDown');
    await field.press('ArrowDown');
    const second = list.getByRole('option', { name: /Carol Meyer/ });
    expect(await second.getAttribute('aria-selected')).toBe('true');
    expect(await field.getAttribute('aria-activedescendant')).toBe(await second.getAttribute('id'));
    await screenshot(page, 'organize-attendee-completion');
    expect(await seriousA11yViolations(page, '.organize-dialog')).toEqual([]);
    await field.press('Enter');
    await expect
      .poll(() => dialog.getByRole('list', { name: 'Attendees', exact: true }).textContent())
      .toContain('carol@example.net');
    expect(await field.inputValue()).toBe('');
    expect(await field.getAttribute('aria-expanded')).toBe('false');
    // Typed without a contact: Enter takes it as it is; Escape only closes the list, not the dialog.
    await field.fill('dave@example.com');
    await field.press('Enter');
    await field.fill('ca');
    await expect.poll(() => list.isVisible()).toBe(true);
    await field.press('Escape');
    await expect.poll(() => list.isVisible()).toBe(false);
    expect(await dialog.count()).toBe(1);
    await field.fill('');
    await screenshot(page, 'organize-attendees-chosen');
    await dialog.getByRole('button', { name: 'Send invitations' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const sent = outboxFiles(host.data.root).slice(before);
    expect(sent.map((f) => /^To: (.*)$/m.exec(f)?.[1]).sort()).toEqual(['carol@example.net', 'dave@example.com']);
  });

  it('changes one occurrence and all following: asked which meetings, an override with THISANDFUTURE goes out', async () => {
    const before = outboxFiles(host.data.root).length;
    const occurrences = page.getByRole('button', { name: /Standup/ });
    await expect.poll(() => occurrences.count()).toBeGreaterThanOrEqual(2);
    await occurrences.nth(1).click();
    const details = page.getByRole('complementary', { name: 'Standup' });
    await details.getByRole('button', { name: 'Edit' }).click();
    const scope = details.getByRole('group', { name: 'Change which meetings?' });
    await expect.poll(() => scope.getByRole('radio').count()).toBe(3);
    expect(await scope.getByRole('radio', { name: 'This meeting only' }).isChecked()).toBe(true);
    await scope.getByRole('radio', { name: 'This and all following meetings' }).check();
    await screenshot(page, 'organize-series-scope');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await details.getByRole('button', { name: 'Continue' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit meeting' });
    await dialog.getByLabel('Title').fill('Standup (new format)');
    await dialog.getByRole('button', { name: 'Save and send' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const sent = outboxFiles(host.data.root).slice(before).map(unfold);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/RECURRENCE-ID;RANGE=THISANDFUTURE|RECURRENCE-ID;TZID=Europe\/Berlin;RANGE=THISANDFUTURE/);
    expect(sent[0]).toMatch(/SUMMARY:Standup \(new format\)/);
    await page.keyboard.press('Escape');
  });

  it('cancels this meeting only: a CANCEL for that occurrence, the series stays', async () => {
    const before = outboxFiles(host.data.root).length;
    const first = page.getByRole('button', { name: /^Standup(?! \(new)/ }).first();
    await first.click();
    const details = page.getByRole('complementary', { name: 'Standup' });
    await details.getByRole('button', { name: 'Cancel meeting' }).click();
    const scope = details.getByRole('group', { name: 'Cancel which meetings?' });
    expect(await scope.getByRole('radio', { name: 'This meeting only' }).isChecked()).toBe(true);
    await screenshot(page, 'organize-cancel-scope');
    await details.getByRole('button', { name: 'Cancel and tell the attendees' }).click();
    await expect.poll(() => outboxFiles(host.data.root).length).toBe(before + 1);
    const sent = unfold(outboxFiles(host.data.root)[before] ?? '');
    expect(sent).toMatch(/method=CANCEL/);
    expect(sent).toMatch(/RECURRENCE-ID/);
    const stored = unfold(host.data.calendar.getText('standup-1') ?? '');
    expect(stored).toMatch(/RRULE:FREQ=DAILY;COUNT=3/);
    expect(stored).not.toMatch(/^STATUS:CANCELLED\r?\n(?:.*\r?\n)*?RRULE/m);
    expect(pageErrors).toEqual([]);
  });
});
