/**
 * Access to the sign-in test servers (test/servers/oauthstack.sh) from integration tests: their ports, the CA
 * to trust (TLS stays verified), throwaway users and LMTP delivery into their mailboxes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import nodemailer from 'nodemailer';

export const OAUTHSTACK_DIR = process.env.OAUTHSTACK_DIR ?? '/tmp/imip-oauthstack';
export const OAUTH_DOMAIN = 'oauth.test';
export const OAUTH_PORTS = { imaps: 16193, pop3: 16110, pop3s: 16195, submission: 16187, lmtp: 16124 } as const;

export function oauthstackAvailable(): boolean {
  return process.env.IMIP_OAUTHSTACK === 'up' && existsSync(path.join(OAUTHSTACK_DIR, 'tls', 'cert.pem'));
}

export function oauthstackCa(): string {
  return readFileSync(path.join(OAUTHSTACK_DIR, 'tls', 'cert.pem'), 'utf8');
}

export interface StackUser {
  readonly user: string;
  readonly pass: string;
}

/** A new mailbox nobody else uses (the stack takes any user; the password is "<local part>-secret"). */
export function newStackUser(prefix: string): StackUser {
  const local = `${prefix.toLowerCase().replace(/[^a-z0-9]/g, '')}${randomBytes(4).toString('hex')}`;
  return { user: `${local}@${OAUTH_DOMAIN}`, pass: `${local}-secret` };
}

/** Delivers a raw message into a user's INBOX over LMTP. */
export async function deliverToStack(raw: string | Buffer, from: string, to: string): Promise<void> {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: OAUTH_PORTS.lmtp, lmtp: true, ignoreTLS: true });
  await t.sendMail({ envelope: { from, to }, raw });
  t.close();
}
