/**
 * MainApi over the in-memory IPC pair: every method makes the round trip (preload façade → channel → sender check →
 * validation → service → structured clone back), malformed arguments and foreign senders are refused as data, and
 * events reach `window.api.on` listeners until they unsubscribe.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MAIN_API_METHODS,
  MAIN_EVENT_NAMES,
  channel,
  type MainApiMethod,
  type WindowApi,
} from '../../../shared/ipc/contract.js';
import { forwardEvents, registerMainApi, registerOpenExternal } from '../../../electron/ipc/registerMainApi.js';
import { createWindowApi } from '../../../electron/preload/windowApi.js';
import { IpcPair, WINDOW_ID } from './ipcPair.js';
import { ME, invitationMail, openTestApp, type TestApp } from '../app/appFixtures.js';
import { TestOAuthProvider } from '../../servers/oauthProvider.js';

let app: TestApp;
let pair: IpcPair;
let api: WindowApi;
let unregister: () => void;

beforeEach(async () => {
  app = await openTestApp();
  pair = new IpcPair();
  unregister = registerMainApi(pair.main, app.service, { webContentsId: () => WINDOW_ID, origin: 'app://companion' });
  forwardEvents(app.service.events, pair.send);
  api = createWindowApi(pair.renderer);
});
afterEach(() => app.cleanup());

const account = {
  imap: { host: 'imap.example.com', port: 993, security: 'tls', user: 'me' },
  smtp: { host: 'smtp.example.com', port: 465, security: 'tls', user: 'me' },
  password: 's3cret',
  me: [ME],
} as const;

const mailAccount = {
  me: ['pop@example.org'],
  protocol: 'pop3',
  incoming: { host: 'pop.example.org', port: 995, security: 'tls', user: 'pop' },
  smtp: { host: 'smtp.example.org', port: 465, security: 'tls', user: 'pop' },
  auth: { kind: 'password', password: 'pop-secret' },
} as const;

/** A valid argument for every method, and what its value must look like. */
const CALLS: { [K in MainApiMethod]: { arg: unknown; check: (value: unknown) => void } } = {
  getOverview: {
    arg: undefined,
    check: (v) =>
      expect(v).toMatchObject({
        openDecisions: 1,
        me: [ME],
        policy: 'always',
        connection: { state: 'not-configured' },
      }),
  },
  listDecisions: {
    arg: undefined,
    check: (v) =>
      expect(v).toMatchObject([
        { kind: 'invitation', summary: 'Quarterly planning', conflicts: [], organizerZone: null },
      ]),
  },
  decide: { arg: { id: 'x'.repeat(12), choice: 'accept' }, check: () => undefined },
  listEvents: {
    arg: { from: '2026-03-01', to: '2026-04-01' },
    check: (v) => expect(v).toMatchObject([{ uid: 'inv-1', partstat: 'NEEDS-ACTION' }]),
  },
  getEvent: {
    arg: { uid: 'inv-1', recurrenceId: null },
    check: (v) => expect(v).toMatchObject({ uid: 'inv-1', summary: 'Quarterly planning', location: 'Room 4' }),
  },
  listActivity: {
    arg: { limit: 5 },
    check: (v) => expect(v).toMatchObject([{ kind: 'invitation', outcome: 'pending', uid: 'inv-1' }]),
  },
  getSettings: {
    arg: undefined,
    check: (v) =>
      expect(v).toMatchObject({ policy: 'always', timeframe: '4W', me: [ME], account: null, canEditAccount: true }),
  },
  updateSettings: { arg: { policy: 'never' }, check: (v) => expect(v).toMatchObject({ policy: 'never' }) },
  saveAccount: {
    arg: account,
    check: (v) => expect(v).toMatchObject({ account: { imap: account.imap, hasPassword: true } }),
  },
  testConnection: {
    arg: account,
    check: (v) =>
      expect(v).toMatchObject({
        imap: { ok: false, code: 'NOT_AVAILABLE' },
        smtp: { ok: false, code: 'NOT_AVAILABLE' },
      }),
  },
  importContacts: {
    arg: { vcf: 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Olga\r\nEMAIL:olga@example.org\r\nEND:VCARD\r\n' },
    check: (v) => expect(v).toEqual({ imported: 1 }),
  },
  listCalendars: { arg: undefined, check: (v) => expect(v).toEqual([]) },
  chooseCalendar: { arg: { account: 'me@https://dav.example/', href: null }, check: () => undefined },
  findCalendars: {
    arg: {
      address: 'me@example.com',
      caldav: { url: 'http://127.0.0.1:9/', user: 'me', samePassword: false, password: 'pw' },
    },
    check: (v) => expect(v).toMatchObject({ ok: false, code: 'DAV_UNREACHABLE', calendars: [] }),
  },
  getCalendarSync: { arg: undefined, check: (v) => expect(v).toEqual([]) },
  createEvent: {
    arg: {
      summary: 'Sync',
      start: '2026-03-20T10:00',
      end: '2026-03-20T11:00',
      tz: 'Europe/Berlin',
      allDay: false,
      attendees: [{ address: 'bob@example.com' }],
    },
    check: (v) => expect(v).toMatchObject({ outcome: 'applied', sequence: 0, sentTo: ['bob@example.com'] }),
  },
  // inv-1 is an invitation I attend: as organizer's operations these are refused, as data.
  updateEvent: {
    arg: { uid: 'inv-1', recurrenceId: null, summary: 'Mine now' },
    check: (v) => expect(v).toMatchObject({ uid: 'inv-1', outcome: 'error', code: expect.any(String) as unknown }),
  },
  cancelEvent: {
    arg: { uid: 'inv-1', recurrenceId: null },
    check: (v) => expect(v).toMatchObject({ uid: 'inv-1', outcome: 'error' }),
  },
  suggestAddresses: { arg: { query: 'ca' }, check: (v) => expect(Array.isArray(v)).toBe(true) },
  respondToEvent: {
    arg: { uid: 'inv-1', recurrenceId: null, status: 'tentative', sendReply: false },
    check: (v) => expect(v).toMatchObject({ uid: 'inv-1', outcome: 'applied', sentTo: [] }),
  },
  counterEvent: {
    arg: { uid: 'inv-1', recurrenceId: null, start: '2026-03-10T14:00', end: '2026-03-10T15:00' },
    check: (v) => expect(v).toMatchObject({ uid: 'inv-1', outcome: 'applied', sentTo: ['olga@example.org'] }),
  },
  delegateEvent: {
    arg: { uid: 'inv-1', recurrenceId: null, to: 'carol@example.com' },
    check: (v) => expect(v).toMatchObject({ uid: 'inv-1', outcome: 'applied' }),
  },
  refreshEvent: { arg: { uid: 'inv-1' }, check: (v) => expect(v).toMatchObject({ uid: 'inv-1' }) },
  removeEvent: { arg: { uid: 'gone-1' }, check: (v) => expect(v).toMatchObject({ uid: 'gone-1' }) },
  undo: { arg: {}, check: (v) => expect(v).toMatchObject({ outcome: expect.any(String) as unknown }) },
  listAlarms: { arg: { from: '2026-03-01', to: '2026-04-01' }, check: (v) => expect(Array.isArray(v)).toBe(true) },
  // No reminder clock runs in this service: nothing showing, snooze and dismiss of an unknown key change nothing.
  listReminders: { arg: undefined, check: (v) => expect(v).toEqual([]) },
  snoozeReminder: { arg: { key: 'k', minutes: 5 }, check: (v) => expect(v).toEqual([]) },
  dismissReminder: { arg: { key: 'k' }, check: (v) => expect(v).toEqual([]) },
  listBusy: { arg: { from: '2026-03-01', to: '2026-04-01' }, check: (v) => expect(Array.isArray(v)).toBe(true) },
  listAccounts: {
    arg: undefined,
    check: (v) => expect(v).toMatchObject({ canEdit: true, accounts: [{ id: ME, auth: 'password', hasSecret: true }] }),
  },
  // A domain without a dot is refused before any lookup: nothing leaves this machine.
  discoverAccount: { arg: { address: 'me@localhost' }, check: (v) => expect(v).toMatchObject({ found: false }) },
  testAccount: {
    arg: mailAccount,
    check: (v) => expect(v).toMatchObject({ imap: { code: 'NOT_AVAILABLE' }, smtp: { code: 'NOT_AVAILABLE' } }),
  },
  saveMailAccount: {
    arg: mailAccount,
    check: (v) => expect(v).toMatchObject({ accounts: [{ id: ME }, { id: 'pop@example.org', protocol: 'pop3' }] }),
  },
  removeAccount: {
    arg: { id: 'pop@example.org' },
    check: (v) => expect(v).toMatchObject({ accounts: [{ id: ME }] }),
  },
  beginSignIn: {
    get arg() {
      return { oauth: { provider: 'oidc', issuer: idp.issuer, clientId: 'round-trip' }, loginHint: ME };
    },
    check: (v) => {
      flow = (v as { flowId: string }).flowId;
      browser = idp.authorize((v as { url: string }).url);
    },
  },
  finishSignIn: {
    get arg() {
      return { flowId: flow };
    },
    check: (v) => expect(v).toEqual({ flowId: flow, accountId: null }),
  },
  cancelSignIn: {
    get arg() {
      return { flowId: flow };
    },
    check: (v) => expect(v).toBeNull(),
  },
};

let idp: TestOAuthProvider;
let flow = '';
let browser: Promise<unknown> = Promise.resolve();
beforeAll(async () => {
  idp = await TestOAuthProvider.start();
});
afterAll(async () => {
  await browser;
  await idp.stop();
});

describe('registerMainApi + preload façade over the IPC pair', () => {
  it('registers one companion: channel per method and exposes exactly the contract', () => {
    expect(pair.channels.sort()).toEqual(MAIN_API_METHODS.map((m) => channel(m)).sort());
    expect(Object.keys(api).sort()).toEqual([...MAIN_API_METHODS, 'on', 'openExternal', 'host'].sort());
    expect(Object.entries(api).every(([k, f]) => k === 'host' || typeof f === 'function')).toBe(true);
    expect(api.host).toEqual({
      kind: 'desktop',
      features: { systemNotifications: true, startAtLogin: true, browserNotifications: false },
    });
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('round-trips every method', async () => {
    // "always" stores the invitation as not yet answered, so the calendar calls have something to show.
    await app.data.updateConfig({ policy: 'always' });
    await app.orchestrator.processMail(invitationMail());
    const call = (m: MainApiMethod, arg: unknown): Promise<unknown> =>
      (api[m] as (a: unknown) => Promise<unknown>)(arg);
    for (const m of MAIN_API_METHODS) {
      const r = (await call(m, CALLS[m].arg)) as { ok: boolean; value?: unknown; error?: unknown };
      // No open decision, and no calendar server in this data dir.
      if (m === 'decide' || m === 'chooseCalendar') {
        expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        continue;
      }
      expect(r, m).toMatchObject({ ok: true });
      CALLS[m].check(r.value);
    }
    // The password went to the secret store, not into the account settings.
    expect(JSON.stringify(app.account.account)).not.toContain('s3cret');
    expect(app.secrets.get(`${ME}:incoming`)).toBe('s3cret');
  });

  it('decides through IPC and tells the renderer', async () => {
    const r = await app.orchestrator.processMail(invitationMail());
    const counts: number[] = [];
    const off = api.on('decisionsChanged', (p) => counts.push(p.count));
    const out = await api.decide({ id: r.pendingId as string, choice: 'accept', comment: 'See you' });
    expect(out).toMatchObject({ ok: true, value: { outcome: 'applied', sentTo: ['olga@example.org'] } });
    expect(counts).toEqual([0]);
    off();
    expect(pair.listenerCount(channel('decisionsChanged'))).toBe(0);
  });

  it('refuses malformed arguments as INVALID_ARGUMENT data', async () => {
    const bad: [MainApiMethod, unknown][] = [
      ['decide', { id: '../etc/passwd', choice: 'accept' }],
      ['decide', { id: 'abc', choice: 'maybe' }],
      ['decide', { id: 'abc', choice: 'accept', extra: 1 }],
      ['listEvents', { from: 'yesterday', to: '2026-04-01' }],
      ['listEvents', { from: '2026-04-01', to: '2026-03-01' }],
      ['listEvents', { from: '2026-01-01', to: '2036-01-01' }],
      ['listBusy', { from: '2026-01-01', to: '2036-01-01' }],
      ['listBusy', { from: '2026-04-01', to: '2026-03-01' }],
      ['listAlarms', { from: '2026-04-01', to: '2026-03-01' }],
      ['snoozeReminder', { key: 'k', minutes: 0 }],
      ['dismissReminder', { key: '' }],
      ['getEvent', { uid: 'x' }],
      ['listActivity', { limit: -1 }],
      ['updateSettings', { timeframe: '4 fortnights' }],
      ['updateSettings', { policy: 'sometimes' }],
      ['updateSettings', { me: ['not-an-address'] }],
      ['saveAccount', { ...account, imap: { ...account.imap, port: 99999 } }],
      ['importContacts', 'BEGIN:VCARD'],
      ['getOverview', { unexpected: true }],
    ];
    for (const [m, arg] of bad) {
      const r = await (api[m] as (a: unknown) => Promise<unknown>)(arg);
      expect(r, `${m} ${JSON.stringify(arg)}`).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    const tf = await api.updateSettings({ timeframe: '4 fortnights' });
    expect(!tf.ok && tf.error.message).toMatch(/time frame/);
  });

  it('accepts calls only from the main window top frame on app://companion', async () => {
    const foreign = [
      { sender: { id: WINDOW_ID }, senderFrame: { url: 'app://companion/index.html', parent: {} } }, // an iframe
      { sender: { id: WINDOW_ID }, senderFrame: { url: 'https://evil.example/', parent: null } }, // navigated away
      { sender: { id: WINDOW_ID }, senderFrame: { url: 'app://other/index.html', parent: null } },
      { sender: { id: WINDOW_ID + 1 }, senderFrame: { url: 'app://companion/index.html', parent: null } }, // another webContents
      { sender: { id: WINDOW_ID }, senderFrame: null }, // frame gone
    ];
    for (const s of foreign) {
      pair.sender = s;
      expect(await api.getOverview()).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/companion window/) },
      });
    }
  });

  it('wraps a throwing service and a missing handler as data', async () => {
    unregister();
    expect(await api.getSettings()).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringMatching(/No handler/) },
    });
    const throwing = { ...app.service, getSettings: () => Promise.reject(new Error('disk on fire')) };
    registerMainApi(pair.main, throwing, { webContentsId: () => WINDOW_ID, origin: 'app://companion' });
    expect(await api.getSettings()).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringMatching(/disk on fire/) },
    });
  });

  it('delivers every event name with its payload and only known names', () => {
    const got: [string, unknown][] = [];
    for (const name of MAIN_EVENT_NAMES) api.on(name, (p) => got.push([name, p]));
    app.service.events.emit('decisionOpened', { id: 'abc' });
    app.service.events.emit('eventsChanged', {});
    expect(got).toEqual([
      ['decisionOpened', { id: 'abc' }],
      ['eventsChanged', {}],
    ]);
    expect(() => api.on('nonsense' as 'eventsChanged', () => undefined)).toThrow(/unknown event/);
  });
});

describe('openExternal over the IPC pair', () => {
  it('hands http, https and mailto links from the companion window to the system, and nothing else', async () => {
    const opened: string[] = [];
    const stop = registerOpenExternal(
      pair.main,
      { webContentsId: () => WINDOW_ID, origin: 'app://companion' },
      async (url) => void opened.push(url),
    );
    expect(await api.openExternal?.({ url: 'https://teams.microsoft.com/l/meetup-join/abc' })).toEqual({
      ok: true,
      value: null,
    });
    expect(await api.openExternal?.({ url: 'mailto:olga@example.org' })).toEqual({ ok: true, value: null });
    expect(await api.openExternal?.({ url: 'file:///etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await api.openExternal?.({ url: 'javascript:alert(1)' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    pair.sender = { sender: { id: WINDOW_ID }, senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await api.openExternal?.({ url: 'https://example.com/' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    // A renderer that skips the façade's check is refused by the main side too.
    pair.sender = { sender: { id: WINDOW_ID }, senderFrame: { url: 'app://companion/index.html', parent: null } };
    expect(await pair.renderer.invoke('companion:openExternal', { url: 'smb://host/share' })).toMatchObject({
      ok: false,
    });
    expect(opened).toEqual(['https://teams.microsoft.com/l/meetup-join/abc', 'mailto:olga@example.org']);
    stop();
  });
});
