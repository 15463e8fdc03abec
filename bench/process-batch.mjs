#!/usr/bin/env node
// `node bench/process-batch.mjs [messages=1000] [runs=3]`: wall time of the installed command (`bin/imip-companion.js`)
// processing N mails (bench/batchMail.mjs: invitations, updates, cancellations) into a fresh data dir with the
// default durability (fsync on), start-up included; beside it one message, `--help` and `node -e 0` in the same
// run. Prints a Markdown table (medians) and the outcome counts of the last batch run, so a faster run that does
// less is seen. Build first (`npm run build`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { batchMails, ME, NOW } from './batchMail.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'imip-companion.js');
const count = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 3);

const work = mkdtempSync(path.join(os.tmpdir(), 'imip-batch-'));
const files = batchMails(count).map((m) => {
  const file = path.join(work, m.name);
  writeFileSync(file, m.text);
  return file;
});

function timed(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

function processRun(list) {
  const data = path.join(work, `data-${Math.random().toString(36).slice(2)}`);
  const r = timed([bin, 'process', '--data-dir', data, '--me', ME, '--now', NOW, '--json', ...list]);
  rmSync(data, { recursive: true, force: true });
  return r;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const samples = { node: [], help: [], one: [], batch: [] };
let last = '';
for (let r = 0; r < runs; r++) {
  samples.node.push(timed(['-e', '0']).ms);
  samples.help.push(timed([bin, '--help']).ms);
  samples.one.push(processRun(files.slice(0, 1)).ms);
  const b = processRun(files);
  samples.batch.push(b.ms);
  last = b.stdout;
}
const outcomes = {};
for (const line of last.split('\n').filter(Boolean)) {
  const o = JSON.parse(line);
  if (!o.outcome) continue;
  const k = `${o.kind}/${o.outcome}`;
  outcomes[k] = (outcomes[k] ?? 0) + 1;
}
const load = os
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(', ');
console.log(`load average before the last sample: ${load}; ${runs} runs, medians\n`);
console.log('| run | wall ms |');
console.log('|---|---|');
console.log(`| \`node -e 0\` | ${median(samples.node).toFixed(0)} |`);
console.log(`| \`--help\` | ${median(samples.help).toFixed(0)} |`);
console.log(`| \`process\` of 1 message | ${median(samples.one).toFixed(0)} |`);
console.log(
  `| \`process\` of ${count} messages | ${median(samples.batch).toFixed(0)} (${(median(samples.batch) / count).toFixed(2)} ms per message) |`,
);
console.log(`\noutcomes of the last batch: ${JSON.stringify(outcomes)}`);
rmSync(work, { recursive: true, force: true });
