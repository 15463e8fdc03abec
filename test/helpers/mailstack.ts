/**
 * Access to the loopback mail servers (test/servers/mailstack.sh) from integration tests: throwaway users,
 * connection settings with the stack's own CA trusted (TLS stays verified), SMTP delivery, and waiting.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import nodemailer from 'nodemailer';

export const MAILSTACK_DIR = process.env.MAILSTACK_DIR ?? '/tmp/imip-mailstack';
export const DOMAIN = 'example.test';
export const PORTS = {
  imap: Number(process.env.IMAP_PORT ?? 11143),
  imaps: Number(process.env.IMAPS_PORT ?? 11993),
  submission: Number(process.env.SUBMISSION_PORT ?? 11587),
  smtp: Number(process.env.SMTP_PORT ?? 12525),
};
export const CA_FILE = path.join(MAILSTACK_DIR, 'tls', 'cert.pem');
export const DOVECOT_CONF = path.join(MAILSTACK_DIR, 'etc', 'dovecot.conf');

/** True when the servers were started by the test setup (see test/servers/setup.ts). */
export function mailstackAvailable(): boolean {
  return process.env.IMIP_MAILSTACK === 'up' && existsSync(CA_FILE);
}

export function ca(): Buffer {
  return readFileSync(CA_FILE);
}

export interface MailUser {
  readonly user: string;
  readonly pass: string;
  readonly address: string;
}

/** A new mailbox nobody else uses; Dovecot picks up the passwd-file change on the next login. */
export function newMailUser(prefix: string): MailUser {
  const user = `${prefix.toLowerCase().replace(/[^a-z0-9]/g, '')}${randomBytes(4).toString('hex')}`;
  const pass = `${user}-secret`;
  appendFileSync(path.join(MAILSTACK_DIR, 'etc', 'users.dynamic'), `${user}:{PLAIN}${pass}::::::\n`);
  return { user, pass, address: `${user}@${DOMAIN}` };
}

/**
 * A new mailbox whose namespace has no Sent folder: the userdb field turns off the stack's `auto = create` for
 * Sent for this user only (the folder's `special_use = \\Sent` stays configured, as on a server that flags a Sent
 * folder once it exists).
 */
export function newMailUserWithoutSent(prefix: string): MailUser {
  const user = `${prefix.toLowerCase().replace(/[^a-z0-9]/g, '')}${randomBytes(4).toString('hex')}`;
  const pass = `${user}-secret`;
  appendFileSync(
    path.join(MAILSTACK_DIR, 'etc', 'users.dynamic'),
    `${user}:{PLAIN}${pass}:::::: userdb_namespace/inbox/mailbox/Sent/auto=no\n`,
  );
  return { user, pass, address: `${user}@${DOMAIN}` };
}

/** Delivers a raw message through Postfix (SMTP on loopback → LMTP → Dovecot), as mail from outside arrives. */
export async function deliver(raw: string | Buffer, from: string, to: string | string[]): Promise<void> {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: PORTS.smtp, secure: false, ignoreTLS: true });
  await t.sendMail({ envelope: { from, to }, raw });
  t.close();
}

/** Runs doveadm against the test instance (fixtures and assertions without going through our IMAP code). */
export function doveadm(...args: string[]): string {
  return execFileSync('doveadm', ['-c', DOVECOT_CONF, ...args], { encoding: 'utf8' });
}

/** `uid flags` of every message in a mailbox, read directly from Dovecot. */
export function mailboxFlags(user: string, mailbox = 'INBOX'): { uid: number; flags: string[] }[] {
  const out = doveadm('fetch', '-u', user, 'uid flags', 'mailbox', mailbox, 'all');
  const rows: { uid: number; flags: string[] }[] = [];
  for (const block of out.split(/\n(?=uid: )/)) {
    const uid = /uid: (\d+)/.exec(block)?.[1];
    const flags = /flags: ?(.*)/.exec(block)?.[1] ?? '';
    if (uid) rows.push({ uid: Number(uid), flags: flags.split(/\s+/).filter(Boolean) });
  }
  return rows;
}

/** Raw text of every message in a mailbox. */
export function mailboxTexts(user: string, mailbox = 'INBOX'): string[] {
  const out = doveadm('fetch', '-u', user, 'text', 'mailbox', mailbox, 'all');
  return out.split(/^text:\n/m).slice(1);
}

export async function waitFor<T>(
  probe: () => T | Promise<T>,
  opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${opts.what ?? 'condition'}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
}

/**
 * A new mailbox that can already log in and receive mail. Dovecot re-reads the passwd-file at most once a
 * second, so a user used right after creation can be refused; this waits until Dovecot knows them.
 */
export async function readyMailUser(prefix: string): Promise<MailUser> {
  const u = newMailUser(prefix);
  const quiet = (...args: string[]): boolean =>
    spawnSync('doveadm', ['-c', DOVECOT_CONF, ...args], { stdio: 'ignore' }).status === 0;
  await waitFor(() => quiet('auth', 'test', u.user, u.pass) && quiet('user', u.user), {
    what: `Dovecot to know ${u.user}`,
    intervalMs: 150,
    timeoutMs: 10_000,
  });
  return u;
}
