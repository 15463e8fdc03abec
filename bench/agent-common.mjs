// Shared pieces of the agent benchmarks (bench/agent-latency.mjs, agent-memory.mjs, agent-crash.mjs): throwaway
// users on the loopback mail stack (test/servers/mailstack.sh, running), agent configuration files, the built
// CLI as a child process, a seeded PRNG and a few statistics. Plain Node ESM; only 127.0.0.1 is contacted.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'imip-companion.js');
export const STACK = process.env.MAILSTACK_DIR ?? '/tmp/imip-mailstack';
export const CA_FILE = path.join(STACK, 'tls', 'cert.pem');
export const DOMAIN = 'example.test';
export const PORTS = {
  imaps: Number(process.env.IMAPS_PORT ?? 11993),
  submission: Number(process.env.SUBMISSION_PORT ?? 11587),
  smtp: Number(process.env.SMTP_PORT ?? 12525),
};
const DOVECOT_CONF = path.join(STACK, 'etc', 'dovecot.conf');

// The agent benchmarks run bin/imip-companion.js, which runs the CLI bundle (build/cli/) that `npm run build` makes.
if (
  !existsSync(path.join(ROOT, 'build', 'electron', 'agent', 'agent.js')) ||
  !existsSync(path.join(ROOT, 'build', 'cli', 'imip-companion.js'))
) {
  process.stderr.write('Build first: npm run build\n');
  process.exit(1);
}
if (!existsSync(CA_FILE)) {
  process.stderr.write(
    `The loopback mail stack is not running (no ${CA_FILE}); start it with test/servers/mailstack.sh.\n`,
  );
  process.exit(1);
}

export const load = (rel) => import(pathToFileURL(path.join(ROOT, 'build', rel)).href);

// ---------- temp dirs, removed on exit ----------
const dirs = [];
export function tempDir(prefix) {
  const d = mkdtempSync(path.join(os.tmpdir(), `imip-bench-${prefix}-`));
  dirs.push(d);
  return d;
}
export function cleanup() {
  if (process.env.BENCH_KEEP) {
    if (dirs.length) process.stderr.write(`BENCH_KEEP: left ${dirs.splice(0).join(' ')}\n`);
    return;
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });

// ---------- mail users ----------
export function doveadm(...args) {
  // The mail stack is shared: a test elsewhere may restart Dovecot (watch.integration.test.ts does); a look from
  // outside waits for it to come back instead of ending a long run.
  for (let attempt = 0; ; attempt++) {
    try {
      return execFileSync('doveadm', ['-c', DOVECOT_CONF, ...args], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      if (
        attempt >= 30 ||
        !/Connection refused|No such file|Disconnected unexpectedly|Internal error/.test(String(e.stderr ?? ''))
      )
        throw e;
      spawnSync('sleep', ['1']);
    }
  }
}

/** A fresh mailbox that can log in (Dovecot re-reads its passwd-file at most once a second; a restart by a test elsewhere takes a few). */
export async function readyMailUser(prefix) {
  const user = `${prefix.toLowerCase().replace(/[^a-z0-9]/g, '')}${randomBytes(4).toString('hex')}`;
  const pass = `${user}-secret`;
  appendFileSync(path.join(STACK, 'etc', 'users.dynamic'), `${user}:{PLAIN}${pass}::::::\n`);
  const quiet = (...a) => spawnSync('doveadm', ['-c', DOVECOT_CONF, ...a], { stdio: 'ignore' }).status === 0;
  const deadline = Date.now() + 60_000;
  while (!(quiet('auth', 'test', user, pass) && quiet('user', user))) {
    if (Date.now() > deadline) throw new Error(`Dovecot does not know ${user}`);
    await sleep(150);
  }
  return { user, pass, address: `${user}@${DOMAIN}` };
}

/** Removes a benchmark user's mail (fixture cleanup; the product never deletes mail). */
export function expungeUser(u, mailboxes = ['INBOX', 'Sent']) {
  for (const m of mailboxes) {
    try {
      doveadm('expunge', '-u', u.user, 'mailbox', m, 'all');
    } catch {
      /* mailbox absent */
    }
  }
}

/** `uid flags` of every message in a mailbox, straight from Dovecot. */
export function mailboxFlags(user, mailbox = 'INBOX') {
  const out = doveadm('fetch', '-u', user, 'uid flags', 'mailbox', mailbox, 'all');
  const rows = [];
  for (const block of out.split(/\n(?=uid: )/)) {
    const uid = /uid: (\d+)/.exec(block)?.[1];
    const flags = /flags: ?(.*)/.exec(block)?.[1] ?? '';
    if (uid) rows.push({ uid: Number(uid), flags: flags.split(/\s+/).filter(Boolean) });
  }
  return rows;
}

/** Raw text (headers + body) of every message in a mailbox. */
export function mailboxTexts(user, mailbox = 'INBOX') {
  const out = doveadm('fetch', '-u', user, 'text', 'mailbox', mailbox, 'all');
  return out.split(/^text:\n/m).slice(1);
}

export function imapClient(u) {
  const c = new ImapFlow({
    host: '127.0.0.1',
    port: PORTS.imaps,
    secure: true,
    auth: { user: u.user, pass: u.pass },
    tls: { ca: readFileSync(CA_FILE) },
    logger: false,
  });
  c.on('error', () => undefined);
  return c;
}

/** SMTP on loopback → Postfix → LMTP → Dovecot, as mail from outside arrives. */
export async function deliver(raw, from, to) {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: PORTS.smtp, secure: false, ignoreTLS: true });
  try {
    await t.sendMail({ envelope: { from, to }, raw });
  } finally {
    t.close();
  }
}

/** The agent configuration file for `u` (IMAPS + submission with STARTTLS, the stack's CA trusted). */
export function writeConfig(dir, u, extra = {}) {
  const passwordFile = path.join(dir, `${u.user}.password`);
  writeFileSync(passwordFile, u.pass, { mode: 0o600 });
  const cfg = {
    imap: { host: '127.0.0.1', port: PORTS.imaps, secure: true, user: u.user, passwordFile, caFile: CA_FILE },
    smtp: { host: '127.0.0.1', port: PORTS.submission, secure: false, user: u.user, passwordFile, caFile: CA_FILE },
    me: [u.address],
    policy: 'known',
    timeframe: '4W',
    dataDir: path.join(dir, 'data'),
    pollSeconds: 60,
    ...extra,
  };
  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(cfg, null, 2));
  return file;
}

/**
 * `imip-companion watch --config FILE --json` as a child process; JSON lines and stderr collected. `nodeArgs` go
 * before the script (`--cpu-prof` and the like, which NODE_OPTIONS does not take).
 */
export function startWatch(configFile, { nodeArgs = [] } = {}) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'watch', '--config', configFile, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: ROOT,
  });
  const w = { child, t0, lines: [], stderr: [], exited: null };
  let buf = '';
  child.stdout.setEncoding('utf8').on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (line.trim()) w.lines.push({ t: performance.now(), ...JSON.parse(line) });
    }
  });
  let ebuf = '';
  child.stderr.setEncoding('utf8').on('data', (d) => {
    ebuf += d;
    let i;
    while ((i = ebuf.indexOf('\n')) >= 0) {
      w.stderr.push({ t: performance.now(), line: ebuf.slice(0, i) });
      ebuf = ebuf.slice(i + 1);
    }
  });
  w.done = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      w.exited = { code, signal };
      resolve(w.exited);
    }),
  );
  w.kill = async (signal = 'SIGTERM') => {
    if (w.exited) return w.exited;
    child.kill(signal);
    return w.done;
  };
  return w;
}

// ---------- iMIP text ----------
export function stamp(d) {
  return new Date(d)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
let seq = 0;
export function mime({ from, to, subject, method, ics, date = new Date(), messageId }) {
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${new Date(date).toUTCString()}`,
    `Message-ID: <${messageId ?? `${Date.now()}.${++seq}.${randomBytes(3).toString('hex')}@${DOMAIN}`}>`,
    'MIME-Version: 1.0',
    `Content-Type: text/calendar; charset=utf-8; method=${method}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    ics,
  ].join('\r\n');
}
export const cal = (method, ...lines) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//iMIP Companion//bench//EN',
    ...(method ? [`METHOD:${method}`] : []),
    ...lines,
    'END:VCALENDAR',
    '',
  ].join('\r\n');

// ---------- numbers ----------
/** mulberry32: a small seeded PRNG, so every run makes the same choices. */
export function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export function quantile(values, q) {
  const a = [...values].sort((x, y) => x - y);
  if (a.length === 0) return NaN;
  return a[Math.min(a.length - 1, Math.max(0, Math.ceil(q * a.length) - 1))];
}
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export async function waitFor(probe, { timeoutMs = 15_000, intervalMs = 50, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
export function machine() {
  return `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model?.trim() ?? 'cpu'}, ${os.type()} ${os.release()}`;
}
