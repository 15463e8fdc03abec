/**
 * Scenarios for the mail agent against the loopback servers: config files for a user, the CLI run as a real
 * child process, iMIP mails between test users.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN } from './cli.js';
import { CA_FILE, PORTS, type MailUser } from './mailstack.js';

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `imip-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs a CLI command on `dataDir` with --json; its output lines, parsed. */
export function cli(dataDir: string, ...args: string[]): Record<string, unknown>[] {
  const out = execFileSync(process.execPath, [BIN, ...args, '--data-dir', dataDir, '--json'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A watch/web configuration for `user`: IMAPS and submission with STARTTLS, the test CA trusted. */
export function writeConfig(dir: string, user: MailUser, extra: Record<string, unknown> = {}): string {
  const passwordFile = path.join(dir, `${user.user}.password`);
  writeFileSync(passwordFile, user.pass, { mode: 0o600 });
  const cfg = {
    imap: { host: '127.0.0.1', port: PORTS.imaps, secure: true, user: user.user, passwordFile, caFile: CA_FILE },
    smtp: { host: '127.0.0.1', port: PORTS.submission, secure: false, user: user.user, passwordFile, caFile: CA_FILE },
    me: [user.address],
    policy: 'known',
    timeframe: '4W',
    dataDir: path.join(dir, 'data'),
    pollSeconds: 5,
    ...extra,
  };
  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(cfg, null, 2));
  return file;
}

export interface WatchProcess {
  readonly child: ChildProcess;
  readonly lines: Record<string, unknown>[];
  readonly stderr: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `imip-companion watch --config FILE --json` and collects its JSON lines. */
export function startWatch(configFile: string): WatchProcess {
  const child = spawn(process.execPath, [BIN, 'watch', '--config', configFile, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  let buf = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
  return {
    child,
    lines,
    stderr,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}

let seq = 0;
/** An iMIP REQUEST from `organizer` inviting `attendees` (RFC 6047 single-part text/calendar). */
export function invitationMail(
  organizer: MailUser,
  attendees: MailUser[],
  opts: { uid?: string; summary?: string; start?: string; sequence?: number; date?: Date } = {},
): { raw: string; uid: string } {
  const uid = opts.uid ?? `it-${Date.now()}-${++seq}@example.test`;
  const start = opts.start ?? '20301010T090000Z';
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//EN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp(opts.date ?? new Date())}`,
    `SEQUENCE:${opts.sequence ?? 0}`,
    `DTSTART:${start}`,
    'DURATION:PT1H',
    `SUMMARY:${opts.summary ?? 'Integration meeting'}`,
    `ORGANIZER;CN=Organizer:mailto:${organizer.address}`,
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${organizer.address}`,
    ...attendees.map((a) => `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${a.address}`),
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  return {
    uid,
    raw: mime(
      organizer.address,
      attendees.map((a) => a.address).join(', '),
      `Invitation: ${opts.summary ?? 'Integration meeting'}`,
      'REQUEST',
      ics,
      opts.date,
    ),
  };
}

export function mime(
  from: string,
  to: string,
  subject: string,
  method: string,
  ics: string,
  date = new Date(),
): string {
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${Date.now()}.${++seq}@example.test>`,
    'MIME-Version: 1.0',
    `Content-Type: text/calendar; charset=utf-8; method=${method}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    ics,
  ].join('\r\n');
}

export function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
