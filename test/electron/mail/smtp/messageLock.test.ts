import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, STALE_LOCK_MS } from '../../../../electron/mail/smtp/messageLock.js';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'imip-lock-'));

describe('acquireLock', () => {
  it('one holder at a time; release frees it', async () => {
    const file = path.join(await tmp(), 'm.eml.lock');
    const a = await acquireLock(file);
    expect(a).not.toBeNull();
    expect(await acquireLock(file)).toBeNull();
    await a?.release();
    const b = await acquireLock(file);
    expect(b).not.toBeNull();
    await b?.release();
  });

  it('of many concurrent takers exactly one wins', async () => {
    const file = path.join(await tmp(), 'm.eml.lock');
    const locks = await Promise.all(Array.from({ length: 20 }, () => acquireLock(file)));
    expect(locks.filter(Boolean)).toHaveLength(1);
  });

  it('takes over a lock older than 10 minutes (a dead process), and only one taker gets it', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'm.eml.lock');
    await writeFile(file, '{"token":"dead"}');
    const old = new Date(Date.now() - STALE_LOCK_MS - 60_000);
    await utimes(file, old, old);
    const locks = await Promise.all(Array.from({ length: 10 }, () => acquireLock(file)));
    expect(locks.filter(Boolean)).toHaveLength(1);
    expect((await readdir(dir)).filter((n) => n.endsWith('.stale'))).toEqual([]);
  });

  it('leaves a fresh foreign lock alone and never removes a lock it does not own', async () => {
    const file = path.join(await tmp(), 'm.eml.lock');
    await writeFile(file, '{"token":"other"}');
    expect(await acquireLock(file)).toBeNull();
    const old = new Date(Date.now() - STALE_LOCK_MS - 1000);
    await utimes(file, old, old);
    const mine = await acquireLock(file);
    expect(mine).not.toBeNull();
    // Someone took it over from us (we looked dead): our release must not delete their lock.
    await writeFile(file, '{"token":"newer"}');
    await mine?.release();
    expect(await acquireLock(file)).toBeNull();
  });

  it('takes over at once a lock whose process on this host is gone (killed mid-send)', async () => {
    const file = path.join(await tmp(), 'm.eml.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid as number;
    await writeFile(file, JSON.stringify({ token: 'x', pid: dead, host: os.hostname(), since: new Date().toISOString() }));
    expect(await acquireLock(file)).not.toBeNull();
  });

  it('a live holder on this host keeps its lock', async () => {
    const file = path.join(await tmp(), 'm.eml.lock');
    await writeFile(file, JSON.stringify({ token: 'x', pid: process.ppid, host: os.hostname(), since: new Date().toISOString() }));
    expect(await acquireLock(file)).toBeNull();
  });

  it('an empty lock a few seconds old (owner died before writing its name) is taken over', async () => {
    const file = path.join(await tmp(), 'm.eml.lock');
    await writeFile(file, '');
    expect(await acquireLock(file)).toBeNull();
    const old = new Date(Date.now() - 5_000);
    await utimes(file, old, old);
    expect(await acquireLock(file)).not.toBeNull();
  });
});
