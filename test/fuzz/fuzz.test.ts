import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../scripts/fuzz/corpus.js';
import { fuzz } from '../../scripts/fuzz/fuzzer.js';
import { DEFAULT_MAX_LEN, makeInput, TARGETS } from '../../scripts/fuzz/inputs.js';
import { ProcessBed } from '../../scripts/fuzz/targets.js';
import { writeFileAtomic } from '../../electron/fsio/atomicWrite.js';
import { Orchestrator } from '../../electron/scheduling/orchestrator.js';

const corpus = loadCorpus(path.resolve(import.meta.dirname, '../fixtures'));

describe('fuzzing (short deterministic run)', () => {
  it('the same seed and number give the same input', () => {
    for (const i of [0, 1, 17, 999])
      expect(makeInput(corpus, 7, i).bytes.equals(makeInput(corpus, 7, i).bytes)).toBe(true);
    expect(makeInput(corpus, 7, 5).bytes.equals(makeInput(corpus, 8, 5).bytes)).toBe(false);
  });

  it('1,200 mutated mails and calendars through every target: no exception, no oracle violation, no hang', async () => {
    // A few seconds on a quiet machine: 300 inputs per target, bounded like the long run (DEFAULT_MAX_LEN), the
    // process target's 300 in two data dirs. A generous per-input budget: this machine is shared, and slow is
    // not wrong; the long run (npm run fuzz) reports slow inputs.
    const report = await fuzz(corpus, { seed: 20261203, count: 1_200, budgetMs: 10_000, batch: 150 });
    expect(report.inputs).toBe(1_200);
    expect(report.byTarget).toEqual({ mail: 300, ics: 300, itip: 300, process: 300 });
    expect(report.findings.filter((f) => f.kind !== 'slow')).toEqual([]);
  }, 120_000);

  it('inputs are bounded by maxLen (libFuzzer -max_len): none longer, and the bound changes what is built', () => {
    let longest = 0;
    for (let i = 0; i < 400; i++) longest = Math.max(longest, makeInput(corpus, 7, i, TARGETS, 4096).bytes.length);
    expect(longest).toBeLessThanOrEqual(4096);
    expect(longest).toBeGreaterThan(2048);
    for (let i = 0; i < 400; i++) expect(makeInput(corpus, 7, i).bytes.length).toBeLessThanOrEqual(DEFAULT_MAX_LEN);
  });

  it('the process oracle: the same mail again must not write, even where no folder mtime is looked at', async () => {
    const mail = Buffer.from(corpus.mails.find((m) => /request/i.test(m.name))?.text ?? '', 'latin1');
    const clean = new ProcessBed(['me@example.com']);
    try {
      await expect(clean.run(mail)).resolves.toBeUndefined();
    } finally {
      clean.dispose();
    }
    // A product whose second run writes into the outbox (a folder the mtime fingerprint does not cover).
    const bed = new ProcessBed(['me@example.com']);
    const original = Orchestrator.prototype.processMail;
    let calls = 0;
    Orchestrator.prototype.processMail = async function (this: Orchestrator, raw: Uint8Array) {
      const record = await original.call(this, raw);
      if (++calls === 2) {
        mkdirSync(path.join(bed.root, 'out'), { recursive: true });
        await writeFileAtomic(path.join(bed.root, 'out', 'again.eml'), 'x', { fsync: false });
      }
      return record;
    };
    try {
      await expect(bed.run(mail)).rejects.toThrow(/changed the data dir.*write out[/\\]again\.eml/);
    } finally {
      Orchestrator.prototype.processMail = original;
      bed.dispose();
    }
  });

  it('reports what breaks: an escaping exception once per signature with its count and first input, a slow input', async () => {
    const report = await fuzz(corpus, {
      seed: 3,
      count: 40,
      targets: ['ics'],
      budgetMs: 5,
      run: async (input) => {
        if (input.index % 4 === 1) throw new TypeError(`boom at ${input.index}`);
        if (input.index === 2) await new Promise((r) => setTimeout(r, 30));
      },
    });
    const thrown = report.findings.filter((f) => f.kind === 'exception');
    expect(thrown).toHaveLength(1);
    expect(thrown[0]).toMatchObject({ target: 'ics', index: 1, count: 10, message: 'TypeError: boom at 1' });
    // A loaded machine may make other inputs slow too; the one that sleeps past the budget must be among them.
    expect(report.findings.filter((f) => f.kind === 'slow').map((f) => f.index)).toContain(2);
  });

  it('workers share a run by stride: worker w of n takes the inputs w, w + n, …', async () => {
    const seen: number[][] = [[], []];
    for (const w of [0, 1])
      await fuzz(corpus, {
        seed: 3,
        start: w,
        count: 10 - w,
        stride: 2,
        targets: ['ics'],
        run: async (input) => void seen[w]?.push(input.index),
      });
    expect(seen).toEqual([
      [0, 2, 4, 6, 8],
      [1, 3, 5, 7, 9],
    ]);
  });
});
