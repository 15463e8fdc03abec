#!/usr/bin/env node
// `node bench/engine-kinds.mjs [ROUNDS=7]`: the engine's end-to-end step (`processItip` with the stored copy parsed
// in the step, result serialized: the figure `npm run bench` reports) per kind of message in the corpus, in CPU
// microseconds per message (median of the rounds), beside the parts a message of that kind cannot skip: parsing
// it (`parseItip`), parsing its stored copy, and parsing and writing its stored copy again. Shows where the time of
// the end-to-end figure goes. Build and generate the corpus first (`npm run bench` does both).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { engineInputs, parsingLookup, readCorpus } from './corpusInputs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.join(root, 'bench-data', 'corpus');
const rounds = Number(process.argv[2] ?? 7);
const load = (rel) => import(pathToFileURL(path.join(root, 'build', rel)).href);
const { processItip, parseItip } = await load('shared/itip/index.js');
const { parseIcs } = await load('shared/ical/parse.js');
const { serializeCalendar } = await load('shared/ical/serialize.js');
const { default: ICAL } = await import('ical.js');

const { messages } = readCorpus(corpus);
const toComponent = (text) => new ICAL.Component(parseIcs(text));
const { inputs } = engineInputs(corpus, messages, toComponent);
const byKind = new Map();
for (const x of inputs) byKind.set(x.m.kind, [...(byKind.get(x.m.kind) ?? []), x]);

const endToEnd = (xs) => {
  for (const { input, ctx, text } of xs) {
    const res = processItip(input, parsingLookup(text, toComponent), ctx);
    if (res.store?.type === 'put') void res.store.ics;
    for (const o of res.outgoing) void o.ics;
  }
};
const parts = {
  'parse message': (xs) => xs.forEach((x) => parseItip(x.input.ics, null)),
  'parse stored': (xs) => xs.forEach((x) => x.text && toComponent(x.text)),
  'parse + write stored': (xs) => xs.forEach((x) => x.text && serializeCalendar(toComponent(x.text))),
};
const cpu = (fn) => {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return c.user + c.system;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (let w = 0; w < 3; w++) endToEnd(inputs);
console.log(`| kind | messages | end to end, µs | ${Object.keys(parts).join(' | ')} |`);
console.log(
  `|---|---|---|${Object.keys(parts)
    .map(() => '---')
    .join('|')}|`,
);
for (const [kind, xs] of byKind) {
  const t = [];
  const p = Object.fromEntries(Object.keys(parts).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    t.push(cpu(() => endToEnd(xs)));
    for (const [k, f] of Object.entries(parts)) p[k].push(cpu(() => f(xs)));
  }
  const per = (a) => (median(a) / xs.length).toFixed(1);
  console.log(`| ${kind} | ${xs.length} | ${per(t)} | ${Object.values(p).map(per).join(' | ')} |`);
}
const all = [];
for (let r = 0; r < rounds; r++) all.push(cpu(() => endToEnd(inputs)));
const us = median(all) / inputs.length;
console.log(`| all | ${inputs.length} | ${us.toFixed(1)} (${Math.round(1e6 / us)} msg/s of CPU time) | | | |`);
