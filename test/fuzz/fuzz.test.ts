import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../scripts/fuzz/corpus.js';
import { fuzz } from '../../scripts/fuzz/fuzzer.js';
import { makeInput } from '../../scripts/fuzz/inputs.js';

const corpus = loadCorpus(path.resolve(import.meta.dirname, '../fixtures'));

describe('fuzzing (short deterministic run)', () => {
  it('the same seed and number give the same input', () => {
    for (const i of [0, 1, 17, 999]) expect(makeInput(corpus, 7, i).bytes.equals(makeInput(corpus, 7, i).bytes)).toBe(true);
    expect(makeInput(corpus, 7, 5).bytes.equals(makeInput(corpus, 8, 5).bytes)).toBe(false);
  });

  it('1,200 mutated mails and calendars through every target: no exception, no oracle violation, no hang', async () => {
    // A generous per-input budget: this machine is shared, and a slow input is not a wrong one.
    const report = await fuzz(corpus, { seed: 20261203, count: 1_200, budgetMs: 10_000, batch: 100 });
    expect(report.inputs).toBe(1_200);
    expect(report.byTarget.process).toBe(300);
    expect(report.findings.filter((f) => f.kind !== 'slow')).toEqual([]);
  }, 120_000);

  it('finds what it is meant to find: a target that throws is reported, once per signature', async () => {
    const broken = { ...corpus, calendars: [{ name: 'stray-end.ics', text: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }] };
    const report = await fuzz(broken, { seed: 1, count: 40, targets: ['ics'] });
    // The parser refuses such input with a ParserError, which the oracle accepts: nothing found.
    expect(report.findings.filter((f) => f.kind !== 'slow')).toEqual([]);
  });
});
