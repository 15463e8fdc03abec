/**
 * Cyrus IMAP's CalDAV server (test/servers/cyrusstack.sh) for the scheduling tests: a server that schedules by
 * itself (RFC 6638). Started by the test file that needs it, not by the global setup, because it is the only user
 * and it costs a second or two. Its users are alice, bob and carol (`<user>-secret`, `<user>@example.test`); the
 * iMIP messages it would mail to attendees outside the server are kept one JSON object per line in its log.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cyrusstack.sh');
export const CYRUS_DIR = process.env.CYRUSSTACK_DIR ?? '/tmp/imip-cyrusstack';
export const CYRUS_PORT = Number(process.env.CYRUS_HTTP_PORT ?? 15680);
export const CYRUS = `http://127.0.0.1:${CYRUS_PORT}/`;

/** Installed, and we may start it (it runs as the `cyrus` user, which takes root to switch to). */
export function cyrusAvailable(): boolean {
  const imapd = `${process.env.CYRUS_IMAPD_DIR ?? '/var/lib/imip-cyrusstack'}/usr/lib/cyrus/bin/imapd`;
  const installed = spawnSync(
    'sh',
    ['-c', 'test -x /usr/lib/cyrus/bin/master && test -x "$1" && command -v saslpasswd2', 'sh', imapd],
    { stdio: 'ignore' },
  );
  return installed.status === 0 && process.getuid?.() === 0;
}

function running(): boolean {
  const out = spawnSync('bash', [SCRIPT, 'status'], { encoding: 'utf8' }).stdout ?? '';
  return /cyrus: \d+/.test(out);
}

/** Starts the server unless it runs; returns how to stop it again when this call started it. */
export function startCyrus(): () => void {
  if (!cyrusAvailable()) {
    if (process.env.CI === 'true')
      throw new Error('Cyrus CalDAV is not installed: .ci/install-system-packages installs it with cyrusstack.sh');
    return () => undefined;
  }
  if (running()) return () => undefined;
  execFileSync('bash', [SCRIPT, 'start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return () => execFileSync('bash', [SCRIPT, 'stop'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface ImipEntry {
  readonly recipient: string;
  readonly sender: string;
  readonly ical: string;
}

/** What the server scheduled by iMIP so far (to attendees outside it), oldest first. */
export function imipLog(): ImipEntry[] {
  let text = '';
  try {
    text = readFileSync(path.join(CYRUS_DIR, 'log', 'imip.log'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as ImipEntry);
}

/** Plain HTTP as a Cyrus user: "another client", never the code under test. */
export async function cyrusHttp(
  user: string,
  method: string,
  url: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; etag: string | null; text: string }> {
  const res = await fetch(new URL(url, CYRUS), {
    method,
    headers: { Authorization: `Basic ${Buffer.from(`${user}:${user}-secret`).toString('base64')}`, ...headers },
    ...(body !== undefined ? { body } : {}),
  });
  return { status: res.status, etag: res.headers.get('etag'), text: await res.text() };
}
