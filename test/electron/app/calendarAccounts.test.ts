/**
 * An app account's calendar server, without a network: which password may go to which calendar server (a stored
 * one only to the server and user it was saved for), what a save stores and forgets, the address rules, the
 * agents' configuration built from it, each server error worded with its fix, and the sync state board.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CalDavInput, MailAccountInput } from '../../../shared/ipc/contract.js';
import { english } from '../../../shared/i18n/index.js';
import {
  calDavPassword,
  calDavUrlProblem,
  davProblem,
  probeCalendars,
  saveCalDav,
} from '../../../electron/app/calendarAccounts.js';
import { DavError } from '../../../electron/caldav/davHttp.js';
import { DavSyncStatusBoard } from '../../../electron/caldav/davSyncStatus.js';
import { passwordKey, type StoredMailAccount } from '../../../electron/settings/mailAccounts.js';
import { appAgentConfig } from '../../../electron/settings/appAgentConfig.js';
import { MemorySecrets, openTestApp, type TestApp } from './appFixtures.js';

const DAV = 'https://dav.example.com/';

function stored(caldav: StoredMailAccount['caldav']): StoredMailAccount {
  return {
    id: 'me',
    me: ['me@example.com'],
    protocol: 'imap',
    incoming: { host: 'imap.example.com', port: 993, security: 'tls', user: 'me' },
    smtp: { host: 'smtp.example.com', port: 465, security: 'tls', user: 'me' },
    auth: 'password',
    oauth: null,
    caldav,
  };
}

const input = (extra: Partial<CalDavInput> = {}): CalDavInput => ({
  url: DAV,
  user: 'me',
  samePassword: false,
  password: '',
  ...extra,
});

function secretsWith(entries: Record<string, string>): MemorySecrets {
  const s = new MemorySecrets();
  for (const [k, v] of Object.entries(entries)) s.set(k, v);
  return s;
}

describe('which password goes to a calendar server', () => {
  const secrets = secretsWith({ [passwordKey('me', 'incoming')]: 'mail-pw', [passwordKey('me', 'caldav')]: 'cal-pw' });
  const own = stored({ url: DAV, user: 'me', samePassword: false });
  const shared = stored({ url: DAV, user: 'me', samePassword: true });

  it('uses what the form typed, the mail password only when "same password" is ticked', () => {
    expect(calDavPassword(input({ password: 'typed' }), 'mail-typed', null, secrets)).toBe('typed');
    expect(calDavPassword(input({ samePassword: true }), 'mail-typed', null, secrets)).toBe('mail-typed');
    expect(calDavPassword(input(), 'mail-typed', null, secrets)).toBeNull();
  });

  it('offers a stored password only to the same server and user with the same choice', () => {
    expect(calDavPassword(input(), '', own, secrets)).toBe('cal-pw');
    expect(calDavPassword(input({ samePassword: true }), '', shared, secrets)).toBe('mail-pw');
    expect(calDavPassword(input({ url: 'https://evil.example/' }), '', own, secrets)).toBeNull();
    expect(calDavPassword(input({ user: 'someone' }), '', own, secrets)).toBeNull();
    expect(calDavPassword(input({ samePassword: true }), '', own, secrets)).toBeNull();
    expect(calDavPassword(input({ samePassword: true, url: 'https://evil.example/' }), '', shared, secrets)).toBeNull();
  });
});

describe('saving an account’s calendar server', () => {
  it('keeps its own password in the secret store, and forgets it for "same password" or no server', () => {
    const secrets = new MemorySecrets();
    expect(saveCalDav('me', input({ password: 'cal-pw' }), 'mail-pw', null, secrets)).toEqual({
      url: DAV,
      user: 'me',
      samePassword: false,
    });
    expect(secrets.get(passwordKey('me', 'caldav'))).toBe('cal-pw');
    expect(saveCalDav('me', input({ samePassword: true }), 'mail-pw', null, secrets)?.samePassword).toBe(true);
    expect(secrets.has(passwordKey('me', 'caldav'))).toBe(false);
    secrets.set(passwordKey('me', 'caldav'), 'cal-pw');
    expect(saveCalDav('me', null, 'mail-pw', null, secrets)).toBeNull();
    expect(secrets.has(passwordKey('me', 'caldav'))).toBe(false);
  });

  it('refuses a server without a password it may use, and plain http to another machine', () => {
    const secrets = secretsWith({ [passwordKey('me', 'caldav')]: 'cal-pw' });
    const own = stored({ url: DAV, user: 'me', samePassword: false });
    expect(() => saveCalDav('me', input({ url: 'https://other.example/' }), '', own, secrets)).toThrow(
      /Type the calendar password/,
    );
    expect(() => saveCalDav('me', input({ url: 'http://dav.example.com/', password: 'x' }), '', null, secrets)).toThrow(
      /Plain http/,
    );
    expect(calDavUrlProblem('http://127.0.0.1:5232/')).toBeNull();
    expect(calDavUrlProblem('example.com')).toBeNull();
    expect(calDavUrlProblem('not a server')).not.toBeNull();
  });

  it('gives the agents the account’s server with the mail password or its own; none without a password', async () => {
    const app = await openTestApp();
    try {
      const secrets = secretsWith({ [passwordKey('me', 'incoming')]: 'mail-pw' });
      const withShared = appAgentConfig([stored({ url: DAV, user: 'me', samePassword: true })], secrets, app.data);
      expect(withShared?.accounts?.[0]?.caldav).toMatchObject({ url: DAV, user: 'me', password: 'mail-pw' });
      const withOwn = appAgentConfig([stored({ url: DAV, user: 'me', samePassword: false })], secrets, app.data);
      expect(withOwn?.accounts?.[0]?.caldav).toBeNull();
      secrets.set(passwordKey('me', 'caldav'), 'cal-pw');
      const again = appAgentConfig([stored({ url: DAV, user: 'me', samePassword: false })], secrets, app.data);
      expect(again?.accounts?.[0]?.caldav).toMatchObject({ password: 'cal-pw' });
      expect(appAgentConfig([stored(undefined)], secrets, app.data)?.accounts?.[0]?.caldav).toBeNull();
    } finally {
      app.cleanup();
    }
  });
});

describe('the app service', () => {
  let app: TestApp | undefined;
  afterEach(() => {
    app?.cleanup();
    app = undefined;
  });

  const mailInput = (caldav: CalDavInput | null): MailAccountInput => ({
    me: ['me@example.com'],
    protocol: 'imap',
    incoming: { host: 'imap.example.com', port: 993, security: 'tls', user: 'me' },
    smtp: { host: 'smtp.example.com', port: 465, security: 'tls', user: 'me' },
    auth: { kind: 'password', password: 'mail-pw' },
    caldav,
  });

  it('stores the calendar server with the account, its chosen calendar as the target, and forgets all on removal', async () => {
    app = await openTestApp();
    const r = await app.api.saveMailAccount(mailInput(input({ password: 'cal-pw', calendar: `${DAV}me/work/` })));
    expect(r.ok).toBe(true);
    const id = app.account.accounts[0]?.id ?? '';
    expect(app.account.accounts[0]?.caldav).toEqual({ url: DAV, user: 'me', samePassword: false });
    expect(JSON.stringify(app.account.accounts)).not.toContain('cal-pw');
    expect(app.secrets.get(passwordKey(id, 'caldav'))).toBe('cal-pw');
    expect(app.data.config().calendarTargets).toEqual({ [`me@${DAV}`]: `${DAV}me/work/` });
    const view = r.ok ? r.value.accounts[0] : undefined;
    expect(view?.caldav).toEqual({ url: DAV, user: 'me', samePassword: false });
    await app.api.removeAccount({ id });
    expect(app.secrets.has(passwordKey(id, 'caldav'))).toBe(false);
  });

  it('has no sync state and no calendar tags without a calendar server', async () => {
    app = await openTestApp();
    expect(await app.api.getCalendarSync()).toEqual({ ok: true, value: [] });
  });

  it('refuses a findCalendars call whose address is neither a URL nor a domain', async () => {
    app = await openTestApp();
    const r = await app.api.findCalendars({ address: 'me@example.com', caldav: input({ url: 'no spaces allowed' }) });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('server errors in words', () => {
  it('words each error with its fix, a certificate failure as such', () => {
    expect(english.render(davProblem('DAV_AUTH', '401'))).toMatch(/refused the user name or password\. Fix:/);
    expect(english.render(davProblem('DAV_UNREACHABLE', 'https://x/: DEPTH_ZERO_SELF_SIGNED_CERT'))).toMatch(
      /certificate is not trusted/,
    );
    expect(english.render(davProblem('DAV_UNREACHABLE', 'ECONNREFUSED'))).toMatch(/cannot be reached/);
    expect(english.render(davProblem('WEIRD', 'boom'))).toBe('the sync failed: boom');
  });

  it('says why no calendars were looked for when no password may be sent', async () => {
    const r = await probeCalendars(input(), null, { resolver: null });
    expect(r).toMatchObject({ ok: false, code: 'DAV_AUTH', calendars: [] });
  });
});

describe('the sync state board', () => {
  it('tells each change once: synced, offline keeping the last sync, refused, remote changes', () => {
    const board = new DavSyncStatusBoard();
    const told: boolean[] = [];
    board.onChange((remote) => told.push(remote));
    expect(board.get('a').state).toBe('never');
    board.synced('a', 1000, false);
    board.synced('a', 1000, false);
    expect(told).toEqual([false]);
    board.synced('a', 1000, false, null, true);
    expect(told).toEqual([false, true]);
    board.failed('a', new DavError('DAV_UNREACHABLE', 'ECONNREFUSED'));
    expect(board.get('a')).toMatchObject({ state: 'offline', lastSync: 1000, code: 'DAV_UNREACHABLE' });
    board.failed('a', new DavError('DAV_AUTH', 'refused', 401));
    expect(board.get('a')).toMatchObject({ state: 'error', lastSync: 1000, code: 'DAV_AUTH' });
    board.synced('a', 2000, false);
    expect(board.get('a')).toMatchObject({ state: 'ok', lastSync: 2000, code: null });
    expect(told).toHaveLength(5);
  });
});
