#!/usr/bin/env node
// Resident memory of `imip-companion watch` with a CalDAV calendar of N synced events. Build first and fill the
// calendar with bench/caldav-sync.mjs (same N; it leaves the user `bench<N>` on the loopback Radicale):
//   npm run build && node bench/caldav-sync.mjs 10000 && node bench/caldav-memory.mjs [N=10000]
// A fresh mail user on the loopback Dovecot/Postfix and an empty data dir; `watch` runs under GNU time
// (/usr/bin/time -v) and does its initial CalDAV sync of the N events into the data dir. Once it logged the sync
// and then stayed quiet for 10 s, VmRSS and VmHWM are read from /proc/<pid>/status; then it is stopped (SIGTERM)
// and GNU time's "Maximum resident set size" is the peak over the whole run. Then a second `watch` starts on the
// same, already synced data dir (the usual start of the day) and is measured the same way.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, machine, readyMailUser, tempDir, waitFor, writeConfig, BIN, ROOT } from './agent-common.mjs';

const N = Number(process.argv[2] ?? 10_000);
const BASE = process.env.RADICALE_URL ?? 'http://127.0.0.1:15232/';
const user = `bench${N}`;

function status(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
  return { rssMB: +(kb('VmRSS') / 1024).toFixed(1), hwmMB: +(kb('VmHWM') / 1024).toFixed(1) };
}

/** GNU time wraps node; the agent is its child. */
function childPid(pid) {
  const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  return Number(kids[0]);
}

async function run(config, label, expectSync) {
  const t0 = performance.now();
  const p = spawn('/usr/bin/time', ['-v', process.execPath, BIN, 'watch', '--config', config, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: ROOT,
  });
  let err = '';
  let last = performance.now();
  let syncedAt = null;
  // Log lines go to stdout (as JSON with --json) or stderr depending on the command's output; read both.
  const onData = (d) => {
    err += d;
    last = performance.now();
    if (syncedAt === null && /caldav[^\n]*changed/.test(err)) syncedAt = performance.now();
  };
  p.stdout.setEncoding('utf8').on('data', onData);
  p.stderr.setEncoding('utf8').on('data', onData);
  const exited = new Promise((r) => p.once('exit', r));
  // A start on a synced data dir logs no CalDAV line (nothing changed): there, quiet after the start is enough.
  if (expectSync)
    await waitFor(() => syncedAt !== null || /caldav[^\n]*(unreachable|error)/i.test(err), {
      timeoutMs: 600_000,
      what: `${label}: the CalDAV sync`,
    });
  else await waitFor(() => /watching/.test(err), { timeoutMs: 120_000, what: `${label}: the start` });
  await waitFor(() => performance.now() - last > 10_000, { timeoutMs: 120_000, what: `${label}: quiet` });
  const pid = childPid(p.pid);
  const idle = status(pid);
  const line = /caldav[^\n]*changed[^\n]*/.exec(err)?.[0] ?? null;
  process.kill(pid, 'SIGTERM');
  await exited;
  const peak = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1] ?? NaN);
  return {
    label,
    syncLine: line,
    syncSeconds: syncedAt === null ? null : +((syncedAt - t0) / 1000).toFixed(1),
    idle,
    gnuTimePeakMB: +(peak / 1024).toFixed(1),
  };
}

const dir = tempDir('caldavmem');
try {
  const u = await readyMailUser('davmem');
  const davPassword = path.join(dir, 'dav.password');
  writeFileSync(davPassword, `${user}-secret`, { mode: 0o600 });
  const config = writeConfig(dir, u, { caldav: { url: BASE, user, passwordFile: davPassword } });
  const first = await run(config, 'initial sync', true);
  const second = await run(config, 'start on a synced data dir', false);
  console.log(JSON.stringify({ events: N, machine: machine(), runs: [first, second] }));
} finally {
  cleanup();
}
