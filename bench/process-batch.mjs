#!/usr/bin/env node
// `node bench/process-batch.mjs [messages=1000] [runs=3] [OTHER_ROOT]`: wall time of the installed command
// (`bin/imip-companion.js`) processing N mails (bench/batchMail.mjs: invitations, updates, cancellations) into a
// fresh data dir with the default durability (fsync on), start-up included; beside it one message, `--help` and
// `node -e 0` in the same run. With OTHER_ROOT (another built checkout, e.g. an older commit) both trees run
// alternately in the same rounds. Prints a Markdown table (medians) and the outcome counts of each tree's last
// batch, so a faster run that does less is seen. Build first (`npm run build`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { batchMails, ME, NOW } from './batchMail.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const count = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 3);
const trees = [['this tree', root], ...(process.argv[4] ? [['other', path.resolve(process.argv[4])]] : [])];

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

function processRun(bin, list) {
  const data = path.join(work, `data-${Math.random().toString(36).slice(2)}`);
  const r = timed([bin, 'process', '--data-dir', data, '--me', ME, '--now', NOW, '--json', ...list]);
  rmSync(data, { recursive: true, force: true });
  return r;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const samples = new Map(trees.map(([name]) => [name, { help: [], one: [], batch: [], last: '' }]));
const node = [];
for (let r = 0; r < runs; r++) {
  node.push(timed(['-e', '0']).ms);
  for (const [name, tree] of r % 2 ? [...trees].reverse() : trees) {
    const bin = path.join(tree, 'bin', 'imip-companion.js');
    const s = samples.get(name);
    s.help.push(timed([bin, '--help']).ms);
    s.one.push(processRun(bin, files.slice(0, 1)).ms);
    const b = processRun(bin, files);
    s.batch.push(b.ms);
    s.last = b.stdout;
  }
}
// What creating a file costs in this folder: on one disk it differs from folder to folder by ten times or more, and
// the decision files `process` creates are most of what is left of its time per mail.
function creationCost() {
  const dir = path.join(work, 'creation-probe');
  mkdirSync(dir);
  const t0 = performance.now();
  for (let i = 0; i < 200; i++) {
    writeFileSync(path.join(dir, `${i}.tmp`), 'x'.repeat(2500));
    renameSync(path.join(dir, `${i}.tmp`), path.join(dir, `${i}.json`));
  }
  const ms = (performance.now() - t0) / 200;
  rmSync(dir, { recursive: true, force: true });
  return ms;
}
const creation = creationCost();
const load = os
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(', ');
console.log(`load average after the last sample: ${load}; ${runs} rounds, medians of wall ms`);
console.log(`creating a 2.5 KB file (write + rename) in ${work}: ${creation.toFixed(3)} ms\n`);
console.log(`| run | ${trees.map(([n]) => n).join(' | ')} |`);
console.log(`|---|${trees.map(() => '---').join('|')}|`);
const row = (label, pick) => console.log(`| ${label} | ${trees.map(([n]) => pick(samples.get(n))).join(' | ')} |`);
console.log(`| \`node -e 0\` | ${trees.map(() => median(node).toFixed(0)).join(' | ')} |`);
row('`--help`', (s) => median(s.help).toFixed(0));
row('`process` of 1 message', (s) => median(s.one).toFixed(0));
row(
  `\`process\` of ${count} messages`,
  (s) => `${median(s.batch).toFixed(0)} (${(median(s.batch) / count).toFixed(2)} per message)`,
);
for (const [name] of trees) {
  const outcomes = {};
  for (const line of samples.get(name).last.split('\n').filter(Boolean)) {
    const o = JSON.parse(line);
    if (!o.outcome) continue;
    const k = `${o.kind}/${o.outcome}`;
    outcomes[k] = (outcomes[k] ?? 0) + 1;
  }
  console.log(`\noutcomes of ${name}'s last batch: ${JSON.stringify(outcomes)}`);
}
rmSync(work, { recursive: true, force: true });
