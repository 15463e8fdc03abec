/**
 * What the outbox keeps and for how long: finished messages in `sent/` and `failed/` with their records until
 * the retention has passed (90 days by default, counted from the last attempt), and the clean-up of records and
 * locks whose message is gone (a drain that died after moving the .eml but before removing them).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { STALE_LOCK_MS } from '../fsio/lockFile.js';
import { LOCK_SUFFIX, STATE_SUFFIX, removeIfExists } from './outboxFiles.js';
import { parseRecord } from './outboxRecord.js';

const FINISHED_FOLDERS = ['sent', 'failed'] as const;

/**
 * Removes finished messages whose last attempt is before `cutoff`, each with its record (the message first: a
 * crash in between leaves a record without a message, which the next pruning removes). A message whose record is
 * missing or damaged is kept: its age is unknown. Returns how many were removed.
 */
export async function pruneFinished(dir: string, cutoff: number): Promise<number> {
  let removed = 0;
  for (const folder of FINISHED_FOLDERS) {
    const sub = path.join(dir, folder);
    const names = await fs.readdir(sub).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.endsWith(STATE_SUFFIX)) continue;
      const stateFile = path.join(sub, name);
      const text = await fs.readFile(stateFile, 'utf8').catch(() => null);
      const r = text === null ? 'damaged' : parseRecord(text);
      if (r === 'damaged') continue;
      const at = r.sentAt ?? r.lastAttemptAt ?? r.firstAttemptAt;
      if (at === null || at >= cutoff) continue;
      await removeIfExists(path.join(sub, name.slice(0, -STATE_SUFFIX.length)));
      await removeIfExists(stateFile);
      removed++;
    }
  }
  return removed;
}

/**
 * Records and locks in `dir` whose message is not among `messages` (and not on disk either). A lock is left alone
 * while fresh (its holder is about to remove it); a record while its lock exists, and while it is young and not
 * final: outboxFolder.ts links the record a moment before its message.
 */
export async function removeLeftovers(dir: string, messages: ReadonlySet<string>): Promise<void> {
  const now = Date.now();
  for (const name of await fs.readdir(dir)) {
    const suffix = name.endsWith(STATE_SUFFIX) ? STATE_SUFFIX : name.endsWith(LOCK_SUFFIX) ? LOCK_SUFFIX : null;
    if (!suffix) continue;
    const owner = name.slice(0, -suffix.length);
    if (messages.has(owner)) continue;
    const file = path.join(dir, name);
    try {
      const age = now - (await fs.stat(file)).mtimeMs;
      if (suffix === LOCK_SUFFIX) {
        if (age >= STALE_LOCK_MS) await removeIfExists(file);
        continue;
      }
      if ((await exists(path.join(dir, owner + LOCK_SUFFIX))) || (await exists(path.join(dir, owner)))) continue;
      const r = parseRecord(await fs.readFile(file, 'utf8'));
      const final = r !== 'damaged' && (r.state === 'sent' || r.state === 'failed');
      if (final || age >= STALE_LOCK_MS) await removeIfExists(file);
    } catch {
      /* raced with its owner; the next drain looks again */
    }
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
