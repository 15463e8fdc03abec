/**
 * File names for items in a vdir folder. Owns: when a UID may be used as the file name verbatim, the stable
 * hash-based fallback, and picking a name no other file in the folder uses.
 *
 * The name is a convenience only: stores find items by the UID inside each file, so files written by other tools
 * under any name work, and a renamed file keeps working.
 */
import { createHash } from 'node:crypto';

// Windows refuses these as file names even with an extension (CON.ics), so they never go verbatim.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** The UID itself when it is a safe portable file name: `[A-Za-z0-9@._+-]{1,120}`, not starting with '.'. */
export function safeBaseName(uid: string): string | null {
  if (!/^[A-Za-z0-9@._+-]{1,120}$/.test(uid) || uid.startsWith('.') || RESERVED.test(uid)) return null;
  return uid;
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The preferred names for a UID, best first: the UID itself when safe, then 32 hex digits of its SHA-256 (stable,
 * so the same UID lands in the same file on every machine), then numbered variants for the unlikely clash.
 */
export function* candidateNames(uid: string, ext: string): Generator<string> {
  const safe = safeBaseName(uid);
  if (safe) yield `${safe}${ext}`;
  const hash = sha256Hex(uid).slice(0, 32);
  yield `${hash}${ext}`;
  for (let n = 2; ; n++) yield `${hash}-${n}${ext}`;
}

/**
 * Keeps track of the names in use in one folder. Compared case-insensitively because macOS and Windows folders
 * are: `Team.ics` and `team.ics` would be the same file there.
 */
export class NameRegistry {
  private readonly used = new Set<string>();

  claim(name: string): void {
    this.used.add(name.toLowerCase());
  }

  release(name: string): void {
    this.used.delete(name.toLowerCase());
  }

  /** A name for a new UID that no existing file (valid or not) has, so nothing is overwritten by accident. */
  pick(uid: string, ext: string): string {
    for (const name of candidateNames(uid, ext)) {
      if (!this.used.has(name.toLowerCase())) {
        this.claim(name);
        return name;
      }
    }
    /* c8 ignore next */
    throw new Error('unreachable: candidateNames is infinite');
  }
}
