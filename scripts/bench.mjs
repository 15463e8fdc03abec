#!/usr/bin/env node
// `npm run bench`: builds, generates the deterministic 5,000-message iTIP corpus (bench/gen-corpus.mjs) into
// bench-data/, and measures parse-only and end-to-end (decide + apply + serialize) throughput and one-year
// recurrence expansions. Figures go to stdout as a Markdown table; BENCHMARKS.md records the measured ones.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (spawnSync(process.execPath, [tsc, '-b', 'shared', 'electron'], { cwd: root, stdio: 'inherit' }).status !== 0)
  process.exit(1);

const corpus = path.join(root, 'bench-data', 'corpus');
if (!existsSync(path.join(corpus, 'manifest.json'))) {
  const r = spawnSync(process.execPath, [path.join(root, 'bench', 'gen-corpus.mjs'), corpus, '2000', '20250301'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) process.exit(1);
}
const load = (rel) => import(pathToFileURL(path.join(root, 'build', rel)).href);
const { default: ICAL } = await import('ical.js');
const { parseItip, processItip } = await load('shared/itip/index.js');
const { expandOccurrences } = await load('shared/ical/recurrence.js');
const { parseIcs } = await load('shared/ical/parse.js');
const { CalendarStore } = await load('electron/store/calendarStore.js');

const manifest = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));
const messages = manifest.messages.map((m) => ({ ...m, text: readFileSync(path.join(corpus, m.file), 'utf8') }));
const bare = (u) => u.replace(/^mailto:/i, '').toLowerCase();
const envelope = (m) => ({
  messageId: null,
  from: { address: bare(m.sender) },
  sender: null,
  replyTo: [],
  to: [],
  cc: [],
  subject: '',
  receivedAt: Date.UTC(2025, 1, 20),
  authenticationResults: [],
});
const NOW = Date.UTC(2025, 1, 21);

function timeIt(label, rounds, fn) {
  fn(); // warm-up
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  times.sort((a, b) => a - b);
  return { label, median: times[Math.floor(times.length / 2)], best: times[0] };
}

const results = [];

// 0. For reference: a plain ical.js parse + serialize of each message (the floor any iCalendar tool pays, measured
//    in this same run, so the figures below are read as ratios to it and a loaded machine shifts both alike), then
//    ical.js' own parser and ours (the same jCal) on the raw text.
let icalRate = 0;
{
  const r0 = timeIt('ical.js parse+serialize', 5, () => {
    for (const m of messages) void new ICAL.Component(ICAL.parse(m.text)).toString();
  });
  icalRate = messages.length / r0.median;
  results.push([
    'For reference: ical.js parse + serialize (ICAL.parse, Component.toString)',
    `${messages.length}`,
    `${Math.round(icalRate)} msg/s`,
  ]);
  const r1 = timeIt('ical.js', 5, () => {
    for (const m of messages) ICAL.parse(m.text);
  });
  results.push([
    'For reference: ICAL.parse alone (ical.js)',
    `${messages.length}`,
    `${Math.round(messages.length / r1.median)} msg/s`,
  ]);
  const r2 = timeIt('parseIcs', 5, () => {
    for (const m of messages) parseIcs(m.text);
  });
  results.push([
    'For reference: parseIcs alone (ours, same jCal)',
    `${messages.length}`,
    `${Math.round(messages.length / r2.median)} msg/s`,
  ]);
}

// 1. Parse only: iCalendar text → validated ItipMessage (time zones completed).
{
  const r = timeIt('parse', 5, () => {
    for (const m of messages) if (!parseItip(m.text, null).ok) throw new Error(`parse failed: ${m.file}`);
  });
  results.push(['Parse only (parseItip)', `${messages.length}`, `${Math.round(messages.length / r.median)} msg/s`]);
}

// 2. End to end in memory: stored copies parsed once and kept (as the store's index does); each message is
//    classified, decided, applied and the new calendar serialized (the engine hands over the text it wrote).
{
  const stored = new Map();
  for (const m of messages) {
    if (m.target && !stored.has(m.target))
      stored.set(m.target, new ICAL.Component(parseIcs(readFileSync(path.join(corpus, m.target), 'utf8'))));
  }
  const outcomes = {};
  const run = (count) => {
    for (const m of messages) {
      const ctx = {
        me: [bare(m.recipient)],
        now: NOW,
        policy: 'always',
        timeframeMs: 1e12,
        isKnownAddress: () => true,
        busyPeriods: () => [],
      };
      const res = processItip(
        { ics: m.text, headerMethod: m.method, envelope: envelope(m) },
        () => (m.target ? stored.get(m.target) : null),
        ctx,
      );
      if (res.store?.type === 'put') void res.store.ics; // serialized by the engine
      for (const o of res.outgoing) void o.ics;
      if (count)
        outcomes[`${m.kind} → ${res.kind}/${res.outcome}`] =
          (outcomes[`${m.kind} → ${res.kind}/${res.outcome}`] ?? 0) + 1;
    }
  };
  run(true);
  const r = timeIt('e2e', 7, () => run(false));
  results.push([
    'Decide + apply + serialize (processItip, in-memory store)',
    `${messages.length}`,
    `${Math.round(messages.length / r.median)} msg/s`,
  ]);
  console.error('outcomes:', JSON.stringify(outcomes, null, 1));
}

// 3. The same flow through the on-disk vdir stores (atomic writes, fsync off): the organizer's store is seeded
//    with the organizer copies and receives the REPLYs; the attendee's store starts empty and receives the rest
//    in corpus order (an update that arrives before its invitation is then handled as an invitation).
{
  const dir = mkdtempSync(path.join(os.tmpdir(), 'imip-bench-'));
  try {
    const org = await CalendarStore.open(path.join(dir, 'org'), { fsync: false });
    const att = await CalendarStore.open(path.join(dir, 'att'), { fsync: false });
    for (const m of messages)
      if (m.method === 'REPLY' && !org.has(m.uid))
        await org.put(m.uid, new ICAL.Component(parseIcs(readFileSync(path.join(corpus, m.target), 'utf8'))));
    const t0 = process.hrtime.bigint();
    for (const m of messages) {
      const store = m.method === 'REPLY' ? org : att;
      const ctx = {
        me: [bare(m.recipient)],
        now: NOW,
        policy: 'always',
        timeframeMs: 1e12,
        isKnownAddress: (a) => store.isKnownAddress(a),
        busyPeriods: () => [],
      };
      const res = processItip({ ics: m.text, headerMethod: m.method, envelope: envelope(m) }, (u) => store.get(u), ctx);
      if (res.store?.type === 'put') await store.put(res.store.uid, res.store.ics);
    }
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    results.push([
      'Same, through the on-disk vdir store (atomic writes, no fsync)',
      `${messages.length}`,
      `${Math.round(messages.length / secs)} msg/s`,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// 4. One-year expansion of a weekly series with three overrides in Europe/Berlin.
{
  const cal = new ICAL.Component(parseIcs(readFileSync(path.join(corpus, manifest.expand.file), 'utf8')));
  const from = Date.parse(manifest.expand.start);
  const to = Date.parse(manifest.expand.end);
  const n = expandOccurrences(cal, from, to).length;
  if (n !== manifest.expand.expectedInstances)
    throw new Error(`expansion gave ${n} instances, expected ${manifest.expand.expectedInstances}`);
  const reps = 2000;
  const r = timeIt('expand', 5, () => {
    for (let i = 0; i < reps; i++) expandOccurrences(cal, from, to);
  });
  results.push([
    'One-year expansion, weekly + 3 overrides, Europe/Berlin',
    `${reps}×${n} instances`,
    `${Math.round(reps / r.median)} expansions/s`,
  ]);
}

console.log(`\nNode ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}\n`);
console.log('| benchmark | items | result (median of 5 runs, 7 for end to end) | × ical.js parse + serialize |');
console.log('|---|---|---|---|');
for (const [a, b, c] of results) {
  const rate = / msg\/s$/.test(c) ? Number.parseInt(c, 10) : NaN;
  console.log(`| ${a} | ${b} | ${c} | ${Number.isFinite(rate) ? (rate / icalRate).toFixed(2) : '—'} |`);
}
