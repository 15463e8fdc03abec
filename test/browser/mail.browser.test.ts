/**
 * The companion in a browser with real mail: the web host runs the agent against the loopback Dovecot and Postfix.
 * An invitation delivered over SMTP appears as a card; Accept sends the REPLY to the organizer's mailbox and the
 * calendar shows the event accepted; a party crasher is approved and receives the invitation; a policy changed in
 * Settings takes effect for the next message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/web/webHost.js';
import { loadAgentConfig } from '../../electron/settings/agentConfig.js';
import {
  deliver,
  mailboxTexts,
  mailstackAvailable,
  readyMailUser,
  waitFor,
  type MailUser,
} from '../helpers/mailstack.js';
import { invitationMail, mime, removeDir, stamp, tempDir, writeConfig } from '../helpers/agentEnv.js';
import {
  browserAvailable,
  ensureRendererBuilt,
  launchChromium,
  screenshot,
  seriousA11yViolations,
} from './browserSetup.js';

const ready = mailstackAvailable() && browserAvailable();

describe.skipIf(!ready)('the web host with a real mailbox', () => {
  let dir: string;
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  let alice: MailUser;
  let bob: MailUser;
  let carol: MailUser;
  let dave: MailUser;
  const organized = `web-org-${Date.now()}@example.test`;

  beforeAll(async () => {
    [alice, bob, carol, dave] = await Promise.all([
      readyMailUser('webalice'),
      readyMailUser('webbob'),
      readyMailUser('webcarol'),
      readyMailUser('webdave'),
    ]);
    dir = tempDir('web-mail');
    const config = await loadAgentConfig(writeConfig(dir, bob, { pollSeconds: 5 }));
    host = await startWebHost({ dataDir: config.dataDir, config, rendererDir: ensureRendererBuilt(), fsync: false });
    // An event Bob organizes, with Carol invited: replies to it come back to Bob.
    const event = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Test//EN',
      'BEGIN:VEVENT',
      `UID:${organized}`,
      'DTSTAMP:20300101T000000Z',
      'SEQUENCE:0',
      'DTSTART:20301009T140000Z',
      'DURATION:PT1H',
      'SUMMARY:Roadmap workshop',
      `ORGANIZER:mailto:${bob.address}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${bob.address}`,
      `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${carol.address}`,
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const ICAL = (await import('ical.js')).default;
    await host.data.calendar.put(organized, new ICAL.Component(ICAL.parse(event) as unknown[]));
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      timezoneId: 'UTC',
      locale: 'en-GB',
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.clock.setFixedTime(new Date('2030-10-08T08:00:00Z'));
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dir) removeDir(dir);
  });

  const nav = (name: string): Promise<void> =>
    page
      .getByRole('navigation')
      .getByRole('button', { name: new RegExp(`^${name}`) })
      .click();

  it('an invitation delivered over SMTP appears as a card; Accept sends the REPLY to the organizer', async () => {
    const inv = invitationMail(alice, [bob], { summary: 'Supplier meeting', start: '20301010T090000Z' });
    await deliver(inv.raw, alice.address, bob.address);
    const card = page.getByRole('article', { name: 'Supplier meeting' });
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    await screenshot(page, 'mail-invitation');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await card.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => card.count()).toBe(0);
    const reply = await waitFor(
      () => mailboxTexts(alice.user).find((t) => t.includes('METHOD:REPLY') && t.includes(inv.uid)),
      { what: 'the REPLY at the organizer', timeoutMs: 20_000 },
    );
    expect(reply.replace(/\r?\n /g, '')).toMatch(new RegExp(`PARTSTAT=ACCEPTED[^\\r\\n]*mailto:${bob.address}`, 'i'));

    await nav('Calendar');
    const event = page.getByRole('button', { name: /Supplier meeting/ });
    await expect.poll(() => event.count()).toBe(1);
    await event.click();
    const details = page.getByRole('complementary', { name: 'Supplier meeting' });
    await expect.poll(() => details.textContent()).toMatch(new RegExp(`${bob.address}>?: accepted`));
    await page.keyboard.press('Escape');
  });

  it('a party crasher can be approved and receives the invitation', async () => {
    await nav('Decisions');
    const reply = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Test//EN',
      'METHOD:REPLY',
      'BEGIN:VEVENT',
      `UID:${organized}`,
      `DTSTAMP:${stamp(new Date())}`,
      'SEQUENCE:0',
      `ORGANIZER:mailto:${bob.address}`,
      `ATTENDEE;PARTSTAT=ACCEPTED;CN=Dave:mailto:${dave.address}`,
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    await deliver(
      mime(dave.address, bob.address, 'Accepted: Roadmap workshop', 'REPLY', reply),
      dave.address,
      bob.address,
    );
    const card = page.getByRole('article').filter({ hasText: dave.address });
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    await screenshot(page, 'mail-party-crasher');
    await card.getByRole('button', { name: 'Add them' }).click();
    await expect.poll(() => card.count()).toBe(0);
    const request = await waitFor(
      () => mailboxTexts(dave.user).find((t) => t.includes('METHOD:REQUEST') && t.includes(organized)),
      { what: 'the REQUEST to the approved attendee', timeoutMs: 20_000 },
    );
    expect(request).toContain('Roadmap workshop');
  });

  it('the policy changed in Settings takes effect for the next message', async () => {
    await nav('Settings');
    await page.getByRole('radio', { name: 'When I respond' }).click();
    await expect.poll(() => page.getByRole('radio', { name: 'When I respond' }).isChecked()).toBe(true);
    await nav('Decisions');
    // Carol is an attendee, so under "known" her reply would be applied without asking; under "never" it waits.
    const reply = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Test//EN',
      'METHOD:REPLY',
      'BEGIN:VEVENT',
      `UID:${organized}`,
      `DTSTAMP:${stamp(new Date())}`,
      'SEQUENCE:0',
      `ORGANIZER:mailto:${bob.address}`,
      `ATTENDEE;PARTSTAT=DECLINED:mailto:${carol.address}`,
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    await deliver(
      mime(carol.address, bob.address, 'Declined: Roadmap workshop', 'REPLY', reply),
      carol.address,
      bob.address,
    );
    // The card says why in the app's words: the setting holds everything back until the person decides.
    const card = page.getByRole('article').filter({ hasText: /adds nothing to the calendar before you decide/ });
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    expect(await card.textContent()).toMatch(/Apply/);
    const ev = await host.service.getEvent({ uid: organized, recurrenceId: null });
    expect(ev.attendees.find((a) => a.address === carol.address)?.partstat).toBe('NEEDS-ACTION');
    await card.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => card.count()).toBe(0);
    const after = await host.service.getEvent({ uid: organized, recurrenceId: null });
    expect(after.attendees.find((a) => a.address === carol.address)?.partstat).toBe('DECLINED');
  });
});
