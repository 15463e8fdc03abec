import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../scripts/fuzz/corpus.js';
import { fuzz } from '../../scripts/fuzz/fuzzer.js';
import { makeInput } from '../../scripts/fuzz/inputs.js';

const corpus = loadCorpus(path.resolve(import.meta.dirname, '../fixtures'));

describe('fuzzing (short deterministic run)', () => {
  it('the same seed and number give the same input', () => {
    for (const i of [0, 1, 17, 999])
      expect(makeInput(corpus, 7, i).bytes.equals(makeInput(corpus, 7, i).bytes)).toBe(true);
    expect(makeInput(corpus, 7, 5).bytes.equals(makeInput(corpus, 8, 5).bytes)).toBe(false);
  });

  it('2,200 mutated mails and calendars through every target: no exception, no oracle violation, no hang', async () => {
    // Parsing is cheap, mail reading and the process path are not: 2,000 calendars, 200 mails (100 of them through
    // process with a data dir). A generous per-input budget: this machine is shared, and slow is not wrong.
    const calendars = await fuzz(corpus, { seed: 20261203, count: 2_000, targets: ['ics', 'itip'], budgetMs: 10_000 });
    const mails = await fuzz(corpus, {
      seed: 20261203,
      count: 200,
      targets: ['mail', 'process'],
      budgetMs: 10_000,
      batch: 100,
    });
    expect(calendars.inputs + mails.inputs).toBe(2_200);
    expect(mails.byTarget.process).toBe(100);
    expect([...calendars.findings, ...mails.findings].filter((f) => f.kind !== 'slow')).toEqual([]);
  }, 120_000);

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
