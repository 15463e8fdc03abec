#!/usr/bin/env node
// CalDAV sync throughput against the loopback Radicale (test/servers/davstack.sh start): a fresh user with one
// calendar of N events (default 10,000, uploaded in one PUT of the collection), then
//   1. initial sync into an empty data dir (discovery + sync-collection + every object into the vdir cache),
//   2. an incremental sync with nothing new (must be one request),
//   3. an incremental sync after another client changed 10 events.
// Usage: node bench/caldav-sync.mjs [N] [--no-fsync]. Prints one JSON object: per step the wall time, the requests,
// `serverSeconds` (wall time spent waiting for the server's answers, request sent → whole body received; the rest
// of the wall time is our process: XML parsing, scanning, the cache writes; a streamed REPORT is read while it is
// applied, so its share includes our work between its pieces) and, for the initial sync, the CPU our
// process used. `load` is the 1-minute load average before and after: the machine is shared, so figures are
// only comparable at similar load.
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 10_000);
const fsync = !process.argv.includes('--no-fsync');
const BASE = process.env.RADICALE_URL ?? 'http://127.0.0.1:15232/';
const USERS = `${process.env.DAVSTACK_DIR ?? '/tmp/imip-davstack'}/etc/users`;
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (spawnSync(process.execPath, [tsc, '-b', 'shared', 'electron'], { cwd: root, stdio: 'inherit' }).status !== 0)
  process.exit(1);
const load = (rel) => import(pathToFileURL(path.join(root, 'build', rel)).href);
const { CalDavBackend } = await load('electron/caldav/calDavBackend.js');
const { CalendarStore } = await load('electron/store/calendarStore.js');
const { DavHttp } = await load('electron/caldav/davHttp.js');

// One user per size, kept between runs: Radicale indexes 10,000 new objects on their first read, which takes
// minutes on a loaded machine and is the server's cost, not ours. A second run reuses the indexed calendar.
const user = `bench${N}`;
const auth = { Authorization: `Basic ${Buffer.from(`${user}:${user}-secret`).toString('base64')}` };
const cal = `${BASE}${user}/bench-calendar/`;
const collectionRoot = path.join(process.env.DAVSTACK_DIR ?? '/tmp/imip-davstack', 'radicale', 'collection-root');

function event(i, summary = `Meeting ${i}`) {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
  return [
    'BEGIN:VEVENT',
    `UID:bench-${i}@example.test`,
    'DTSTAMP:20260101T000000Z',
    `DTSTART:2026${month}${day}T${String(8 + (i % 9)).padStart(2, '0')}0000Z`,
    'DURATION:PT1H',
    `SUMMARY:${summary}`,
    'ORGANIZER;CN=Bob:mailto:bob@example.test',
    'ATTENDEE;PARTSTAT=ACCEPTED:mailto:alice@example.test',
    `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:guest${i % 50}@example.test`,
    'END:VEVENT',
  ].join('\r\n');
}
const wrap = (body) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n${body}\r\nEND:VCALENDAR\r\n`;

let t = Date.now();
if (!readFileSync(USERS, 'utf8').split('\n').includes(`${user}:${user}-secret`))
  appendFileSync(USERS, `${user}:${user}-secret\n`);
const folder = path.join(collectionRoot, user, 'bench-calendar');
if (!existsSync(folder) || readdirSync(folder).filter((f) => f.endsWith('.ics')).length !== N) {
  rmSync(path.join(collectionRoot, user), { recursive: true, force: true });
  const mk = await fetch(cal, {
    method: 'MKCOL',
    headers: { ...auth, 'Content-Type': 'application/xml' },
    body: '<?xml version="1.0"?><D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:displayname>Work</D:displayname></D:prop></D:set></D:mkcol>',
  });
  if (mk.status !== 201) throw new Error(`MKCOL ${mk.status}`);
  // Uploading 10,000 objects through Radicale takes minutes, so they are written straight into its storage
  // folder (one VCALENDAR per file, as it stores them).
  for (let i = 0; i < N; i++) writeFileSync(path.join(folder, `bench-${i}.ics`), wrap(event(i)));
  // Let the server build its item index before timing.
  const warm = new DavHttp({ url: BASE, user, password: `${user}-secret`, ca: null, calendar: null });
  await (await warm.fetch(cal, { method: 'PROPFIND', headers: { Depth: '1' } })).text();
  await warm.close();
}
const setupSeconds = (Date.now() - t) / 1000;

/**
 * Adds up the time each request of the backend waits for the server: `fetch` resolves with the whole body, a
 * streamed REPORT counts until its last piece arrived (so it includes our parsing and writes between pieces).
 */
function timeServer(http) {
  const meter = { seconds: 0, byMethod: {} };
  const add = (m, t0) => {
    const s = (performance.now() - t0) / 1000;
    meter.seconds += s;
    meter.byMethod[m] = Number(((meter.byMethod[m] ?? 0) + s).toFixed(2));
  };
  const inner = http.fetch;
  http.fetch = async (input, init = {}) => {
    const t0 = performance.now();
    try {
      return await inner(input, init);
    } finally {
      add((init.method ?? 'GET').toUpperCase(), t0);
    }
  };
  const stream = http.stream.bind(http);
  http.stream = async (input, init = {}) => {
    const t0 = performance.now();
    const res = await stream(input, init);
    const body = res.body;
    return {
      ...res,
      body: (async function* () {
        try {
          yield* body;
        } finally {
          add((init.method ?? 'GET').toUpperCase(), t0);
        }
      })(),
    };
  };
  return meter;
}
const round = (x) => Number(x.toFixed(2));
const load0 = os.loadavg()[0];

const dir = mkdtempSync(path.join(os.tmpdir(), 'imip-caldav-bench-'));
try {
  t = performance.now();
  const cpu0 = process.cpuUsage();
  const cache = await CalendarStore.open(path.join(dir, 'calendar'), { fsync });
  const backend = await CalDavBackend.open({
    account: { url: BASE, user, password: `${user}-secret`, ca: null, calendar: null },
    root: dir,
    cache,
    fsync,
  });
  const meter = timeServer(backend.http);
  const first = await backend.sync();
  const initialSeconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // CPU this process used (user + system): the rest of the wall time is the server and the machine's load.
  const initialCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const initialRequests = backend.http.requests;
  const initialServer = { seconds: round(meter.seconds), byMethod: { ...meter.byMethod } };
  // This process's peak resident memory so far (setup included when it ran): the sync's own share of it.
  const peakRssMB = round(process.resourceUsage().maxRSS / 1024);
  if (cache.size !== N) throw new Error(`cache holds ${cache.size}, expected ${N}`);

  let r0 = backend.http.requests;
  meter.seconds = 0;
  t = performance.now();
  const idle = await backend.sync();
  const idleServer = round(meter.seconds);
  const idleMs = performance.now() - t;
  const idleRequests = backend.http.requests - r0;

  for (let i = 0; i < 10; i++) {
    const put = await fetch(`${cal}bench-${i * 7}.ics`, {
      method: 'PUT',
      headers: { ...auth, 'Content-Type': 'text/calendar' },
      body: wrap(event(i * 7, `Moved ${i} at ${Date.now()}`)),
    });
    if (!put.ok) throw new Error(`PUT ${put.status}`);
  }
  r0 = backend.http.requests;
  meter.seconds = 0;
  t = performance.now();
  const ten = await backend.sync();
  const tenServer = round(meter.seconds);
  const tenMs = performance.now() - t;
  const tenRequests = backend.http.requests - r0;
  await backend.close();
  console.log(
    JSON.stringify({
      events: N,
      fsync,
      load: [load0, os.loadavg()[0]].map(round),
      setupSeconds,
      initial: {
        seconds: Number(initialSeconds.toFixed(2)),
        serverSeconds: initialServer.seconds,
        serverByMethod: initialServer.byMethod,
        ourCpuSeconds: Number(initialCpuSeconds.toFixed(2)),
        peakRssMB,
        requests: initialRequests,
        changed: first.changed,
      },
      idle: { ms: Number(idleMs.toFixed(1)), serverSeconds: idleServer, requests: idleRequests, changed: idle.changed },
      tenChanged: {
        ms: Number(tenMs.toFixed(1)),
        serverSeconds: tenServer,
        requests: tenRequests,
        changed: ten.changed,
      },
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
