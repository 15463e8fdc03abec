/**
 * `D/state/analyzed.json` (several accounts: `D/state/accounts/<id>/analyzed.json`): which mailbox message each
 * open decision came from, so the agent can mark that message `$ITipProcessed` once the decision is taken (here,
 * in another window, or by the CLI's `decide`).
 * Owns the file's shape (`{ pendingId: { mailbox, uidValidity, uid } }`), reading it tolerantly (a damaged file
 * costs only the marks, which the next scan of the message repairs) and writing it atomically.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { MessageSource } from '../../shared/model/decisions.js';
import { writeFileAtomic } from '../fsio/atomicWrite.js';

export const ANALYZED_FILE = 'analyzed.json';

export class AnalyzedMessages {
  readonly #file: string;
  /**
   * The map as last read or written, with the file's size and time then: a burst of invitations adds one entry per
   * message, and parsing the whole file again for each would make the burst quadratic. Another process writing the
   * file changes its time or size, and it is read again.
   */
  #cache: { map: Map<string, MessageSource>; stamp: string } | null = null;

  /** `accountId`: several accounts in one data dir keep theirs in `state/accounts/<id>/` (runAccounts.ts). */
  constructor(dataDir: string, accountId?: string) {
    this.#file =
      accountId === undefined
        ? path.join(dataDir, 'state', ANALYZED_FILE)
        : path.join(dataDir, 'state', 'accounts', accountId, ANALYZED_FILE);
  }

  async read(): Promise<Map<string, MessageSource>> {
    const stamp = await this.#stamp();
    if (this.#cache && stamp !== null && this.#cache.stamp === stamp) return new Map(this.#cache.map);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.#file, 'utf8'));
    } catch {
      return new Map();
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return new Map();
    const map = new Map(
      Object.entries(parsed as Record<string, unknown>).filter((e): e is [string, MessageSource] => isSource(e[1])),
    );
    if (stamp !== null) this.#cache = { map: new Map(map), stamp };
    return map;
  }

  async write(map: ReadonlyMap<string, MessageSource>): Promise<void> {
    await mkdir(path.dirname(this.#file), { recursive: true });
    this.#cache = null;
    await writeFileAtomic(this.#file, JSON.stringify(Object.fromEntries(map), null, 1));
    const stamp = await this.#stamp();
    if (stamp !== null) this.#cache = { map: new Map(map), stamp };
  }

  async #stamp(): Promise<string | null> {
    try {
      const s = await stat(this.#file, { bigint: true });
      return `${s.ino}:${s.size}:${s.mtimeNs}`;
    } catch {
      return null;
    }
  }

  async remember(pendingId: string, source: MessageSource): Promise<void> {
    await this.rememberAll([[pendingId, source]]);
  }

  /** Several at once (a group of messages handled together): one read and one write. */
  async rememberAll(entries: readonly (readonly [string, MessageSource])[]): Promise<void> {
    const map = await this.read();
    for (const [pendingId, source] of entries) map.set(pendingId, source);
    await this.write(map);
  }
}

function isSource(v: unknown): v is MessageSource {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s.mailbox === 'string' && typeof s.uidValidity === 'string' && typeof s.uid === 'number';
}
