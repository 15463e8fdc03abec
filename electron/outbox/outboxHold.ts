/**
 * Held mail: what a person's action queued stays in the outbox until its `heldUntil` (outboxRecord.ts), so the
 * action can be undone, as mail apps' "undo send" does. Owns the two ways a hold ends early: withdrawing the
 * messages (undo: they are deleted, never sent) and releasing them (send now).
 *
 * Withdrawing is all or nothing: every message's lock is taken first (the drain sends only under that lock), then
 * each is checked to be still queued and still held, and only then are they removed. A message the drain holds,
 * has sent, or whose hold has ended makes the whole withdrawal too late, and nothing is removed.
 */
import path from 'node:path';
import { tryLock, type HeldLock } from '../fsio/lockFile.js';
import { writeFileAtomic } from '../fsio/atomicWrite.js';
import { LOCK_SUFFIX, STATE_SUFFIX, readIfExists, removeIfExists } from './outboxFiles.js';
import { isHeld, parseRecord, serialiseRecord, type OutboxRecord } from './outboxRecord.js';

export type WithdrawResult = 'withdrawn' | 'too-late';

/**
 * Removes the held messages `files` (paths or names in `dir`, as the outbox writer returned them). 'too-late' when
 * one of them is being sent, was sent, or is no longer held at `now`; then all of them stay as they are.
 */
export async function withdrawHeld(
  dir: string,
  files: readonly string[],
  now: number = Date.now(),
): Promise<WithdrawResult> {
  const locks: HeldLock[] = [];
  try {
    const held: string[] = [];
    for (const file of files) {
      const emlPath = path.join(dir, path.basename(file));
      const lock = await tryLock(emlPath + LOCK_SUFFIX);
      if (!lock) return 'too-late';
      locks.push(lock);
      const record = await heldRecord(emlPath, now);
      if (!record) return 'too-late';
      held.push(emlPath);
    }
    // The message first: a crash in between leaves a record without its message, which the drain removes.
    for (const emlPath of held) {
      await removeIfExists(emlPath);
      await removeIfExists(emlPath + STATE_SUFFIX);
    }
    return 'withdrawn';
  } finally {
    for (const lock of locks) await lock.release();
  }
}

/** Ends the hold of `files` now ("send now"); a message already gone or not held is left alone. */
export async function releaseHeld(dir: string, files: readonly string[], now: number = Date.now()): Promise<number> {
  let released = 0;
  for (const file of files) {
    const emlPath = path.join(dir, path.basename(file));
    const lock = await tryLock(emlPath + LOCK_SUFFIX);
    if (!lock) continue;
    try {
      const record = await heldRecord(emlPath, now);
      if (!record) continue;
      const next: OutboxRecord = { ...record, heldUntil: null, nextAttemptAt: now };
      await writeFileAtomic(emlPath + STATE_SUFFIX, serialiseRecord(next));
      released++;
    } finally {
      await lock.release();
    }
  }
  return released;
}

async function heldRecord(emlPath: string, now: number): Promise<OutboxRecord | null> {
  if ((await readIfExists(emlPath)) === null) return null;
  const bytes = await readIfExists(emlPath + STATE_SUFFIX);
  if (bytes === null) return null;
  const record = parseRecord(bytes.toString('utf8'));
  return record !== 'damaged' && isHeld(record, now) ? record : null;
}
