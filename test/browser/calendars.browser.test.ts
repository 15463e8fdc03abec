/**
 * The real calendar in the page (web host in Chromium, keeping its own accounts) against real Radicale: an account
 * added with a calendar server (a wrong password worded with its fix, then the calendars found and one chosen),
 * the sync state in the status bar, the choice changed in Settings and used by the next write, an event showing
 * the calendar it is in, and the server going away ("offline, 3 changes waiting") and coming back (the queued
 * writes reach the server, read back with plain WebDAV requests). The server is reached through a loopback relay
 * the test can cut, since the shared Radicale must keep running for everyone else.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/web/webHost.js';
import type { DiscoveryDeps } from '../../electron/accounts/discoverAccount.js';
import { CA_FILE, PORTS, mailstackAvailable, readyMailUser, type MailUser } from '../helpers/mailstack.js';
import { removeDir, tempDir } from '../helpers/agentEnv.js';
import {
  RADICALE_PORT,
  davUp,
  eventText,
  makeCalendar,
  newRadicaleUser,
  type DavUser,
} from '../integration/caldavHelpers.js';
import {
  browserAvailable,
  ensureRendererBuilt,
  launchChromium,
  openPage,
  screenshot,
  seriousA11yViolations,
} from './browserSetup.js';

const ready = mailstackAvailable() && davUp && browserAvailable();

/** Autoconfig for example.test (the mail stack on loopback); no calendar server is advertised anywhere. */
function discovery(): DiscoveryDeps {
  const xml = `<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="example.test"><domain>example.test</domain>
  <incomingServer type="imap"><hostname>127.0.0.1</hostname><port>${PORTS.imaps}</port><socketType>SSL</socketType>
    <username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication></incomingServer>
  <outgoingServer type="smtp"><hostname>127.0.0.1</hostname><port>${PORTS.submission}</port><socketType>STARTTLS</socketType>
    <username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication></outgoingServer>
</emailProvider></clientConfig>`;
  const none = async (): Promise<never> => {
    throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  };
  return {
    http: async (url) =>
      url.startsWith('https://autoconfig.example.test/')
        ? { status: 200, text: xml, location: null }
        : { status: 404, text: '', location: null },
    resolveSrv: none,
    resolveMx: none,
    resolveTxt: none,
  };
}

/** A TCP relay to Radicale on a port of its own, which the test cuts (server unreachable) and restores. */
class Relay {
  #server: net.Server | null = null;
  readonly #sockets = new Set<net.Socket>();
  port = 0;

  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(RADICALE_PORT, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.#server = server;
  }

  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    for (const s of this.#sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function todayAt(hour: number): string {
  const d = new Date();
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
}

describe.skipIf(!ready)('the calendar server in the page', () => {
  let dir: string;
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  let bob: MailUser;
  let dav: DavUser;
  let home: string;
  let work: string;
  const relay = new Relay();

  beforeAll(async () => {
    bob = await readyMailUser('davapp');
    dav = newRadicaleUser();
    work = await makeCalendar(dav, 'work', 'Work');
    home = await makeCalendar(dav, 'home', 'Home');
    // Another client's event in Home, today, so the week view shows it.
    const put = await dav.http(
      'PUT',
      `${home}phone.ics`,
      eventText('phone-1@example.test', 'Dentist', { start: todayAt(9) }),
      {
        'Content-Type': 'text/calendar',
      },
    );
    expect(put.status).toBe(201);
    await relay.open();
    dir = tempDir('web-calendars');
    host = await startWebHost({
      dataDir: path.join(dir, 'data'),
      accountsDir: path.join(dir, 'accounts'),
      rendererDir: ensureRendererBuilt(),
      ca: readFileSync(CA_FILE, 'utf8'),
      discovery: discovery(),
      pollSeconds: 5,
      fsync: false,
    });
    browser = await launchChromium();
    ({ page } = await openPage(browser, { width: 1280, height: 800, locale: 'en-GB' }));
    page.setDefaultTimeout(20_000);
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await relay.cut();
    if (dir) removeDir(dir);
  });

  const davUrl = (): string => `http://127.0.0.1:${relay.port}/`;
  const statusBar = () => page.locator('.status-bar');

  it('adds an account with its calendar server: a refused password worded with its fix, then a calendar chosen', async () => {
    await page.getByRole('heading', { name: 'Add your mail account' }).waitFor();
    await page.getByLabel('Your e-mail address').fill(bob.address);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText(`Found the servers for ${bob.address}`).waitFor();
    await page.getByLabel('Password', { exact: true }).fill(bob.pass);
    await page.getByLabel('Keep this account’s calendar on a server (CalDAV)').check();
    // Without any RFC 6764 answer the address's domain is offered; the person types the server instead.
    expect(await page.getByLabel('Calendar server', { exact: true }).inputValue()).toBe('example.test');
    await page.getByLabel('Calendar server', { exact: true }).fill(davUrl());
    await page.getByLabel('Calendar user name').fill(dav.name);
    await page.getByLabel('Same password as for mail').uncheck();
    await page.getByLabel('Calendar password').fill('not-the-password');
    await page.getByRole('button', { name: 'Find calendars' }).click();
    await page
      .getByText(/the server refused the user name or password\. Fix: .*type the calendar password again/)
      .waitFor();

    await page.getByLabel('Calendar password').fill(dav.password);
    await page.getByRole('button', { name: 'Find calendars' }).click();
    await page.getByText('Found 2 calendars.').waitFor();
    const picker = page.getByRole('group', { name: 'New invitations go to' });
    expect(await picker.getByRole('radio').count()).toBe(2);
    await picker.getByRole('radio', { name: /Home/ }).check();
    await screenshot(page, 'calendars-account-form');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save account' }).click();
    await page.getByRole('navigation').waitFor();

    // The calendar password sits in the secret file only; the accounts file names the server.
    const accounts = readFileSync(path.join(dir, 'accounts', 'accounts.json'), 'utf8');
    expect(accounts).toContain(davUrl());
    expect(accounts).not.toContain(dav.password);
    expect(readFileSync(path.join(dir, 'accounts', 'secrets.json'), 'utf8')).toContain(dav.password);
    const config = JSON.parse(readFileSync(path.join(dir, 'data', 'config.json'), 'utf8')) as {
      calendarTargets: Record<string, string>;
    };
    // The calendar as found through the relay (same path on the server).
    expect(Object.values(config.calendarTargets).map((h) => new URL(h).pathname)).toEqual([new URL(home).pathname]);

    await expect
      .poll(() => statusBar().textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`Calendar on 127\\.0\\.0\\.1:${relay.port}: synced`));
  });

  it('shows which calendar an event is in, with the calendar’s colour in the grid', async () => {
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Calendar/ })
      .click();
    const event = page.getByRole('button', { name: /Dentist/ });
    await event.first().waitFor({ timeout: 30_000 });
    expect(await page.evaluate("getComputedStyle(document.querySelector('.ev-calendar-mark')).backgroundColor")).toBe(
      'rgb(51, 102, 204)',
    );
    await screenshot(page, 'calendars-week');
    await event.first().click();
    const panel = page.locator('.event-panel');
    await expect.poll(() => panel.locator('.event-calendar').textContent()).toBe('Calendar Home');
    await screenshot(page, 'calendars-event-details');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('chooses the target calendar in Settings; the next write goes there', async () => {
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Settings/ })
      .click();
    const section = page.getByRole('region', { name: 'Calendars', exact: true });
    const picker = section.getByRole('group', { name: 'New invitations go to' });
    await expect.poll(() => picker.getByRole('radio', { name: /Home/ }).isChecked()).toBe(true);
    await picker.getByRole('radio', { name: /Work/ }).check();
    await section.getByText('New invitations now go to “Work”.').waitFor();
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'calendars-settings');

    // The app service the page calls (the page's own writes go through the same object).
    const r = await host.service.createEvent({
      summary: 'Planning',
      start: '2026-12-01T10:00',
      end: '2026-12-01T11:00',
      tz: 'Europe/Berlin',
      allDay: false,
      attendees: [{ address: 'carol@example.test' }],
    });
    const uid = r.uid;
    // Read back with a plain WebDAV request, not through the companion's code.
    const listing = await dav.http('PROPFIND', work, undefined, { Depth: '1' });
    expect(listing.status).toBe(207);
    const hrefs = [...listing.text.matchAll(/<(?:\w+:)?href>([^<]+\.ics)<\//g)].map((m) => m[1] ?? '');
    const bodies = await Promise.all(hrefs.map(async (h) => (await dav.http('GET', new URL(h, work).href)).text));
    expect(bodies.some((b) => b.includes(`UID:${uid}`))).toBe(true);
  });

  it('says "offline, 3 changes waiting" while the server is away, and pushes them when it is back', async () => {
    await relay.cut();
    const uids: string[] = [];
    for (const n of [1, 2, 3]) {
      const r = await host.service.createEvent({
        summary: `Offline ${n}`,
        start: '2026-12-02T10:00',
        end: '2026-12-02T11:00',
        tz: 'Europe/Berlin',
        allDay: false,
        attendees: [{ address: 'carol@example.test' }],
      });
      expect(r.outcome).toBe('applied');
      uids.push(r.uid);
    }
    await expect
      .poll(() => statusBar().textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`Calendar on 127\\.0\\.0\\.1:${relay.port}: offline, 3 changes waiting`));
    await screenshot(page, 'calendars-offline');
    await page.setViewportSize({ width: 800, height: 600 });
    await screenshot(page, 'calendars-offline-800');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await relay.open();
    await expect
      .poll(() => statusBar().textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`Calendar on 127\\.0\\.0\\.1:${relay.port}: synced [^·]*$`));
    const listing = await dav.http('PROPFIND', work, undefined, { Depth: '1' });
    const hrefs = [...listing.text.matchAll(/<(?:\w+:)?href>([^<]+\.ics)<\//g)].map((m) => m[1] ?? '');
    const bodies = (
      await Promise.all(hrefs.map(async (h) => (await dav.http('GET', new URL(h, work).href)).text))
    ).join('\n');
    for (const uid of uids) expect(bodies).toContain(`UID:${uid}`);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
