/**
 * Shared pieces of the IMAP tests: accounts for the loopback Dovecot (TLS verified with the stack's CA), iMIP
 * messages built from lines, a running ImapSource that records what it is handed, and direct IMAP access for
 * fixtures (APPEND with an internal date) that does not go through the code under test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { afterEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { ImapSource } from '../../../../electron/mail/imap/index.js';
import type { FetchedMessage, ImapAccount, ImapSourceOptions } from '../../../../electron/mail/imap/index.js';
import { ca, mailboxFlags, newMailUser, PORTS, waitFor, type MailUser } from '../../../helpers/mailstack.js';

export const DAY = 86_400_000;
export const FRAME = 28 * DAY;

export function accountFor(user: Pick<MailUser, 'user' | 'pass'>): ImapAccount {
  return { host: '127.0.0.1', port: PORTS.imaps, security: 'tls', user: user.user, password: user.pass, ca: ca() };
}

/**
 * newMailUser, usable at once: Dovecot's passwd-file driver looks at the file at most once per second
 * (passwd_file_sync compares the last sync time in whole seconds), so a user added in the same second as another
 * login is unknown until the clock ticks over. Waiting for the next second makes LOGIN and LMTP see it.
 */
export async function newUser(prefix: string): Promise<MailUser> {
  const u = newMailUser(prefix);
  await new Promise((r) => setTimeout(r, 1_050 - (Date.now() % 1_000)));
  return u;
}

/** Message count of a mailbox; 0 before the first delivery created the user's mail directory. */
export function messageCount(user: string, mailbox = 'INBOX'): number {
  try {
    return mailboxFlags(user, mailbox).length;
  } catch {
    return 0;
  }
}

export async function stateDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imip-imap-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

let counter = 0;

/** An iMIP REQUEST (RFC 6047 §2.4: text/calendar with method=) inside multipart/alternative, with a plain part. */
export function invitation(opts: {
  to: string;
  from?: string;
  uid?: string;
  summary?: string;
  authResults?: string;
  messageId?: string;
  date?: Date;
}): { raw: string; ics: string; messageId: string } {
  const n = ++counter;
  const from = opts.from ?? 'organizer@example.test';
  const uid = opts.uid ?? `evt-${Date.now()}-${n}@example.test`;
  const messageId = opts.messageId ?? `<inv-${Date.now()}-${n}-${Math.random().toString(36).slice(2)}@example.test>`;
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//IMAP//EN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260301T120000Z',
    'DTSTART:20260310T100000Z',
    'DTEND:20260310T110000Z',
    `SUMMARY:${opts.summary ?? `Meeting ${n}`}`,
    `ORGANIZER:mailto:${from}`,
    `ATTENDEE;RSVP=TRUE;PARTSTAT=NEEDS-ACTION:mailto:${opts.to}`,
    'SEQUENCE:0',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  const raw = [
    ...(opts.authResults ? [`Authentication-Results: ${opts.authResults}`] : []),
    `From: Organizer <${from}>`,
    `To: ${opts.to}`,
    `Subject: Invitation ${n}`,
    `Message-ID: ${messageId}`,
    `Date: ${(opts.date ?? new Date()).toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'You are invited.',
    '',
    '--b1',
    'Content-Type: text/calendar; charset=utf-8; method=REQUEST',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(ics).toString('base64').replace(/.{76}/g, '$&\r\n'),
    '--b1--',
    '',
  ].join('\r\n');
  return { raw, ics, messageId };
}

export function plainMail(to: string, subject = 'Hello', bodyBytes = 2000): string {
  const n = ++counter;
  return [
    'From: friend@example.test',
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: <plain-${Date.now()}-${n}@example.test>`,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'x'.repeat(bodyBytes),
    '',
  ].join('\r\n');
}

/** APPENDs through a connection of its own (RFC 3501 §6.3.11), optionally with an old INTERNALDATE. */
export async function appendRaw(
  user: Pick<MailUser, 'user' | 'pass'>,
  mailbox: string,
  raws: (string | Buffer)[],
  date?: Date,
): Promise<{ uids: number[]; uidValidity: string }> {
  const c = new ImapFlow({
    host: '127.0.0.1',
    port: PORTS.imaps,
    secure: true,
    auth: { user: user.user, pass: user.pass },
    tls: { ca: ca() },
    logger: false,
  });
  c.on('error', () => undefined);
  await c.connect();
  const uids: number[] = [];
  let uidValidity = '';
  try {
    for (const raw of raws) {
      const res = await c.append(mailbox, raw, [], date);
      if (res && res.uid) uids.push(res.uid);
      if (res && res.uidValidity !== undefined) uidValidity = res.uidValidity.toString();
    }
  } finally {
    await c.logout();
  }
  return { uids, uidValidity };
}

export interface Running {
  readonly source: ImapSource;
  readonly handled: FetchedMessage[];
  readonly done: Promise<void>;
  waitHandled(n: number, timeoutMs?: number): Promise<void>;
}

/** Starts `run()`; the handler records every message and calls `onMessage` (e.g. to mark it). */
export function startSource(
  account: ImapAccount,
  opts: Partial<ImapSourceOptions> & { stateDir: string },
  onMessage?: (m: FetchedMessage, s: ImapSource) => Promise<void>,
): Running {
  const source = new ImapSource(account, { timeframeMs: FRAME, now: () => Date.now(), pollSeconds: 30, ...opts });
  const handled: FetchedMessage[] = [];
  const done = source.run(async (m) => {
    handled.push(m);
    if (onMessage) await onMessage(m, source);
  });
  return {
    source,
    handled,
    done,
    waitHandled: async (n, timeoutMs = 10_000) => {
      await waitFor(() => handled.length >= n, {
        timeoutMs,
        intervalMs: 20,
        what: `${n} handled messages (have ${handled.length})`,
      });
    },
  };
}

/** The server's copy of each message (RFC 3501 BODY.PEEK[]), as a whole-message reader would see it. */
export async function fetchSources(
  user: Pick<MailUser, 'user' | 'pass'>,
  mailbox: string,
  uids: readonly number[],
): Promise<Map<number, Buffer>> {
  const c = new ImapFlow({
    host: '127.0.0.1',
    port: PORTS.imaps,
    secure: true,
    auth: { user: user.user, pass: user.pass },
    tls: { ca: ca() },
    logger: false,
  });
  c.on('error', () => undefined);
  await c.connect();
  const out = new Map<number, Buffer>();
  try {
    await c.mailboxOpen(mailbox);
    for await (const m of c.fetch(uids.join(','), { uid: true, source: true }, { uid: true }))
      if (m.source) out.set(m.uid, m.source);
  } finally {
    await c.logout();
  }
  return out;
}

/**
 * Sources and state folders that are stopped and removed after each test (registered with vitest's afterEach):
 * `started` runs an ImapSource, `freshState` gives an empty state folder.
 */
export function cleanedAfterEach(): { started: typeof startSource; freshState: () => Promise<string> } {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return {
    started: (...args) => {
      const r = startSource(...args);
      cleanups.push(async () => {
        await r.source.stop();
        await r.done;
      });
      return r;
    },
    freshState: async () => {
      const s = await stateDir();
      cleanups.push(s.remove);
      return s.dir;
    },
  };
}
