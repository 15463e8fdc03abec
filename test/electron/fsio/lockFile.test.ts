import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tryLock, waitForLock, STALE_LOCK_MS } from '../../../electron/fsio/lockFile.js';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'imip-lock-'));

describe('tryLock', () => {
  it('one holder at a time; release frees it', async () => {
    const file = path.join(await tmp(), 'm.eml.lock');
    const a = await tryLock(file);
    expect(a).not.toBeNull();
    expect(await tryLock(file)).toBeNull();
    await a?.release();
    const b = await tryLock(file);
    expect(b).not.toBeNull();
    await b?.release();
  });

  it('of many concurrent takers exactly one wins', async () => {
    const file = path.join(await tmp(), 'm.eml.lock');
    const locks = await Promise.all(Array.from({ length: 20 }, () => tryLock(file)));
    expect(locks.filter(Boolean)).toHaveLength(1);
  });

  it('takes over a lock older than 10 minutes (a dead process), and only one taker gets it', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'm.eml.lock');
    await writeFile(file, '{"token":"dead"}');
    const old = new Date(Date.now() - STALE_LOCK_MS - 60_000);
    await utimes(file, old, old);
    const locks = await Promise.all(Array.from({ length: 10 }, () => tryLock(file)));
    expect(locks.filter(Boolean)).toHaveLength(1);
    expect((await readdir(dir)).filter((n) => n.endsWith('.stale'))).toEqual([]);
  });

  it('leaves a fresh foreign lock alone and never removes a lock it does not own', async () => {
    const file = path.join(await tmp(), 'm.eml.lock');
    await writeFile(file, '{"token":"other"}');
    expect(await tryLock(file)).toBeNull();
    const old = new Date(Date.now() - STALE_LOCK_MS - 1000);
    await utimes(file, old, old);
    const mine = await tryLock(file);
    expect(mine).not.toBeNull();
    // Someone took it over from us (we looked dead): our release must not delete their lock.
    await writeFile(file, '{"token":"newer"}');
    await mine?.release();
    expect(await tryLock(file)).toBeNull();
  });

  it('takes over at once a lock whose process on this host is gone (killed mid-send)', async () => {
    const file = path.join(await tmp(), 'm.eml.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid as number;
    await writeFile(
      file,
      JSON.stringify({ token: 'x', pid: dead, host: os.hostname(), since: new Date().toISOString() }),
    );
    expect(await tryLock(file)).not.toBeNull();
  });

  it('a live holder on this host keeps its lock', async () => {
    const file = path.join(await tmp(), 'm.eml.lock');
    await writeFile(
      file,
      JSON.stringify({ token: 'x', pid: process.ppid, host: os.hostname(), since: new Date().toISOString() }),
    );
    expect(await tryLock(file)).toBeNull();
  });

  it('an empty lock a few seconds old (owner died before writing its name) is taken over', async () => {
    const file = path.join(await tmp(), 'm.eml.lock');
    await writeFile(file, '');
    expect(await tryLock(file)).toBeNull();
    const old = new Date(Date.now() - 5_000);
    await utimes(file, old, old);
    expect(await tryLock(file)).not.toBeNull();
  });
});

describe('the data dir lock (D/.lock) through the same module', () => {
  it('a bare pid, as earlier versions wrote it, is read: a dead one is taken over, a live one waited for', async () => {
    const file = path.join(await tmp(), '.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid as number;
    await writeFile(file, String(dead));
    const lock = await waitForLock(file, { waitMs: 1_000 });
    await lock.release();
    await writeFile(file, String(process.ppid));
    await expect(waitForLock(file, { waitMs: 100, pollMs: 10 })).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
  });

  it('a lock taken here names its pid first, as an earlier version reads D/.lock (parseInt of the content)', async () => {
    const file = path.join(await tmp(), '.lock');
    const lock = await waitForLock(file, { waitMs: 1_000 });
    expect(Number.parseInt(await readFile(file, 'utf8'), 10)).toBe(process.pid);
    await lock.release();
  });

  it('waits for a live holder and gets the lock once it is released', async () => {
    const file = path.join(await tmp(), '.lock');
    const first = await waitForLock(file, { waitMs: 1_000 });
    const second = waitForLock(file, { waitMs: 5_000, pollMs: 5 });
    await new Promise((r) => setTimeout(r, 30));
    await first.release();
    await (await second).release();
  });
});
