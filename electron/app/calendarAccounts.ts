/**
 * The calendar server of an account the app keeps: looking for its calendars from what the account form says
 * (RFC 6764 discovery, then the principal's calendar home, through electron/caldav), the password it signs in
 * with, and what is stored on save. Owns the rule that a stored password only goes to the server it was saved
 * for: the mail password is sent to a calendar server only when the person ticked "same password" and typed it,
 * or kept that choice for the very same calendar server and user; the calendar's own password likewise.
 */
import dns from 'node:dns/promises';
import type { CalDavInput, CalendarProbeView } from '../../shared/ipc/contract.js';
import type { Message } from '../../shared/i18n/index.js';
import type { DavAccount } from '../caldav/davAccountConfig.js';
import { discover, targetCalendar, type DavResolver } from '../caldav/davDiscovery.js';
import { DavHttp } from '../caldav/davHttp.js';
import {
  passwordKey,
  type MailAccountStore,
  type StoredCalDav,
  type StoredMailAccount,
} from '../settings/mailAccounts.js';
import type { SecretStore } from '../settings/secretStore.js';
import { IpcFailure } from './serveMainApi.js';

/** How long the form waits for a server before it says so (the sync itself allows much longer). */
const PROBE_TIMEOUT_MS = 20_000;

/** Plain http only to this machine (the configuration file's rule, davAccountConfig.ts); https or a bare domain. */
export function calDavUrlProblem(url: string): string | null {
  const u = url.trim();
  if (/^https:\/\//i.test(u)) return null;
  if (/^http:\/\//i.test(u))
    return /^http:\/\/(127\.|localhost[:/]|\[::1\])/i.test(u)
      ? null
      : 'Plain http is only allowed for a server on this machine; use https.';
  return /^[^\s/:@]+\.[^\s/:@]+$/.test(u) ? null : 'Give the server\u2019s https address or your domain.';
}

function sameServer(stored: StoredCalDav, input: CalDavInput): boolean {
  return stored.url === input.url.trim() && stored.user === input.user.trim();
}

/**
 * The password for the calendar server the form names, or null when none may be used: typed ones as typed; a
 * stored one only for the same server and user with the same choice of "same password".
 */
export function calDavPassword(
  input: CalDavInput,
  mailPassword: string,
  stored: StoredMailAccount | null,
  secrets: SecretStore,
): string | null {
  const kept = stored?.caldav && sameServer(stored.caldav, input) ? stored.caldav : null;
  if (input.samePassword) {
    if (mailPassword) return mailPassword;
    return kept?.samePassword && stored ? secrets.get(passwordKey(stored.id, 'incoming')) : null;
  }
  if (input.password) return input.password;
  return kept && !kept.samePassword && stored ? secrets.get(passwordKey(stored.id, 'caldav')) : null;
}

/**
 * What is stored for the account's calendar server on save (null: none), its own password written to the secret
 * store (or forgotten when it uses the mail password or no server).
 */
export function saveCalDav(
  id: string,
  input: CalDavInput | null | undefined,
  mailPassword: string,
  stored: StoredMailAccount | null,
  secrets: SecretStore,
): StoredCalDav | null {
  if (!input) {
    secrets.delete(passwordKey(id, 'caldav'));
    return null;
  }
  const urlProblem = calDavUrlProblem(input.url);
  if (urlProblem) throw new IpcFailure('INVALID_ARGUMENT', `Calendar server: ${urlProblem}`);
  const password = calDavPassword(input, mailPassword, stored, secrets);
  if (password === null)
    throw new IpcFailure(
      'INVALID_ARGUMENT',
      input.samePassword
        ? 'Type the mail password: a stored one is only sent to the calendar server it was saved for.'
        : 'Type the calendar password: a stored one is only sent to the server it was saved for.',
    );
  if (input.samePassword) secrets.delete(passwordKey(id, 'caldav'));
  else secrets.set(passwordKey(id, 'caldav'), password);
  return { url: input.url.trim(), user: input.user.trim(), samePassword: input.samePassword };
}

export interface ProbeDeps {
  readonly resolver?: DavResolver | null;
  readonly ca?: string | null;
  readonly timeoutMs?: number;
}

/** Looks for the calendars at the server the form names; failures come back as a worded problem, never thrown. */
export async function probeCalendars(
  input: CalDavInput,
  password: string | null,
  deps: ProbeDeps = {},
): Promise<CalendarProbeView> {
  const urlProblem = calDavUrlProblem(input.url);
  if (urlProblem) return failed('DAV_CONFIG_INVALID', urlProblem);
  if (password === null) return failed('DAV_AUTH', 'no password may be sent to this server yet: type it in the form.');
  const account: DavAccount = {
    url: input.url.trim(),
    user: input.user.trim(),
    password,
    ca: deps.ca ?? null,
    calendar: null,
  };
  const http = new DavHttp(account);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('the server did not answer in time'), { code: 'DAV_UNREACHABLE' })),
      deps.timeoutMs ?? PROBE_TIMEOUT_MS,
    );
  });
  try {
    const d = await Promise.race([
      discover(http, 'caldav', deps.resolver === undefined ? dns : deps.resolver),
      timeout,
    ]);
    const calendars = d.collections
      .filter((c) => c.components.length === 0 || c.components.includes('VEVENT'))
      .map((c) => ({ name: c.name, href: c.url, color: c.color, writable: c.writable && !c.subscribed }));
    return { ok: true, code: null, problem: null, calendars, defaultHref: targetCalendar(d, null)?.url ?? null };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return failed(typeof code === 'string' ? code : 'DAV_HTTP', (e as Error).message);
  } finally {
    clearTimeout(timer);
    await http.close();
  }
}

/** `findCalendars`: the form's server with the password it may use (a saved account's only for its own server). */
export function findCalendars(
  args: { accountId?: string | null | undefined; caldav: CalDavInput; mailPassword?: string | undefined },
  accounts: MailAccountStore,
  secrets: SecretStore,
  deps: ProbeDeps = {},
): Promise<CalendarProbeView> {
  const stored = args.accountId ? (accounts.list().find((a) => a.id === args.accountId) ?? null) : null;
  return probeCalendars(args.caldav, calDavPassword(args.caldav, args.mailPassword ?? '', stored, secrets), deps);
}

function failed(code: string, detail: string): CalendarProbeView {
  return { ok: false, code, problem: davProblem(code, detail), calendars: [], defaultHref: null };
}

const WORDED = new Set([
  'DAV_AUTH',
  'DAV_FORBIDDEN',
  'DAV_NOT_FOUND',
  'DAV_DISCOVERY',
  'DAV_UNREACHABLE',
  'DAV_HTTP',
  'DAV_PROTOCOL',
  'DAV_CONFIG_INVALID',
]);

/** A calendar server's error as a catalogue message with its fix (a certificate failure named as such). */
export function davProblem(code: string | null, detail: string | null): Message {
  const text = detail ?? '';
  if (code === 'DAV_UNREACHABLE' && /CERT|SELF_SIGNED|TLS|certificate/i.test(text))
    return { key: 'calendars.error.DAV_TLS', params: { detail: text } };
  if (code && WORDED.has(code)) return { key: `calendars.error.${code}` as Message['key'], params: { detail: text } };
  return { key: 'calendars.error.other', params: { detail: text || (code ?? '') } };
}
