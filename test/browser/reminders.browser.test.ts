/**
 * Reminders in a real browser (web host in-process, temporary data dir): the reminder clock runs in the host's
 * process, not the page; a reminder due while the app was closed shows in the strip at once (marked missed), one that
 * falls due while the page is open arrives as a pushed event and becomes a browser notification (the permission
 * granted through the Chromium context), and Snooze / Dismiss are kept in the data dir; an AUDIO alarm plays the
 * page's own chime (its ATTACH never fetched), a DISPLAY one none. Screenshot of the strip goes to
 * test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/web/webHost.js';
import { ReminderState } from '../../electron/reminders/reminderState.js';
import {
  browserAvailable,
  ensureRendererBuilt,
  launchChromium,
  openPage,
  screenshot,
  seriousA11yViolations,
} from './browserSetup.js';

const ME = 'me@example.com';

/** An accepted meeting whose 15-minute reminder (DISPLAY, or AUDIO) rings at `alarmAt` (wall clock). */
function meeting(uid: string, summary: string, alarmAt: number, action: 'DISPLAY' | 'AUDIO' = 'DISPLAY'): string {
  const stamp = (ms: number) =>
    new Date(ms)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260301T100000Z',
    `DTSTART:${stamp(alarmAt + 15 * 60_000)}`,
    'DURATION:PT30M',
    `SUMMARY:${summary}`,
    'LOCATION:Room 4',
    'ORGANIZER:mailto:olga@example.org',
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
    'BEGIN:VALARM',
    `ACTION:${action}`,
    // An AUDIO alarm's sound file: never fetched (the page plays its own chime).
    ...(action === 'AUDIO' ? ['ATTACH;FMTTYPE=audio/basic:https://sounds.example.invalid/ring.au'] : []),
    `DESCRIPTION:${summary}`,
    'TRIGGER:-PT15M',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

describe.skipIf(!browserAvailable())('reminders in a browser (web host)', () => {
  let dir: string;
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const rendererDir = ensureRendererBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-reminders-browser-'));
    host = await startWebHost({ dataDir: path.join(dir, 'data'), rendererDir, fsync: false });
    await host.data.addMe([ME]);
    // Rang five minutes ago, before the host looked: shown at once, marked missed.
    await host.companion.store.run((d) =>
      d.calendar.put('missed-1', meeting('missed-1', 'Budget review', Date.now() - 5 * 60_000)),
    );
    host.service.refresh();
    browser = await launchChromium();
    const opened = await openPage(browser, { width: 1100, height: 760, locale: 'en-GB' }, pageErrors);
    page = opened.page;
    await opened.context.grantPermissions(['notifications'], { origin: host.origin });
    // Records the browser notifications the page shows (Chromium headless has no notification centre to look at).
    await page.addInitScript({
      content: `(() => {
        const Real = window.Notification;
        const shown = (window.shownNotifications = []);
        class Recording extends Real {
          constructor(title, options) {
            super(title, options);
            shown.push({ title, body: (options && options.body) || '' });
          }
        }
        Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
        Object.defineProperty(window, 'Notification', { value: Recording, configurable: true });
        // Records the tones the page starts through the real Web Audio API.
        const tones = (window.startedTones = []);
        const start = OscillatorNode.prototype.start;
        OscillatorNode.prototype.start = function (when) {
          tones.push(this.frequency.value);
          return start.call(this, when);
        };
      })();`,
    });
    page.on('request', (r) => fetched.push(r.url()));
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const strip = () => page.getByRole('region', { name: 'Reminders' });
  const shown = () => page.evaluate('window.shownNotifications') as Promise<{ title: string; body: string }[]>;
  const tones = () => page.evaluate('window.startedTones') as Promise<number[]>;
  const fetched: string[] = [];

  it('shows the missed reminder, then rings a new one as a browser notification pushed from the host', async () => {
    await expect.poll(() => strip().textContent()).toMatch(/Budget review.*Room 4.*\(missed\)/);
    expect(await shown()).toEqual([]);

    // A meeting added while the page is open (as an applied invitation or a sync would): its alarm in 3 s.
    await host.companion.store.run((d) => d.calendar.put('soon-1', meeting('soon-1', 'Standup', Date.now() + 3000)));
    host.service.refresh();
    await expect
      .poll(() => shown(), { timeout: 15_000 })
      .toEqual([expect.objectContaining({ title: 'Reminder: Standup' }) as unknown]);
    await expect.poll(() => strip().textContent()).toMatch(/Standup/);
    await screenshot(page, 'reminders-strip');
    expect(await seriousA11yViolations(page, '.reminders')).toEqual([]);
    // DISPLAY alarms ring silently.
    expect(await tones()).toEqual([]);
  });

  it('Snooze and Dismiss are kept in the data dir, and a reload shows what is still showing', async () => {
    const standup = strip().locator('.reminder', { hasText: 'Standup' });
    await standup.getByRole('button', { name: 'Snooze 5 min' }).click();
    await expect.poll(() => strip().textContent()).not.toMatch(/Standup/);
    const budget = strip().locator('.reminder', { hasText: 'Budget review' });
    await budget.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => page.locator('.reminders').count()).toBe(0);

    const state = JSON.parse(readFileSync(ReminderState.fileIn(host.data.root), 'utf8')) as {
      rung: Record<string, { alarm: { uid: string }; dismissed: boolean; snoozedUntil: number | null }>;
    };
    const byUid = Object.fromEntries(Object.values(state.rung).map((r) => [r.alarm.uid, r]));
    expect(byUid['missed-1']).toMatchObject({ dismissed: true });
    expect(byUid['soon-1']?.snoozedUntil).toBeGreaterThan(Date.now() + 4 * 60_000);

    await page.reload();
    await page.getByRole('navigation').waitFor();
    expect(await page.locator('.reminders').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('an AUDIO alarm plays the built-in chime through Web Audio and fetches nothing', async () => {
    // A key press on the page first, as a person's use of it: the browser then lets the page start audio.
    await page.keyboard.press('Shift');
    await host.companion.store.run((d) =>
      d.calendar.put('audio-1', meeting('audio-1', 'Call with Ana', Date.now() + 3000, 'AUDIO')),
    );
    host.service.refresh();
    await expect.poll(() => tones(), { timeout: 15_000 }).toEqual([880, 1318.5]);
    await expect.poll(() => strip().textContent()).toMatch(/Call with Ana/);
    expect(fetched.filter((u) => u.includes('example.invalid'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
