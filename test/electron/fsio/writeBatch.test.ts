import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fsyncDir, writeFileAtomic } from '../../../electron/fsio/atomicWrite.js';
import { setFileFaultHook, type FileOperation } from '../../../electron/fsio/fileFaults.js';
import { currentWriteBatch, runWriteBatch, withWriteBatch } from '../../../electron/fsio/writeBatch.js';

let dir: string;
let ops: [FileOperation, string][];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-batch-'));
  ops = [];
  setFileFaultHook((op, target) => void ops.push([op, target]));
});
afterEach(() => {
  setFileFaultHook(null);
  rmSync(dir, { recursive: true, force: true });
});

describe('write batches', () => {
  it('writes at once and syncs each file and folder once, at the end', async () => {
    const a = path.join(dir, 'a.txt');
    await withWriteBatch(async () => {
      await writeFileAtomic(a, 'one');
      expect(readFileSync(a, 'utf8')).toBe('one');
      await writeFileAtomic(a, 'two');
      await fsyncDir(dir);
      expect(ops.filter(([op]) => op === 'sync')).toEqual([]);
    });
    expect(readFileSync(a, 'utf8')).toBe('two');
    expect(ops.filter(([op]) => op === 'sync')).toEqual([
      ['sync', a],
      ['sync', dir],
    ]);
  });

  it('a file written and removed in the batch needs no sync of its own', async () => {
    const a = path.join(dir, 'gone.txt');
    await withWriteBatch(async () => {
      await writeFileAtomic(a, 'x');
      rmSync(a);
    });
    expect(existsSync(a)).toBe(false);
  });

  it('a failing sync fails the batch with the error and its code', async () => {
    setFileFaultHook((op) => {
      if (op === 'sync') throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    });
    await expect(withWriteBatch(() => writeFileAtomic(path.join(dir, 'b.txt'), 'x'))).rejects.toMatchObject({
      code: 'EIO',
    });
  });

  it('a batch inside a batch joins it; after the end a write syncs itself', async () => {
    let inner: unknown = null;
    let straggler: Promise<void> | null = null;
    await withWriteBatch(async (outer) => {
      await withWriteBatch(async (b) => {
        inner = b;
      });
      expect(inner).toBe(outer);
      // Started inside the batch, written after its flush: it must not wait for a flush that already happened.
      straggler = new Promise((resolve) => setTimeout(resolve, 20)).then(() => {
        expect(currentWriteBatch()).toBeNull();
        return writeFileAtomic(path.join(dir, 'late.txt'), 'x');
      });
    });
    await straggler;
    expect(readFileSync(path.join(dir, 'late.txt'), 'utf8')).toBe('x');
  });

  it('hands its flush back: the next batch runs while it syncs, each synced once', async () => {
    const a = path.join(dir, 'a.txt');
    const b = path.join(dir, 'b.txt');
    const first = await runWriteBatch(async () => {
      await writeFileAtomic(a, 'one');
      return 'first';
    });
    expect(first.value).toBe('first');
    // The second batch is its own: it does not join the first, whose flush is under way.
    const second = await runWriteBatch(async (batch) => {
      expect(currentWriteBatch()).toBe(batch);
      await writeFileAtomic(b, 'two');
      return 'second';
    });
    await Promise.all([first.flushed, second.flushed]);
    const syncs = ops.filter(([op]) => op === 'sync').map(([, t]) => t);
    expect(syncs.filter((t) => t === a)).toHaveLength(1);
    expect(syncs.filter((t) => t === b)).toHaveLength(1);
  });

  it('a failing flush handed back rejects only when awaited, never as an unhandled rejection', async () => {
    setFileFaultHook((op) => {
      if (op === 'sync') throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown): void => void unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const r = await runWriteBatch(() => writeFileAtomic(path.join(dir, 'c.txt'), 'x'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      await expect(r.flushed).rejects.toMatchObject({ code: 'EIO' });
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a batch whose work fails is flushed, then the failure thrown', async () => {
    const a = path.join(dir, 'd.txt');
    await expect(
      runWriteBatch(async () => {
        await writeFileAtomic(a, 'kept');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(ops.filter(([op, t]) => op === 'sync' && t === a)).toHaveLength(1);
  });
});
