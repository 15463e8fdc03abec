/**
 * One lock file per queued message (`<name>.lock`), so two processes on one data dir (the desktop app and the
 * CLI, two app instances) never send the same file. Owns creation, the heartbeat, release and taking over a
 * lock left by a dead process.
 *
 * - Creation is `open(…, 'wx')`: O_CREAT|O_EXCL is atomic on local file systems, exactly one creator wins.
 * - A lock whose mtime is older than `staleMs` (10 minutes) belongs to a process that died: a live holder
 *   touches it every `staleMs / 4`, and one send is bounded far below that (transportOptions.ts TIMEOUTS).
 * - Takeover renames the stale file to a name only this process uses and then checks it moved the file it
 *   judged stale (same inode and mtime); if another process replaced it meanwhile, the fresh lock is linked back
 *   and this process backs off. Two takers can therefore never both end up holding the lock.
 * - Release removes the file only if it still carries this holder's token.
 */
import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';

export const STALE_LOCK_MS = 10 * 60_000;

export interface MessageLock {
  readonly file: string;
  release(): Promise<void>;
}

export async function acquireLock(file: string, staleMs = STALE_LOCK_MS): Promise<MessageLock | null> {
  const token = `${process.pid}@${os.hostname()}#${randomBytes(6).toString('hex')}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await create(file, token)) return held(file, token, staleMs);
    const verdict = await takeOverIfStale(file, token, staleMs);
    if (verdict === 'busy') return null;
    // 'gone' or 'taken': the name is free now; one more exclusive create decides.
  }
  return null;
}

async function create(file: string, token: string): Promise<boolean> {
  try {
    const handle = await fs.open(file, 'wx');
    try {
      await handle.writeFile(JSON.stringify({ token, pid: process.pid, host: os.hostname(), since: new Date().toISOString() }));
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

async function takeOverIfStale(file: string, token: string, staleMs: number): Promise<'busy' | 'gone' | 'taken'> {
  const before = await statOrNull(file);
  if (!before) return 'gone';
  // File times come from the same clock as Date.now() on this machine (the app's fixed test clock is not used).
  // A holder on this host whose process is gone (killed mid-send) is stale at once, not after staleMs.
  if (Date.now() - before.mtimeMs < staleMs && !(await holderIsDeadHere(file))) return 'busy';
  const tomb = `${file}.${token.replace(/[^A-Za-z0-9]/g, '_')}.stale`;
  try {
    await fs.rename(file, tomb);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
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

/**
 * True when the lock names a process on this host that no longer exists, or is an empty lock more than a couple
 * of seconds old (its owner died between creating the file and writing its name into it).
 */
async function holderIsDeadHere(file: string): Promise<boolean> {
  try {
    const text = await fs.readFile(file, 'utf8');
    if (text.trim() === '') return Date.now() - ((await statOrNull(file))?.mtimeMs ?? Date.now()) > 2_000;
    const info = JSON.parse(text) as { pid?: unknown; host?: unknown };
    if (info.host !== os.hostname() || typeof info.pid !== 'number' || info.pid === process.pid) return false;
    try {
      process.kill(info.pid, 0);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    return false;
  }
}

function held(file: string, token: string, staleMs: number): MessageLock {
  const heartbeat = setInterval(() => {
    const now = new Date();
    fs.utimes(file, now, now).catch(() => undefined);
  }, Math.max(1000, Math.floor(staleMs / 4)));
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

async function statOrNull(file: string): Promise<import('node:fs').Stats | null> {
  try {
    return await fs.stat(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
