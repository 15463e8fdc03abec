/**
 * Every screen in a real browser at 1280×800 and 800×600, light and dark, English and German, on seeded data
 * covering every card kind (invitation, reschedule, uninvited answer, counter-proposal, held-back update), a
 * weekly HTML invitation with a Teams link and eleven attendees from another time zone, an all-day event and a
 * cancelled meeting. On each screen: axe finds no violation, nothing overflows sideways, no raw ISO instant is
 * visible, and a screenshot goes to test-results/screenshots/ for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Browser } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/web/webHost.js';
import {
  ME,
  NOW,
  invitationMail,
  orchestratorFor,
  seriesMailWithHtml,
  storeOrganized,
} from '../electron/app/appFixtures.js';
import { mail } from '../helpers/cli.js';
import { ics } from '../helpers/itip.js';
import {
  SCREENSHOTS,
  a11yViolations,
  browserAvailable,
  ensureRendererBuilt,
  launchChromium,
  layoutProblems,
  openPage,
  screenshot,
} from './browserSetup.js';

const available = browserAvailable();
/** The machine may be busy: the calendar's chunk loads on first use, a screen may take seconds. */
const POLL = { timeout: 15_000 } as const;

const TEAMS = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc/0';
const others = ['dana', 'eli', 'fay', 'gus', 'hal', 'ivy', 'jo', 'kai'].map(
  (n) => `ATTENDEE;CN=${n};PARTSTAT=NEEDS-ACTION:mailto:${n}@example.org`,
);

function stored(uid: string, ...lines: string[]): ICAL.Component {
  return new ICAL.Component(
    ICAL.parse(
      ics(null, 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260201T000000Z', ...lines, 'END:VEVENT'),
    ) as unknown[],
  );
}

function mailOf(from: string, id: string, method: string, ...lines: string[]): Buffer {
  return Buffer.from(
    mail({ from, to: ME, messageId: `${id}@example.org`, ics: ics(method, 'BEGIN:VEVENT', ...lines, 'END:VEVENT') }),
  );
}

async function seed(host: WebHost): Promise<void> {
  const { data } = host;
  const orchestrator = orchestratorFor(data);
  await data.addMe([ME]);
  // "always": invitations are stored as not answered yet, so the calendar shows them too.
  await data.updateConfig({ policy: 'always' });
  await storeOrganized(data);
  const olga = 'ORGANIZER;CN=Olga:mailto:olga@example.org';
  const meAccepted = `ATTENDEE;CN=Me;PARTSTAT=ACCEPTED:mailto:${ME}`;
  await data.calendar.put(
    'offsite',
    stored(
      'offsite',
      'DTSTART;VALUE=DATE:20260311',
      'DTEND;VALUE=DATE:20260314',
      'SUMMARY:Team offsite',
      'TRANSP:TRANSPARENT',
    ),
  );
  await data.calendar.put(
    'resched-1',
    stored(
      'resched-1',
      'SEQUENCE:0',
      'DTSTART:20260313T100000Z',
      'DTEND:20260313T110000Z',
      'SUMMARY:Budget review',
      'LOCATION:Room 2',
      olga,
      meAccepted,
    ),
  );
  await data.calendar.put(
    'allhands',
    stored(
      'allhands',
      'SEQUENCE:0',
      'DTSTART:20260310T150000Z',
      'DTEND:20260310T151500Z',
      'SUMMARY:All hands',
      olga,
      meAccepted,
    ),
  );
  await data.calendar.put(
    'cancel-1',
    stored(
      'cancel-1',
      'SEQUENCE:0',
      'DTSTART:20260309T120000Z',
      'DTEND:20260309T130000Z',
      'SUMMARY:Vendor lunch',
      olga,
      meAccepted,
    ),
  );
  await orchestrator.processMail(invitationMail());
  // A weekly series with one meeting moved, whose mail has an HTML part (as Outlook sends it).
  await orchestrator.processMail(seriesMailWithHtml());
  // A weekly Teams meeting from New York, written in HTML, with eleven attendees.
  await orchestrator.processMail(
    mailOf(
      'nina@example.com',
      'weekly',
      'REQUEST',
      'UID:weekly-1',
      'DTSTAMP:20260228T000000Z',
      'SEQUENCE:0',
      'DTSTART;TZID=America/New_York:20260309T100000',
      'DTEND;TZID=America/New_York:20260309T103000',
      'RRULE:FREQ=WEEKLY;COUNT=8;BYDAY=MO',
      'SUMMARY:Weekly sync',
      'LOCATION:Microsoft Teams Meeting',
      'DESCRIPTION:Agenda: numbers and plans',
      `X-MICROSOFT-SKYPETEAMSMEETINGURL:${TEAMS}`,
      'X-ALT-DESC;FMTTYPE=text/html:<html><body><p><b>Agenda</b></p><ul><li>Numbers</li><li>Plans</li></ul><img src="https://tracker.example.com/p.gif"><p>Notes: <a href="https://wiki.example.com/q1">wiki</a></p></body></html>',
      'ORGANIZER;CN=Nina:mailto:nina@example.com',
      `ATTENDEE;CN=Me;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
      'ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED:mailto:bob@example.org',
      'ATTENDEE;CN=Carol;PARTSTAT=DECLINED:mailto:carol@example.org',
      ...others,
    ),
  );
  await orchestrator.processMail(
    mailOf(
      'olga@example.org',
      'resched',
      'REQUEST',
      'UID:resched-1',
      'DTSTAMP:20260228T000000Z',
      'SEQUENCE:1',
      'DTSTART:20260313T140000Z',
      'DTEND:20260313T150000Z',
      'SUMMARY:Budget review',
      'LOCATION:Room 5',
      olga,
      `ATTENDEE;CN=Me;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
    ),
  );
  await orchestrator.processMail(
    mailOf(
      'carol@example.net',
      'crash',
      'REPLY',
      'UID:mine-1',
      'DTSTAMP:20260228T000000Z',
      'SEQUENCE:0',
      `ORGANIZER:mailto:${ME}`,
      'ATTENDEE;CN=Carol;PARTSTAT=ACCEPTED:mailto:carol@example.net',
      'COMMENT:Bob asked me to join.',
    ),
  );
  await orchestrator.processMail(
    mailOf(
      'bob@example.net',
      'counter',
      'COUNTER',
      'UID:mine-1',
      'DTSTAMP:20260228T010000Z',
      'SEQUENCE:0',
      'DTSTART:20260312T130000Z',
      'DTEND:20260312T140000Z',
      'SUMMARY:Design review',
      `ORGANIZER:mailto:${ME}`,
      'ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.net',
      'COMMENT:Afternoons suit me better.',
    ),
  );
  await orchestrator.processMail(
    mailOf(
      'mallory@example.net',
      'spoof',
      'REQUEST',
      'UID:allhands',
      'DTSTAMP:20260228T000000Z',
      'SEQUENCE:1',
      'DTSTART:20260310T150000Z',
      'DTEND:20260310T151500Z',
      'SUMMARY:All hands',
      'LOCATION:Hall B',
      olga,
      meAccepted,
    ),
  );
  await orchestrator.processMail(
    mailOf(
      'olga@example.org',
      'cancel',
      'CANCEL',
      'UID:cancel-1',
      'DTSTAMP:20260228T000000Z',
      'SEQUENCE:1',
      'DTSTART:20260309T120000Z',
      'DTEND:20260309T130000Z',
      'SUMMARY:Vendor lunch',
      'STATUS:CANCELLED',
      olga,
      meAccepted,
    ),
  );
}

interface Setup {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly dark: boolean;
  readonly locale: string;
}

const SETUPS: readonly Setup[] = [
  { name: 'wide-light-en', width: 1280, height: 800, dark: false, locale: 'en-US' },
  { name: 'wide-dark-de', width: 1280, height: 800, dark: true, locale: 'de-DE' },
  { name: 'narrow-light-de', width: 800, height: 600, dark: false, locale: 'de-DE' },
  { name: 'narrow-dark-en', width: 800, height: 600, dark: true, locale: 'en-GB' },
];

const WORDS = {
  en: {
    decisions: 'Decisions',
    calendar: 'Calendar',
    activity: 'Activity',
    settings: 'Settings',
    month: 'Month',
    agenda: 'Agenda',
    week: 'Week',
  },
  de: {
    decisions: 'Entscheidungen',
    calendar: 'Kalender',
    activity: 'Verlauf',
    settings: 'Einstellungen',
    month: 'Monat',
    agenda: 'Liste',
    week: 'Woche',
  },
} as const;

describe.skipIf(!available)('every screen at two sizes, light and dark, English and German', () => {
  let dir: string;
  let host: WebHost;
  let browser: Browser;

  beforeAll(async () => {
    const rendererDir = ensureRendererBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-screens-'));
    host = await startWebHost({ dataDir: path.join(dir, 'data'), rendererDir, now: () => NOW, fsync: false });
    await seed(host);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const setup of SETUPS) {
    it(`${setup.name}: decisions, calendar (week, month, agenda, details), activity, settings`, async () => {
      const lang = setup.locale.startsWith('de') ? 'de' : 'en';
      const w = WORDS[lang];
      const errors: string[] = [];
      const { context, page } = await openPage(
        browser,
        { width: setup.width, height: setup.height, locale: setup.locale, colorScheme: setup.dark ? 'dark' : 'light' },
        errors,
      );
      await page.clock.setFixedTime(new Date('2026-03-10T10:00:00Z'));
      await page.goto(host.url);
      const check = async (screen: string): Promise<void> => {
        await screenshot(page, `${setup.name}-${screen}`);
        expect(await a11yViolations(page), `${setup.name} ${screen}`).toEqual([]);
        expect(await layoutProblems(page), `${setup.name} ${screen}`).toEqual([]);
      };
      const nav = (name: string): Promise<void> =>
        page
          .getByRole('navigation')
          .getByRole('button', { name: new RegExp(`^${name}`) })
          .click();

      await expect.poll(() => page.locator('article.decision-card').count(), POLL).toBe(7);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      // The series card: its moved meeting named, the mail's own text opened (checked by axe with the rest).
      const series = page.locator('article.decision-card', { hasText: 'Weekly sync' }).filter({ hasText: 'Hall B' });
      await expect.poll(() => series.locator('.changed-occurrences li').count(), POLL).toBe(1);
      await series.locator('.mail-text button').click();
      await expect.poll(() => series.locator('.mail-text').textContent(), POLL).toContain('Agenda follows.');
      await check('decisions');
      const cards = page.locator('article.decision-card');
      for (let i = 0; i < (await cards.count()); i++) {
        await cards.nth(i).screenshot({ path: path.join(SCREENSHOTS, `${setup.name}-card-${i + 1}.png`) });
      }

      await nav(w.calendar);
      await expect.poll(() => page.locator('.ev').count(), POLL).toBeGreaterThan(3);
      await check('week');
      await page.locator('.ev', { hasText: 'Weekly sync' }).first().click();
      await expect.poll(() => page.getByRole('complementary').textContent(), POLL).toMatch(/Teams|teams/);
      await check('details');
      await page.keyboard.press('Escape');
      await page.getByRole('tab', { name: new RegExp(`^${w.month}`) }).click();
      await check('month');
      await page.getByRole('tab', { name: new RegExp(`^${w.agenda}`) }).click();
      await check('agenda');

      await nav(w.activity);
      await expect.poll(() => page.getByRole('row').count(), POLL).toBeGreaterThan(5);
      await check('activity');

      await nav(w.settings);
      await check('settings');
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
