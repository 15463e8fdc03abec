/**
 * A decision card used by keyboard alone, in Chromium through the web host: the skip link first, then each card's
 * controls in reading order with a visible focus ring on every stop, the choices as one Tab stop whose arrow keys
 * move between Accept / Maybe / Decline, Enter carrying the choice out and focus moving on to the next card.
 * Also the mail's HTML text opened by keyboard, and the calendar grid's times in the locale's own format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/web/webHost.js';
import { ME, NOW, invitationMail, orchestratorFor, seriesMailWithHtml } from '../electron/app/appFixtures.js';
import { browserAvailable, ensureRendererBuilt, launchChromium, openPage, screenshot } from './browserSetup.js';

const available = browserAvailable();
/** The machine may be busy: a decision carried out through the web host can take seconds. */
const POLL = { timeout: 15_000 } as const;

interface Stop {
  readonly tag: string;
  readonly name: string;
  /** The decision card the element is in, or null outside the cards. */
  readonly card: string | null;
  readonly inToolbar: boolean;
  /** A focus indicator a person can see: an outline of at least 2 px, or a box shadow. */
  readonly ring: boolean;
}

/** What has focus now, described in the page (a string: the test's own type-check has no DOM library). */
function focused(page: Page): Promise<Stop> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
    const label = el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent;
    const card = el.closest('[data-decision-id]');
    return {
      tag: el.tagName.toLowerCase(),
      name: (label || '').trim().replace(/\\s+/g, ' '),
      card: card ? card.getAttribute('data-decision-id') : null,
      inToolbar: !!el.closest('[role="toolbar"]'),
      ring,
    };
  })()`);
}

describe.skipIf(!available)('a decision card by keyboard alone', () => {
  let dir: string;
  let host: WebHost;
  let browser: Browser;

  beforeAll(async () => {
    const rendererDir = ensureRendererBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-keyboard-'));
    host = await startWebHost({ dataDir: path.join(dir, 'data'), rendererDir, now: () => NOW, fsync: false });
    await host.data.addMe([ME]);
    // "always": invitations are stored as not answered yet, so the calendar shows them too.
    await host.data.updateConfig({ policy: 'always' });
    const orchestrator = orchestratorFor(host.data);
    await orchestrator.processMail(seriesMailWithHtml());
    await orchestrator.processMail(invitationMail());
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('skip link, controls in order with a visible ring, one stop for the choices, arrows, Enter', async () => {
    const errors: string[] = [];
    const { context, page } = await openPage(browser, { width: 1280, height: 800, locale: 'en-US' }, errors);
    await page.clock.setFixedTime(new Date('2026-03-01T10:00:00Z'));
    await page.goto(host.url);
    await expect.poll(() => page.locator('article.decision-card').count(), POLL).toBe(2);
    const series = page.locator('article.decision-card', { hasText: 'Weekly sync' });
    const first = await series.getAttribute('data-decision-id');
    const other = await page
      .locator('article.decision-card', { hasText: 'Quarterly planning' })
      .getAttribute('data-decision-id');

    await page.keyboard.press('Tab');
    const skip = await focused(page);
    expect(skip).toMatchObject({ tag: 'a', name: 'Skip to content', ring: true });
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('decisions-heading');

    // Tab forward into the series card, then record its stops until focus leaves it.
    const stops: Stop[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const stop = await focused(page);
      if (stop.card === first) stops.push(stop);
      else if (stops.length > 0) {
        // Leaving the card goes on to the next control of the page, never back into it.
        expect(stop.card).not.toBe(first);
        break;
      }
    }
    const inFirst = stops.filter((s) => s.card === first);
    expect(inFirst.length).toBeGreaterThan(2);
    for (const s of inFirst) {
      expect(s.name, `${s.tag} has a name`).not.toBe('');
      expect(s.ring, `visible focus on ${s.tag} "${s.name}"`).toBe(true);
    }
    const names = inFirst.map((s) => s.name);
    // Reading order: join the meeting, open the mail's text, write a comment, then decide — the choices last and once.
    expect(names[0]).toBe('Join meeting');
    expect(names.indexOf('Show the text of the mail')).toBeGreaterThan(0);
    expect(names.at(-2)).toBe('Comment to the organizer (optional)');
    expect(inFirst.filter((s) => s.inToolbar).map((s) => s.name)).toEqual(['Accept']);
    expect(inFirst.at(-1)?.name).toBe('Accept');

    // Back into the first card's choices; the arrows move between them, End to the last.
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).name).toBe('Accept');
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).name).toBe('Maybe');
    await page.keyboard.press('End');
    expect((await focused(page)).name).toBe('Ignore');
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toMatchObject({ name: 'Decline', ring: true, card: first });
    await screenshot(page, 'keyboard-choice-focused');

    // The mail's text, opened by keyboard: sanitized, nothing remote loaded.
    const card = series;
    await card.getByRole('button', { name: 'Show the text of the mail' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => card.locator('.mail-text').textContent(), POLL).toContain('Agenda follows.');
    expect(await card.locator('.mail-text img').count()).toBe(0);
    // The series' moved meeting is named on the card.
    expect(await card.locator('.changed-occurrences').textContent()).toMatch(/moves to .*and from Room 2 to Hall B/);

    await card.getByRole('button', { name: 'Decline' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('article.decision-card').count(), POLL).toBe(1);
    await expect.poll(async () => (await focused(page)).card, POLL).toBe(other);
    expect(await page.getByRole('status').first().textContent()).toMatch(/declined/i);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the week grid prints times as the locale writes them: "10:00 AM" in en-US, "10:00" in German', async () => {
    for (const [locale, axis, event] of [
      ['en-US', /^\d{1,2}:00\s(AM|PM)$/u, /^\d{1,2}:\d{2}\s?–\s?\d{1,2}:\d{2}\s(AM|PM)$/u],
      ['de-DE', /^\d{1,2}:00$/, /^\d{1,2}:\d{2}–\d{1,2}:\d{2}$/],
    ] as const) {
      const { context, page } = await openPage(browser, { width: 1280, height: 800, locale });
      await page.clock.setFixedTime(new Date('2026-03-12T10:00:00Z'));
      await page.goto(host.url);
      await page
        .getByRole('navigation')
        .getByRole('button', { name: /^(Calendar|Kalender)/ })
        .click();
      await page.locator('.slot-label').first().waitFor();
      await screenshot(page, `keyboard-week-${locale}`);
      await expect.poll(() => page.locator('.ev').count(), POLL).toBeGreaterThan(0);
      const labels = (await page.locator('.slot-label').allTextContents()).map((t) => t.trim()).filter(Boolean);
      expect(labels.length, `${locale} axis labels`).toBeGreaterThan(5);
      for (const l of labels) expect(l, `${locale} axis`).toMatch(axis);
      const times = (await page.locator('.ev-time').allTextContents()).map((t) => t.trim());
      expect(times.length).toBeGreaterThan(0);
      for (const t of times) expect(t, `${locale} event time`).toMatch(event);
      await screenshot(page, `keyboard-week-${locale}`);
      await context.close();
    }
  });
});
