/**
 * Every input the fuzzer found breaking something, saved as it was generated under test/fixtures/fuzz/ as
 * `<target>-<what>.bin`, goes through its target under the fuzzer's own oracle again: each failed before its fix.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProcessBed, runTarget } from '../../scripts/fuzz/targets.js';
import { TARGETS, type Target } from '../../scripts/fuzz/inputs.js';
import { loadCorpus } from '../../scripts/fuzz/corpus.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/fuzz');
const saved = readdirSync(dir)
  .filter((f) => f.endsWith('.bin'))
  .sort();
// The fuzzer's own `me`: the addresses the seed mails were sent to, so invitations reach the same paths.
const me = loadCorpus(path.resolve(import.meta.dirname, '../fixtures')).me;

describe('inputs the fuzzer found, through their target again', () => {
  it('there are saved inputs, each named after a target', () => {
    expect(saved.length).toBeGreaterThan(0);
    for (const f of saved) expect(TARGETS).toContain(f.split('-')[0]);
  });

  it.each(saved)('%s', async (file) => {
    const target = file.split('-')[0] as Target;
    const bytes = readFileSync(path.join(dir, file));
    const bed = target === 'process' ? new ProcessBed(me) : null;
    try {
      await runTarget({ index: 0, target, seed: file, bytes, headerMethod: null }, me, bed);
      await bed?.verify();
    } finally {
      bed?.dispose();
    }
  });
});
