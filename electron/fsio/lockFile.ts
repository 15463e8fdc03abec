/**
 * Lock files: the data dir's `D/.lock` (one writer at a time across processes) and one `<name>.lock` per queued
 * outgoing message (two processes never send the same file). Owns creation, the heartbeat, release, waiting, and
 * taking over a lock left by a dead process.
 *
 * - Creation is `open(…, 'wx')`: O_CREAT|O_EXCL is atomic on local file systems, exactly one creator wins. The
 *   file holds the pid on its first line, then `{ token, pid, host, since }`: an earlier version, which wrote
 *   and reads a bare pid in `D/.lock`, still recognises a live holder, and its bare pid is read here.
 * - A lock whose mtime is older than `staleMs` (10 minutes) belongs to a process that died: a live holder
 *   touches it every `staleMs / 4`. A holder on this host whose process is gone (killed) is stale at once.
 * - Takeover renames the stale file to a name only this process uses and then checks it moved the file it
 *   judged stale (same inode and mtime); if another process replaced it meanwhile, the fresh lock is linked back
 *   and this process backs off. Two takers can therefore never both end up holding the lock.
 * - Release removes the file only if it still carries this holder's token.
 */
import { promises as fs, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { errnoCode } from './ioErrors.js';

export const STALE_LOCK_MS = 10 * 60_000;

export interface HeldLock {
  readonly file: string;
  release(): Promise<void>;
}

export interface WaitOptions {
  /** Give up after this long while a live process holds the lock. */
  readonly waitMs: number;
  readonly pollMs?: number;
  readonly staleMs?: number;
}

/** The lock, or null at once when another live holder has it. */
export async function tryLock(file: string, staleMs = STALE_LOCK_MS): Promise<HeldLock | null> {
  const token = `${process.pid}@${os.hostname()}#${randomBytes(6).toString('hex')}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await create(file, token)) return held(file, token, staleMs);
    const verdict = await takeOverIfStale(file, token, staleMs);
    if (verdict === 'busy') return null;
    // 'gone' or 'taken': the name is free now; one more exclusive create decides.
  }
  return null;
}

/** Waits while a live process holds the lock; rejects with code LOCK_TIMEOUT after `waitMs`. */
export async function waitForLock(file: string, opts: WaitOptions): Promise<HeldLock> {
  const deadline = Date.now() + opts.waitMs;
  for (;;) {
    const lock = await tryLock(file, opts.staleMs);
    if (lock) return lock;
    if (Date.now() > deadline) {
      const holder = await readHolder(file);
      const err = new Error(
        `${file} is held by process ${holder?.pid ?? '?'} for more than ${Math.round(opts.waitMs / 1000)} s.`,
      ) as Error & { code?: string };
      err.code = 'LOCK_TIMEOUT';
      throw err;
    }
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 20));
  }
}

async function create(file: string, token: string): Promise<boolean> {
  try {
    const handle = await fs.open(file, 'wx', 0o600);
    try {
      // No fsync: a lock only has to hold against live processes; after a power cut every holder is dead, and an
      // empty or unreadable lock is taken over (holderIsDeadHere).
      await handle.writeFile(
        `${process.pid}\n${JSON.stringify({ token, pid: process.pid, host: os.hostname(), since: new Date().toISOString() })}`,
      );
    } finally {
      await handle.close();
    }
    return true;
  } catch (e) {
    if (errnoCode(e) === 'EEXIST') return false;
    throw e;
  }
}

async function takeOverIfStale(file: string, token: string, staleMs: number): Promise<'busy' | 'gone' | 'taken'> {
  const before = await statOrNull(file);
  if (!before) return 'gone';
  // File times come from the same clock as Date.now() on this machine (the app's fixed test clock is not used).
  if (Date.now() - before.mtimeMs < staleMs && !(await holderIsDeadHere(file))) return 'busy';
  const tomb = `${file}.${token.replace(/[^A-Za-z0-9]/g, '_')}.stale`;
  try {
    await fs.rename(file, tomb);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return 'gone';
    throw e;
  }
  const moved = await statOrNull(tomb);
  if (!moved || moved.ino !== before.ino || moved.mtimeMs !== before.mtimeMs) {
    // Another process took the stale lock over between our stat and rename: put its fresh lock back.
    if (moved) await fs.link(tomb, file).catch(() => undefined);
    await fs.rm(tomb, { force: true });
    return 'busy';
  }
  await fs.rm(tomb, { force: true });
  return 'taken';
}

interface Holder {
  readonly pid: number | null;
  readonly host: string | null;
}

/** The holder named in the file: JSON, or a bare pid (earlier `D/.lock`, always this host); null when empty or unreadable. */
async function readHolder(file: string): Promise<Holder | null> {
  const text = (await fs.readFile(file, 'utf8').catch(() => '')).trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return { pid: Number(text), host: os.hostname() };
  try {
    const info = JSON.parse(text.replace(/^\d+\n/, '')) as { pid?: unknown; host?: unknown };
    return {
      pid: typeof info.pid === 'number' ? info.pid : null,
      host: typeof info.host === 'string' ? info.host : null,
    };
  } catch {
    return null;
  }
}

/**
 * True when the lock names a process on this host that no longer exists, or is an empty lock more than a couple
 * of seconds old (its owner died between creating the file and writing its name into it).
 */
async function holderIsDeadHere(file: string): Promise<boolean> {
  const holder = await readHolder(file);
  if (holder === null) return Date.now() - ((await statOrNull(file))?.mtimeMs ?? Date.now()) > 2_000;
  if (holder.host !== os.hostname() || holder.pid === null || holder.pid <= 0 || holder.pid === process.pid)
    return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    return errnoCode(e) === 'ESRCH';
  }
}

function held(file: string, token: string, staleMs: number): HeldLock {
  const heartbeat = setInterval(
    () => {
      const now = new Date();
      fs.utimes(file, now, now).catch(() => undefined);
    },
    Math.max(1000, Math.floor(staleMs / 4)),
  );
  heartbeat.unref();
  return {
    file,
    async release() {
      clearInterval(heartbeat);
      const content = await fs.readFile(file, 'utf8').catch(() => null);
      // Only our own lock: if it was taken over as stale (we hung for 10 minutes), the new holder keeps it.
      if (content !== null && content.includes(`"token":${JSON.stringify(token)}`)) await fs.rm(file, { force: true });
    },
  };
}

async function statOrNull(file: string): Promise<Stats | null> {
  try {
    return await fs.stat(file);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return null;
    throw e;
  }
}
