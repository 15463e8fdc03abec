#!/usr/bin/env node
// `node bench/start-ab.mjs [RUNS=25] [OTHER_ROOT]`: the start-up a person waits for, measured finely: RUNS times
// `process` of one mail (bench/batchMail.mjs's first invitation) into a fresh data dir, and `--help`, of the
// installed command (`bin/imip-companion.js`); with OTHER_ROOT (another built checkout) both trees alternate in
// the same rounds. Prints the median, fastest and slowest wall time of each. Build first (`npm run build`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { batchMails, ME, NOW } from './batchMail.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 25);
const trees = [['this tree', root], ...(process.argv[3] ? [['other', path.resolve(process.argv[3])]] : [])];
const work = mkdtempSync(path.join(os.tmpdir(), 'imip-start-'));
const mail = path.join(work, 'one.eml');
writeFileSync(mail, batchMails(1)[0].text);
const data = path.join(work, 'data');

function timed(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return ms;
}

const samples = new Map(trees.map(([name]) => [name, { one: [], help: [] }]));
// One start of each first: it writes the code cache a later start reads.
for (const [, tree] of trees) timed([path.join(tree, 'bin', 'imip-companion.js'), '--help']);
for (let r = 0; r < runs; r++) {
  for (const [name, tree] of r % 2 ? [...trees].reverse() : trees) {
    const bin = path.join(tree, 'bin', 'imip-companion.js');
    rmSync(data, { recursive: true, force: true });
    const s = samples.get(name);
    s.one.push(timed([bin, 'process', '--data-dir', data, '--me', ME, '--now', NOW, '--json', mail]));
    s.help.push(timed([bin, '--help']));
  }
}
rmSync(work, { recursive: true, force: true });
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const show = (xs) => {
  const s = sorted(xs);
  return `${s[s.length >> 1].toFixed(0)} (${s[0].toFixed(0)}–${s[s.length - 1].toFixed(0)})`;
};
console.log(
  `load average after the last run: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}; ${runs} runs each`,
);
console.log(`\n| run | ${trees.map(([n]) => n).join(' | ')} |\n|---|${trees.map(() => '---').join('|')}|`);
console.log(
  `| \`process\` of 1 message, median (fastest–slowest) ms | ${trees.map(([n]) => show(samples.get(n).one)).join(' | ')} |`,
);
console.log(
  `| \`--help\`, median (fastest–slowest) ms | ${trees.map(([n]) => show(samples.get(n).help)).join(' | ')} |`,
);
