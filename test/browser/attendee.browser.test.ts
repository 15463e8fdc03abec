/**
 * The attendee's side of the app in a real browser, line by line of what people tripped over: a forwarded
 * invitation says so instead of "Invited as"; a held-back answer is called an answer, worded for the person, with
 * no empty "Where"; my own reply that bounced reads as returned mail in Activity; Activity filters, searches and
 * opens a row's event; one meeting of a daily series is answered for the whole series when the person says so;
 * one cancelled meeting is removed alone while the series goes on. At 1280×800 light in English and 800×600 dark
 * in German (German dates and plurals); axe, sideways overflow and raw instants checked on every screen.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/web/webHost.js';
import { ME, NOW, orchestratorFor, storeOrganized } from '../electron/app/appFixtures.js';
import { ROOT, mail } from '../helpers/cli.js';
import { ics } from '../helpers/itip.js';
import {
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
const OLGA = 'ORGANIZER;CN=Olga:mailto:olga@example.org';
const BOUNCED = '7f1e3c2a-bounce-reply@example.org';

function mailOf(from: string, id: string, method: string, ...lines: string[]): Buffer {
  return Buffer.from(
    mail({ from, to: ME, messageId: `${id}@example.org`, ics: ics(method, 'BEGIN:VEVENT', ...lines, 'END:VEVENT') }),
  );
}

/** A daily stand-up from 9 March (ten meetings), its meeting on 11 March cancelled by the organizer. */
async function standup(host: WebHost): Promise<void> {
  const o = orchestratorFor(host.data);
  const common = ['UID:standup', 'SUMMARY:Standup', OLGA];
  await o.processMail(
    mailOf(
      'olga@example.org',
      'standup',
      'REQUEST',
      ...common,
      'DTSTAMP:20260228T000000Z',
      'SEQUENCE:0',
      'DTSTART;TZID=Europe/Berlin:20260309T090000',
      'DTEND;TZID=Europe/Berlin:20260309T091500',
      'RRULE:FREQ=DAILY;COUNT=10',
      `ATTENDEE;CN=Me;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
    ),
  );
  await o.processMail(
    mailOf(
      'olga@example.org',
      'standup-cancel',
      'CANCEL',
      ...common,
      'DTSTAMP:20260228T010000Z',
      'SEQUENCE:1',
      'RECURRENCE-ID;TZID=Europe/Berlin:20260311T090000',
      'DTSTART;TZID=Europe/Berlin:20260311T090000',
      'DTEND;TZID=Europe/Berlin:20260311T091500',
      'STATUS:CANCELLED',
      `ATTENDEE;CN=Me;PARTSTAT=NEEDS-ACTION:mailto:${ME}`,
    ),
  );
}

async function seed(host: WebHost): Promise<void> {
  const { data } = host;
  const o = orchestratorFor(data);
  await data.addMe([ME]);
  await data.updateConfig({ policy: 'always' });
  await storeOrganized(data);
  await standup(host);
  // Forwarded to me: I am not among the attendees.
  await o.processMail(
    mailOf(
      'olga@example.org',
      'fwd',
      'REQUEST',
      'UID:fwd-1',
      'DTSTAMP:20260228T000000Z',
      'SEQUENCE:0',
      'DTSTART;TZID=Europe/Berlin:20260312T160000',
      'DTEND;TZID=Europe/Berlin:20260312T170000',
      'SUMMARY:Roadmap talk',
      OLGA,
      'ATTENDEE;CN=Bob;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.org',
    ),
  );
  // An answer to my design review from someone other than the attendee it speaks for: held back.
  await o.processMail(
    mailOf(
      'mallory@example.net',
      'badreply',
      'REPLY',
      'UID:mine-1',
      'DTSTAMP:20260228T000000Z',
      'SEQUENCE:0',
      `ORGANIZER:mailto:${ME}`,
      'ATTENDEE;PARTSTAT=DECLINED:mailto:bob@example.net',
    ),
  );
  // My answer to an organizer who left the company came back (Postfix's delivery status report).
  const bounced = ics(
    null,
    'BEGIN:VEVENT',
    `UID:${BOUNCED}`,
    'DTSTAMP:20260201T000000Z',
    'SEQUENCE:2',
    'DTSTART;TZID=Europe/Berlin:20260313T100000',
    'DTEND;TZID=Europe/Berlin:20260313T110000',
    'SUMMARY:Supplier call',
    'ORGANIZER;CN=Olga Organizer:mailto:olga@old-company.example',
    `ATTENDEE;CN=Me;PARTSTAT=ACCEPTED:mailto:${ME}`,
    'END:VEVENT',
  );
  await data.calendar.put(BOUNCED, new ICAL.Component(ICAL.parse(bounced) as unknown[]));
  const report = readFileSync(path.join(ROOT, 'test/fixtures/eml/edge/bounce-postfix-reply.eml'), 'utf8');
  await o.processMail(Buffer.from(report.replaceAll('bob@example.com', ME)));
}

const WORDS = {
  en: {
    notListed: 'You are not on the attendee list',
    answer: 'Answer',
    where: 'Where',
    returned: /Returned mail\s*Your message was not delivered\s*✓ Noted on the event/,
    mine: 'What I decided',
    search: 'Search',
    show: 'Show in calendar',
    decision: 'Show the decision',
    cancelledOne: 'The organizer cancelled this meeting.',
    activity: 'Activity',
    scope: 'My answer is for',
    series: 'The whole series',
    occurrence: /^This meeting only \(Tue, Mar 10/,
    accept: 'Accept',
    removeOne: 'Remove this meeting',
    rule: 'One meeting of a series: Daily, 10 times',
  },
  de: {
    notListed: 'Sie stehen nicht auf der Teilnehmerliste',
    answer: 'Antwort',
    where: 'Wo',
    returned: /Zurückgekommene Mail\s*Ihre Nachricht wurde nicht zugestellt\s*✓ Am Termin vermerkt/,
    mine: 'Meine Entscheidungen',
    search: 'Suchen',
    show: 'Im Kalender zeigen',
    decision: 'Zur Entscheidung',
    cancelledOne: 'Der Organisator hat diesen Termin abgesagt.',
    activity: 'Verlauf',
    scope: 'Meine Antwort gilt für',
    series: 'Die ganze Serie',
    // German date rules: weekday abbreviation with a full stop, day before month.
    occurrence: /^Nur diesen Termin \(Di\., 10\. März/,
    accept: 'Zusagen',
    removeOne: 'Diesen Termin entfernen',
    // German plural: "10-mal".
    rule: 'Ein Termin einer Serie: Täglich, 10-mal',
  },
} as const;

const SETUPS = [
  { name: 'attendee-wide-light-en', width: 1280, height: 800, dark: false, locale: 'en-US', lang: 'en' },
  { name: 'attendee-narrow-dark-de', width: 800, height: 600, dark: true, locale: 'de-DE', lang: 'de' },
] as const;

describe.skipIf(!available)('the attendee’s side, line by line', () => {
  let dir: string;
  let host: WebHost;
  let browser: Browser;

  beforeEach(async () => {
    const rendererDir = ensureRendererBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-attendee-'));
    host = await startWebHost({ dataDir: path.join(dir, 'data'), rendererDir, now: () => NOW, fsync: false });
    await seed(host);
    browser = await launchChromium();
  });

  afterEach(async () => {
    await browser?.close();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const setup of SETUPS) {
    it(`${setup.name}: cards, activity, this meeting or the whole series, one cancelled meeting removed`, async () => {
      const w = WORDS[setup.lang];
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

      await expect.poll(() => page.locator('article.decision-card').count(), POLL).toBe(3);
      await cards(page, w);
      await check('decisions');

      await nav(w.activity);
      await activity(page, w);
      await check('activity');
      // A row still waiting for me leads to its card (the forwarded invitation is not in the calendar at all) ...
      const search = page.getByRole('searchbox', { name: w.search });
      await search.fill('Roadmap');
      await expect.poll(() => page.getByRole('row').count(), POLL).toBe(2);
      await page.getByRole('button', { name: w.decision }).click();
      await expect
        .poll(() => page.evaluate('document.activeElement?.getAttribute("aria-labelledby") ?? ""'), POLL)
        .not.toBe('');
      expect(await page.locator('article.decision-card:focus').innerText()).toContain('Roadmap talk');
      // ... any other to its event in the calendar: the cancellation, at the cancelled meeting.
      await nav(w.activity);
      await page.getByRole('searchbox', { name: w.search }).fill('Standup');
      const cancellation = page.getByRole('row').filter({ has: page.getByRole('button', { name: w.show }) });
      await expect.poll(() => cancellation.count(), POLL).toBe(1);
      await cancellation.getByRole('button', { name: w.show }).click();
      const panel = page.getByRole('complementary', { name: 'Standup' });
      await expect.poll(() => panel.textContent(), POLL).toContain(w.cancelledOne);
      await page.keyboard.press('Escape');

      await series(page, w, host, setup.name);
      await check('series-answered');
      await cancelledMeeting(page, w, host);
      await check('cancelled-removed');
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

type Words = (typeof WORDS)[keyof typeof WORDS];

async function cards(page: Page, w: Words): Promise<void> {
  const forwarded = page.locator('article.decision-card', { hasText: 'Roadmap talk' });
  expect(await forwarded.locator('.identity').innerText()).toContain(w.notListed);
  expect(await forwarded.locator('.identity').count()).toBe(1);

  const held = page.locator('article.decision-card', { hasText: 'mallory@example.net' });
  expect((await held.locator('.kind-badge').innerText()).toLowerCase()).toBe(w.answer.toLowerCase());
  const text = await held.innerText();
  expect(text).not.toMatch(/REPLY|A person can|Sie können die Änderung/);
  expect(text).toContain('bob@example.net');
  const terms = await held.locator('.facts dt').allInnerTexts();
  expect(terms).not.toContain(w.where);
}

async function activity(page: Page, w: Words): Promise<void> {
  await expect.poll(() => page.getByRole('row').count(), POLL).toBeGreaterThan(4);
  const rows = await page.getByRole('row').allInnerTexts();
  expect(rows.some((r) => w.returned.test(r))).toBe(true);
  // Nothing decided yet: the filter for my decisions leaves no row but the header.
  await page.getByRole('combobox').selectOption({ label: w.mine });
  await expect.poll(() => page.getByRole('row').count(), POLL).toBeLessThanOrEqual(1);
  await page.getByRole('combobox').selectOption({ index: 0 });
}

/** The stand-up of Tuesday 10 March: answered for the whole series, every meeting accepted. */
async function series(page: Page, w: Words, host: WebHost, name: string): Promise<void> {
  await expect.poll(() => page.locator('.ev', { hasText: 'Standup' }).count(), POLL).toBeGreaterThan(3);
  await page.locator('.ev', { hasText: 'Standup' }).nth(1).click();
  const panel = page.getByRole('complementary', { name: 'Standup' });
  await expect.poll(() => panel.getByRole('group', { name: w.scope }).count(), POLL).toBe(1);
  expect(await panel.innerText()).toContain(w.rule);
  expect(await panel.getByRole('radio', { name: w.occurrence }).isChecked()).toBe(true);
  await panel.getByRole('radio', { name: w.series }).check();
  await screenshot(page, `${name}-series-choice`);
  await panel.getByRole('button', { name: w.accept, exact: true }).click();
  await expect
    .poll(
      async () =>
        (await host.service.getEvent({ uid: 'standup', recurrenceId: null })).attendees.find((a) => a.address === ME)
          ?.partstat,
      POLL,
    )
    .toBe('ACCEPTED');
  // The details reload with the answer; focus goes back to their heading, and Escape closes them.
  await expect.poll(() => panel.getByRole('group', { name: w.scope }).count(), POLL).toBe(1);
  await expect
    .poll(
      () => panel.getByRole('heading', { name: 'Standup' }).evaluate((h) => h === h.ownerDocument.activeElement),
      POLL,
    )
    .toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => panel.count(), POLL).toBe(0);
}

/** The cancelled stand-up of Wednesday 11 March goes; the nine others stay. */
async function cancelledMeeting(page: Page, w: Words, host: WebHost): Promise<void> {
  const march = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z', includeCancelled: true };
  const standups = async () => (await host.service.listEvents(march)).filter((e) => e.uid === 'standup');
  await page.locator('.ev-cancelled', { hasText: 'Standup' }).first().click();
  const panel = page.getByRole('complementary', { name: 'Standup' });
  // The undo toast of the answer just given is still there (its countdown stopped with the page's clock): at
  // 800×600 the drawer ends above it, so the button is not covered.
  await panel.getByRole('button', { name: w.removeOne }).click();
  await expect.poll(async () => (await standups()).length, POLL).toBe(9);
  expect((await standups()).every((e) => e.status !== 'CANCELLED')).toBe(true);
}
