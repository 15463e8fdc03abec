#!/usr/bin/env node
// A/B of the scheduling engine between two built trees on the same corpus: `node bench/engine-ab.mjs ROOT_A ROOT_B
// [CORPUS] [PAIRS]`. Each sample is a fresh Node process running one tree (warm-up passes, then alternating
// parse-only and end-to-end passes, median of its rounds); the trees alternate A, B, A, B … so drift in the
// machine's load reaches both alike. Prints the median over the samples of each tree and B's ratio to A.
// ROOT is a checkout whose `build/` holds the tsc output (`npx tsc -b shared electron`) and whose node_modules
// resolve ical.js. Trees from before the engine returned store changes as text are handled too (the child
// serializes `res.store.calendar` itself, as the bench of that time did).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { engineInputs, parsingLookup, readCorpus } from './corpusInputs.mjs';

const self = fileURLToPath(import.meta.url);
const here = path.resolve(path.dirname(self), '..');
const STEPS = ['parse', 'e2e', 'full'];

// Steps: `parse` (parseItip), `e2e` (processItip against stored copies kept parsed) and `full` (the same with each
// message's stored copy parsed from its text inside the step, as the store reads a file the first time: the
// end-to-end figure). `--child ROOT CORPUS [ROUNDS] [STEP]` runs one sample; with a step named, only that step (for
// `node --cpu-prof`).
if (process.argv[2] === '--one-process')
  await oneProcess(
    path.resolve(process.argv[3]),
    path.resolve(process.argv[4]),
    path.resolve(process.argv[5]),
    Number(process.argv[6] ?? 10),
  );
else if (process.argv[2] === '--child')
  await child(
    process.argv[3],
    process.argv[4],
    Number(process.argv[5] ?? 5),
    process.argv[6] ?? 'all',
    process.argv[7],
  );
else parent();

function parent() {
  // `ROOT+ref` runs that tree after the reference passes `npm run bench` makes first (ical.js' own parse and
  // serialize, ICAL.parse, parseIcs), to see what the order of the bench costs the engine.
  const [a, b] = [process.argv[2], process.argv[3]].map((p) => path.resolve(p ?? ''));
  const corpus = path.resolve(process.argv[4] ?? path.join(here, 'bench-data', 'corpus'));
  const pairs = Number(process.argv[5] ?? 5);
  if (!process.argv[3]) {
    console.error('usage: node bench/engine-ab.mjs ROOT_A ROOT_B [CORPUS] [PAIRS]');
    process.exit(2);
  }
  const samples = { A: [], B: [] };
  for (let i = 0; i < pairs; i++) {
    for (const [name, root] of i % 2 === 0
      ? [
          ['A', a],
          ['B', b],
        ]
      : [
          ['B', b],
          ['A', a],
        ]) {
      const [dir, ref] = root.split('+');
      const r = spawnSync(process.execPath, [self, '--child', dir, corpus, '5', 'all', ref ?? ''], {
        encoding: 'utf8',
      });
      if (r.status !== 0) {
        console.error(r.stderr);
        process.exit(1);
      }
      const s = JSON.parse(r.stdout);
      samples[name].push(s);
      console.error(
        `${name} #${samples[name].length}: parse ${s.parse}, e2e (stored kept parsed) ${s.e2e}, full ${s.full} msg/s`,
      );
    }
  }
  const med = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const row = (k) => {
    const ma = med(samples.A.map((s) => s[k]));
    const mb = med(samples.B.map((s) => s[k]));
    return `| ${k} | ${ma} | ${mb} | ${(mb / ma).toFixed(3)} |`;
  };
  console.log(`\nA = ${a}\nB = ${b}\n${pairs} processes each, alternating; median msg/s\n`);
  console.log('| step | A | B | B / A |\n|---|---|---|---|');
  for (const k of STEPS) console.log(row(k));
}

async function child(root, corpus, rounds, only, ref) {
  const w = await workload(root, corpus);
  if (ref === 'ref') for (let i = 0; i < 6; i++) w.reference();
  const steps = STEPS.filter((k) => only === 'all' || only === k);
  for (let i = 0; i < 2; i++) for (const k of steps) w[k]();
  const r = Object.fromEntries(STEPS.map((k) => [k, []]));
  for (let i = 0; i < rounds; i++) for (const k of steps) r[k].push(rate(w.count, w[k]));
  process.stdout.write(JSON.stringify(Object.fromEntries(STEPS.map((k) => [k, median(r[k])]))));
}

/**
 * Both trees in one process, their passes interleaved (A, B, B, A, …): the finest alternation there is, so a
 * change of load within a second reaches both. The trees' ical.js copies are separate modules; the heap is shared.
 */
async function oneProcess(a, b, corpus, rounds) {
  const w = { A: await workload(a, corpus), B: await workload(b, corpus) };
  for (let i = 0; i < 2; i++) for (const k of ['A', 'B']) for (const step of STEPS) w[k][step]();
  const r = { A: { parse: [], e2e: [], full: [] }, B: { parse: [], e2e: [], full: [] } };
  for (let i = 0; i < rounds; i++)
    for (const step of STEPS)
      for (const k of i % 2 === 0 ? ['A', 'B'] : ['B', 'A']) r[k][step].push(rate(w[k].count, w[k][step]));
  console.log(`\nA = ${a}\nB = ${b}\none process, ${rounds} interleaved passes each; median msg/s (CPU time)\n`);
  console.log('| step | A | B | B / A |\n|---|---|---|---|');
  for (const step of STEPS) {
    const ma = median(r.A[step]);
    const mb = median(r.B[step]);
    console.log(`| ${step} | ${ma} | ${mb} | ${(mb / ma).toFixed(3)} |`);
  }
}

function median(xs) {
  return xs.length ? Math.round([...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]) : 0;
}

// CPU time of this process (user + system, all its threads) rather than wall time: on a shared machine a process
// waiting for a core is not slower code. Wall time is what a person sees; both trees pay the same waits.
function rate(count, fn) {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return count / ((c.user + c.system) / 1e6);
}

/** One tree's parse-only and end-to-end passes over the corpus, and the reference passes `npm run bench` makes. */
async function workload(root, corpus) {
  const load = (rel) => import(pathToFileURL(path.join(root, 'build', rel)).href);
  const { parseItip, processItip } = await load('shared/itip/index.js');
  const { parseIcs } = await load('shared/ical/parse.js');
  const { serializeCalendar } = await load('shared/ical/serialize.js');
  const req = createRequire(path.join(root, 'package.json'));
  const { default: ICAL } = await import(pathToFileURL(req.resolve('ical.js')).href);

  const { messages } = readCorpus(corpus);
  const toComponent = (text) => new ICAL.Component(parseIcs(text));
  const { stored, inputs } = engineInputs(corpus, messages, toComponent);
  const serialized = (res) => {
    const st = res.store;
    if (st?.type === 'put') void (st.ics ?? serializeCalendar(st.calendar));
    for (const o of res.outgoing) void o.ics;
  };
  return {
    count: messages.length,
    parse() {
      for (const m of messages) if (!parseItip(m.text, null).ok) throw new Error(`parse failed: ${m.file}`);
    },
    e2e() {
      for (const { m, input, ctx } of inputs)
        serialized(processItip(input, () => (m.target ? stored.get(m.target) : null), ctx));
    },
    full() {
      for (const { input, ctx, text } of inputs) serialized(processItip(input, parsingLookup(text, toComponent), ctx));
    },
    reference() {
      for (const m of messages) void new ICAL.Component(ICAL.parse(m.text)).toString();
      for (const m of messages) ICAL.parse(m.text);
      for (const m of messages) parseIcs(m.text);
    },
  };
}
