/**
 * File primitives of the outbox: the names left on disk next to an `.eml` — `<name>.state.json` (its record),
 * `<name>.lock` (who is sending it) — and a move into `sent/` or `failed/` that never overwrites. Atomic
 * replacement and the directory fsync are electron/fsio's.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fsyncDir } from '../fsio/atomicWrite.js';

export const STATE_SUFFIX = '.state.json';
export const LOCK_SUFFIX = '.lock';

/** A queued message: `*.eml`, not a temp file (outboxFolder.ts writes `.…tmp` first, then links). */
export function isMessageName(name: string): boolean {
  return name.endsWith('.eml') && !name.startsWith('.');
}

/**
 * Copies `source` into `dir` under `name`, or `name` with `.1`, `.2`, … before `.eml` when that name is taken
 * by different bytes (outboxFolder.ts numbers files by what is in outbox/ itself, so a name can come back after
 * its first owner moved on). Returns the name used. The source is left in place: the caller removes it after
 * recording where it went, so a crash in between leaves two copies, never none.
 */
export async function linkInto(source: string, dir: string, name: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const bytes = await fs.readFile(source);
  const stem = name.replace(/\.eml$/, '');
  for (let n = 0; n < 1000; n++) {
    const candidate = n === 0 ? name : `${stem}.${n}.eml`;
    const target = path.join(dir, candidate);
    try {
      await fs.link(source, target);
      await fsyncDir(dir);
      return candidate;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        // A crash after an earlier link: the copy is already there.
        if (await sameBytes(target, bytes)) return candidate;
        continue;
      }
      // File systems without hard links (FAT, some shares): exclusive create of a copy instead.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EXDEV') {
        try {
          await fs.writeFile(target, bytes, { flag: 'wx' });
          return candidate;
        } catch (e2) {
          if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') {
            if (await sameBytes(target, bytes)) return candidate;
            continue;
          }
          throw e2;
        }
      }
      throw e;
    }
  }
  throw new Error(`No free name for ${name} in ${dir}.`);
}

export async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export async function removeIfExists(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}

async function sameBytes(file: string, bytes: Buffer): Promise<boolean> {
  const other = await readIfExists(file);
  return other !== null && other.equals(bytes);
}
