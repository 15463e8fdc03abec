/**
 * Unusable files are moved aside, never overwritten and never silently dropped. Owns: the `quarantine/` folder of
 * the data dir (the file under its store's folder name, beside a `<name>.reason.txt` that says why) and listing
 * what is in it. A truncated `calendar/*.ics` left in place would make the next write of its UID create a second
 * file for the same event; moved aside, the folder again holds one file per UID and the person can still look at
 * (or restore) what was there.
 */
import { copyFile, mkdir, readFile, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fsio/atomicWrite.js';
import { errnoCode, type StoreProblem } from './storeFiles.js';

export const QUARANTINE_DIR = 'quarantine';
const REASON_SUFFIX = '.reason.txt';

export interface QuarantinedFile {
  /** Where the file was (absolute). */
  readonly file: string;
  /** Where it is now (absolute). */
  readonly movedTo: string;
  readonly message: string;
  /**
   * A decision file, or a pack of decisions: the ids of the decisions derived again from their messages, which now
   * stand in their place.
   */
  readonly rebuiltAs?: readonly string[];
}

/**
 * Moves every unusable file of `problems` that lies inside `root` to quarantine/<folder>/; returns what moved. With
 * `copy` the file stays where it is (a decision rebuilt under the same name replaces it next, atomically: a crash in
 * between leaves the broken file in place to be copied and rebuilt again, never nothing).
 */
export async function quarantineFiles(
  root: string,
  problems: readonly StoreProblem[],
  opts: { fsync?: boolean; copy?: boolean } = {},
): Promise<QuarantinedFile[]> {
  const moved: QuarantinedFile[] = [];
  for (const p of problems) {
    if (!p.unusable) continue;
    const rel = path.relative(root, p.file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const folder = path.join(root, QUARANTINE_DIR, path.dirname(rel));
    await mkdir(folder, { recursive: true });
    const target = await freeName(folder, path.basename(rel));
    // The reason first: a crash between the two steps leaves a reason without a file, never a file without one.
    await writeFileAtomic(`${target}${REASON_SUFFIX}`, `${p.message}\n`, opts);
    try {
      await (opts.copy ? copyFile(p.file, target) : rename(p.file, target));
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') continue; // another process moved it first
      throw e;
    }
    moved.push({ file: p.file, movedTo: target, message: p.message });
  }
  return moved;
}

/** One line for what a repair did with one file: the CLI's warning, the agent's log. */
export function repairText(m: QuarantinedFile): string {
  return m.rebuiltAs ? `${m.message}; a copy is in ${m.movedTo}` : `${m.message}; moved to ${m.movedTo}`;
}

/** A name in `folder` not taken yet: `name`, then `name.1`, `name.2`, … (an earlier quarantined file stays). */
async function freeName(folder: string, name: string): Promise<string> {
  const taken = new Set(await readdir(folder));
  if (!taken.has(name) && !taken.has(`${name}${REASON_SUFFIX}`)) return path.join(folder, name);
  for (let n = 1; ; n++) {
    const candidate = `${name}.${n}`;
    if (!taken.has(candidate) && !taken.has(`${candidate}${REASON_SUFFIX}`)) return path.join(folder, candidate);
  }
}

/** Everything in quarantine/, each with its reason: what `check` and the app show until the person removes it. */
export async function listQuarantine(root: string): Promise<StoreProblem[]> {
  const base = path.join(root, QUARANTINE_DIR);
  const out: StoreProblem[] = [];
  let folders: string[];
  try {
    folders = await readdir(base);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return [];
    throw e;
  }
  for (const folder of folders.sort()) {
    const names = await readdir(path.join(base, folder)).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith(REASON_SUFFIX)).sort()) {
      const file = path.join(base, folder, name.slice(0, -REASON_SUFFIX.length));
      const reason = (await readFile(path.join(base, folder, name), 'utf8').catch(() => '')).trim();
      out.push({
        file,
        message: `${path.join(folder, path.basename(file))} was moved to ${QUARANTINE_DIR}/: ${reason || 'unusable'}`,
      });
    }
  }
  return out;
}
