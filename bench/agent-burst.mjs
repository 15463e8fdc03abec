#!/usr/bin/env node
// A burst of invitations arriving at once at a running agent. Build first, with the loopback mail stack running:
//   npm run build && node bench/agent-burst.mjs [messages=1000]
// The real `watch` CLI (bin/imip-companion.js) idles on a fresh user's INBOX; then all N invitations
// (bench/batchMail.mjs's invitations, addressed to that user) go into the INBOX with one MULTIAPPEND (RFC 3502,
// LITERAL+), so Dovecot announces them together. A bare imapflow client IDLEs on the same INBOX: its EXISTS is
// "the server's notification". Reported: notification → the agent's first and last handled message (its JSON
// lines), and the messages per second in between; then every message's keyword is checked with doveadm.
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CA_FILE,
  PORTS,
  cleanup,
  expungeUser,
  imapClient,
  machine,
  mailboxFlags,
  readyMailUser,
  sleep,
  startWatch,
  tempDir,
  waitFor,
  writeConfig,
} from './agent-common.mjs';
import { batchMails, ME } from './batchMail.mjs';

const N = Number(process.argv[2] ?? 1000);

/** One MULTIAPPEND of every message (LITERAL+: no continuation round trips); resolves on its tagged OK. */
function multiAppend(u, raws) {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port: PORTS.imaps, ca: readFileSync(CA_FILE) });
    let buf = '';
    let stage = 'greeting';
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', (d) => {
      buf += d;
      if (stage === 'greeting' && buf.includes('\r\n')) {
        stage = 'login';
        buf = '';
        socket.write(`a1 LOGIN ${u.user} ${u.pass}\r\n`);
      } else if (stage === 'login' && /^a1 OK/m.test(buf)) {
        stage = 'append';
        buf = '';
        const parts = raws.map((r) => {
          const bytes = Buffer.from(r.replace(/\r?\n/g, '\r\n'));
          return Buffer.concat([Buffer.from(` {${bytes.length}+}\r\n`), bytes]);
        });
        socket.write(Buffer.concat([Buffer.from('a2 APPEND INBOX'), ...parts, Buffer.from('\r\n')]));
      } else if (stage === 'append' && /^a2 (OK|NO|BAD)/m.test(buf)) {
        const ok = /^a2 OK/m.test(buf);
        socket.end('a3 LOGOUT\r\n');
        if (ok) resolve();
        else reject(new Error(`APPEND refused: ${buf.trim()}`));
      } else if (/^a1 (NO|BAD)/m.test(buf)) reject(new Error(`LOGIN refused: ${buf.trim()}`));
    });
  });
}

const u = await readyMailUser('burst');
const dir = tempDir('burst');
// BURST_PROFILE=DIR: a CPU profile of the agent (written when it exits) goes to DIR.
const profile = process.env.BURST_PROFILE;
const watch = startWatch(writeConfig(dir, u), {
  nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : [],
});
const observer = imapClient(u);
let notified = null;
try {
  await sleep(4000);
  await observer.connect();
  await observer.mailboxOpen('INBOX');
  observer.on('exists', (ev) => {
    if (ev.count >= N && notified === null) notified = performance.now();
  });
  void observer.idle().catch(() => undefined);
  await sleep(500);
  const raws = batchMails(Math.ceil(N / 0.7))
    .filter((m) => m.method === 'REQUEST')
    .slice(0, N)
    .map((m) => m.text.replaceAll(ME, u.address));
  const tAppend = performance.now();
  await multiAppend(u, raws);
  const tAppended = performance.now();
  const done = () => watch.lines.filter((l) => l.outcome && l.t > tAppend);
  await waitFor(() => done().length >= N, {
    what: `${N} messages handled`,
    timeoutMs: Number(process.env.BURST_TIMEOUT_MS ?? 300_000),
    intervalMs: 20,
  }).catch((e) => {
    process.stderr.write(`${done().length} of ${N} handled; the agent's last lines:\n`);
    for (const l of watch.stderr.slice(-20)) process.stderr.write(`  ${l.line}\n`);
    throw e;
  });
  await waitFor(() => notified, { what: 'the notification', timeoutMs: 10_000, intervalMs: 5 });
  const lines = done();
  const first = lines[0].t;
  const last = lines[N - 1].t;
  const flags = mailboxFlags(u.user);
  const marked = flags.filter((f) => f.flags.some((x) => /^\$ITip(Processed|Analyzed|Ignore)$/i.test(x))).length;
  console.log(`${machine()}\n`);
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| messages in one MULTIAPPEND | ${N} (APPEND took ${(tAppended - tAppend).toFixed(0)} ms) |`);
  console.log(
    `| APPEND sent → the observer's EXISTS (the server's notification) | ${(notified - tAppend).toFixed(0)} ms |`,
  );
  console.log(`| notification → first message handled | ${(first - notified).toFixed(0)} ms |`);
  console.log(`| notification → last message handled | **${(last - notified).toFixed(0)} ms** (target ≤ 3,000) |`);
  console.log(`| first → last | ${(last - first).toFixed(0)} ms (${((N * 1000) / (last - first)).toFixed(0)} msg/s) |`);
  console.log(
    `| outcomes | ${JSON.stringify(Object.fromEntries(count(lines.map((l) => `${l.kind}/${l.outcome}`))))} |`,
  );
  console.log(`| messages with a state keyword on the server | ${marked} / ${flags.length} |`);
} finally {
  await observer.logout().catch(() => observer.close());
  await watch.kill();
  expungeUser(u);
  cleanup();
}

function count(xs) {
  const m = new Map();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}
