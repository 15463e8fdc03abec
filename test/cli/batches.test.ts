/**
 * `process` of more mails than one write batch holds: each batch is applied while the one before it is synced, and
 * its lines are printed once it is on disk. The outcome must be that of the same mails processed a few at a time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
// @ts-expect-error -- plain ES module shared with the benchmarks, no type declarations
import { batchMails, ME, NOW } from '../../bench/batchMail.mjs';
import { CliEnv, ROOT } from '../helpers/cli.js';

const envs: CliEnv[] = [];
afterEach(() => {
  for (const e of envs.splice(0)) e.cleanup();
});

function dataOf(env: CliEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const dir = path.join(env.data, 'calendar');
  for (const f of readdirSync(dir).sort()) out[`calendar/${f}`] = readFileSync(path.join(dir, f), 'utf8');
  // Decisions by id, wherever they are (a pack per write batch, so the files differ): each as it was written, less
  // when it was made.
  const pending = path.join(env.data, 'pending');
  const removed = new Set<string>();
  const decisions: Record<string, unknown>[] = [];
  for (const f of readdirSync(pending)) {
    const text = readFileSync(path.join(pending, f), 'utf8');
    const records = f.endsWith('.jsonl') ? text.split('\n').filter((l) => l !== '') : [text];
    for (const r of records.map((l) => JSON.parse(l) as Record<string, unknown>)) {
      if (typeof r['removed'] === 'string') removed.add(r['removed']);
      else decisions.push(r);
    }
  }
  for (const { createdAt, ...d } of decisions) {
    expect(typeof createdAt).toBe('string');
    if (!removed.has(String(d['id']))) out[`pending/${String(d['id'])}`] = d;
  }
  return out;
}

describe('process of several write batches', () => {
  it('prints a line per mail in order and leaves what the same mails leave a hundred at a time', () => {
    const mails = batchMails(600) as { name: string; text: string }[];
    const whole = new CliEnv();
    const parts = new CliEnv();
    envs.push(whole, parts);
    whole.now = NOW;
    parts.now = NOW;
    const files = mails.map((m) => whole.file(m.name, m.text));

    const run = whole.run(['process', '--me', ME, '--policy', 'always', ...files]);
    expect(run.status).toBe(0);
    expect(run.lines.map((l) => l['file'])).toEqual(files);

    const lines: Record<string, unknown>[] = [];
    for (let i = 0; i < files.length; i += 100) {
      const r = parts.run(['process', '--me', ME, '--policy', 'always', ...files.slice(i, i + 100)]);
      expect(r.status).toBe(0);
      lines.push(...r.lines);
    }
    const outcome = (l: Record<string, unknown>): string => `${String(l['kind'])}/${String(l['outcome'])}`;
    expect(run.lines.map(outcome)).toEqual(lines.map(outcome));
    expect(new Set(run.lines.map(outcome)).size).toBeGreaterThan(1);
    expect(dataOf(whole)).toEqual(dataOf(parts));
    // The decisions a write batch opens go into one pack (at most one per batch of 256 mails), not a file each.
    const pendingFiles = readdirSync(path.join(whole.data, 'pending'));
    expect(pendingFiles.filter((f) => f.endsWith('.json'))).toEqual([]);
    expect(pendingFiles.filter((f) => f.endsWith('.jsonl')).length).toBeGreaterThan(0);
    expect(pendingFiles.filter((f) => f.endsWith('.jsonl')).length).toBeLessThanOrEqual(3);
  });

  it('the bundle has its mail reader thread beside the chunk that starts it (else mails are read in one thread)', () => {
    const chunks = path.join(ROOT, 'build', 'cli', 'chunks');
    const starters = readdirSync(chunks).filter(
      (f) => f.endsWith('.js') && readFileSync(path.join(chunks, f), 'utf8').includes('"./mailReadWorker.js"'),
    );
    expect(starters.length).toBeGreaterThan(0);
    expect(readdirSync(chunks)).toContain('mailReadWorker.js');
  });
});
