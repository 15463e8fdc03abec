/**
 * The size limit applies while the input streams in: an endless source is stopped one chunk after the limit (the
 * spy counts what was pulled), a file over the limit is refused by its size without a byte read.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFileLimited, readLimited } from '../../../electron/fsio/readLimited.js';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('readLimited', () => {
  it('stops an endless source one chunk after the limit and closes it', async () => {
    let pulled = 0;
    let closed = false;
    const endless = (async function* () {
      try {
        for (;;) {
          pulled++;
          yield new Uint8Array(1000);
        }
      } finally {
        closed = true;
      }
    })();
    const r = await readLimited(endless, 10_500);
    expect(r).toMatchObject({ ok: false, code: 'TOO_LARGE', exact: false });
    expect(pulled).toBe(11);
    expect(closed).toBe(true);
  });

  it('returns every byte of an input within the limit', async () => {
    const r = await readLimited(
      (async function* () {
        yield 'ab';
        yield new Uint8Array([99]);
      })(),
      3,
    );
    expect(r.ok && r.bytes.toString()).toBe('abc');
  });

  it('refuses a file over the limit by its size', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-read-'));
    const file = path.join(dir, 'big');
    writeFileSync(file, '');
    truncateSync(file, 5_000_000);
    expect(await readFileLimited(file, 1_000_000)).toEqual({
      ok: false,
      code: 'TOO_LARGE',
      size: 5_000_000,
      exact: true,
    });
    writeFileSync(file, 'x'.repeat(10));
    expect(await readFileLimited(file, 10)).toMatchObject({ ok: true });
  });
});
