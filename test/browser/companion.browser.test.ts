/**
 * The companion in a real browser, through the web host started in-process on a free port with a temporary data
 * dir: the flows that need no mail server. The tests run in order on one page, like a person using the app:
 * an invitation becomes a card, Accept writes the REPLY and the calendar shows the event accepted, a party crasher
 * (arriving while the page is open, via the event stream) is approved, the policy changed in Settings is saved.
 * Every main screen is screenshotted (test-results/screenshots/) and checked with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/web/webHost.js';
import {
  ME,
  NOW,
  invitationMail,
  orchestratorFor,
  outboxFiles,
  partyCrasherMail,
  storeOrganized,
} from '../electron/app/appFixtures.js';
import {
  browserAvailable,
  ensureRendererBuilt,
  launchChromium,
  openPage,
  screenshot,
  seriousA11yViolations,
} from './browserSetup.js';

const available = browserAvailable();

describe.skipIf(!available)('the companion in a browser (web host)', () => {
  let dir: string;
  let host: WebHost;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const rendererDir = ensureRendererBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-browser-'));
    host = await startWebHost({ dataDir: path.join(dir, 'data'), rendererDir, now: () => NOW, fsync: false });
    await host.data.addMe([ME]);
    await storeOrganized(host.data);
    await orchestratorFor(host.data).processMail(invitationMail());
    browser = await launchChromium();
    // Page errors and CSP violations are collected: the strict policy must hold for everything the renderer does.
    ({ context, page } = await openPage(browser, { width: 1280, height: 860, locale: 'en-GB' }, pageErrors));
    // The host's clock says 1 March 2026; the page's "today" is the week of the meetings.
    await page.clock.setFixedTime(new Date('2026-03-10T10:00:00Z'));
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const nav = (name: string): Promise<void> =>
    page
      .getByRole('navigation')
      .getByRole('button', { name: new RegExp(`^${name}`) })
      .click();

  it('signs in with the printed link, keeps the token out of the address bar, and shows the invitation as a card', async () => {
    expect(page.url()).toBe(`${host.origin}/`);
    const cookies = await context.cookies();
    expect(cookies).toEqual([
      expect.objectContaining({ name: `imip_companion_${host.port}`, httpOnly: true, sameSite: 'Strict' }),
    ]);
    const card = page.getByRole('article', { name: 'Quarterly planning' });
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => card.textContent()).toMatch(/Olga invites you/);
    // The design review I organize overlaps: the card says so.
    expect(await card.textContent()).toMatch(/Design review/);
    await screenshot(page, 'decisions');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('Accept writes the REPLY into the outbox and the calendar shows the event accepted', async () => {
    const card = page.getByRole('article', { name: 'Quarterly planning' });
    await card.getByRole('textbox').fill('Looking forward to it');
    await card.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => card.count()).toBe(0);
    const [reply] = outboxFiles(host.data.root);
    expect(reply).toMatch(/method=REPLY/);
    expect(reply).toMatch(/PARTSTAT=ACCEPTED/);
    expect(reply).toMatch(/Looking forward to it/);

    await nav('Calendar');
    const event = page.getByRole('button', { name: /Quarterly planning/ });
    await expect.poll(() => event.count()).toBe(1);
    // An unanswered, tentative or declined event says so in its accessible name; an accepted one does not. The
    // time is Intl's for the locale, as on every card (en-GB in Chromium: "9:00", no leading zero).
    expect(await event.textContent()).toMatch(/^0?9:00\s?–\s?10:00\s*Quarterly planning$/);
    await screenshot(page, 'calendar');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await event.click();
    const details = page.getByRole('complementary', { name: 'Quarterly planning' });
    await expect.poll(() => details.textContent()).toMatch(/Me <me@example\.com>: accepted/);
    await screenshot(page, 'event');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('a party crasher arriving while the page is open can be approved', async () => {
    await nav('Decisions');
    await orchestratorFor(host.data).processMail(partyCrasherMail());
    host.service.refresh(); // what the agent does after processing mail: the page hears it over the event stream
    const card = page.getByRole('article').filter({ hasText: 'carol@example.net' });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toMatch(/answered “accepted” to\s*Design review/);
    await screenshot(page, 'party-crasher');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await card.getByRole('button', { name: 'Add them' }).click();
    await expect.poll(() => card.count()).toBe(0);
    const event = await host.service.getEvent({ uid: 'mine-1', recurrenceId: null });
    expect(event.attendees.map((a) => a.address)).toContain('carol@example.net');
  });

  it('the activity screen lists what happened and what I decided, newest first', async () => {
    await nav('Activity');
    const rows = page.getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(5);
    // Newest first: my approval of Carol is the last thing that happened. (The host's clock is fixed, so the
    // other rows share one time and their order among themselves is not asserted.)
    expect(await rows.nth(1).textContent()).toMatch(/You: Add them.*carol@example\.net/);
    const texts = await rows.allTextContents();
    expect(texts.some((t) => /Incoming mail.*Answer from someone not invited/.test(t))).toBe(true);
    expect(texts.some((t) => /You: Accept.*Invitation.*Quarterly planning/.test(t))).toBe(true);
    expect(texts.some((t) => /Incoming mail.*Invitation.*Quarterly planning/.test(t))).toBe(true);
    await screenshot(page, 'activity');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('the policy changed in Settings is saved to config.json', async () => {
    await nav('Settings');
    // The radio is controlled by the saved settings: it turns on once the host has stored the choice.
    await page.getByRole('radio', { name: 'When I respond' }).click();
    const config = (): unknown => JSON.parse(readFileSync(path.join(host.data.root, 'config.json'), 'utf8')).policy;
    await expect.poll(config).toBe('never');
    await page.reload();
    await nav('Settings');
    await expect.poll(() => page.getByRole('radio', { name: 'When I respond' }).isChecked()).toBe(true);
    await screenshot(page, 'settings');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
