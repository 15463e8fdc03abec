/**
 * `D/state/analyzed.json` (several accounts: `D/state/accounts/<id>/analyzed.json`): which mailbox message each
 * open decision came from, so the agent can mark that message `$ITipProcessed` once the decision is taken (here,
 * in another window, or by the CLI's `decide`).
 * Owns the file's shape (`{ pendingId: { mailbox, uidValidity, uid } }`), reading it tolerantly (a damaged file
 * costs only the marks, which the next scan of the message repairs) and writing it atomically.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MessageSource } from '../../shared/model/decisions.js';
import { writeFileAtomic } from '../fsio/atomicWrite.js';

export const ANALYZED_FILE = 'analyzed.json';

export class AnalyzedMessages {
  readonly #file: string;

  /** `accountId`: several accounts in one data dir keep theirs in `state/accounts/<id>/` (runAccounts.ts). */
  constructor(dataDir: string, accountId?: string) {
    this.#file =
      accountId === undefined
        ? path.join(dataDir, 'state', ANALYZED_FILE)
        : path.join(dataDir, 'state', 'accounts', accountId, ANALYZED_FILE);
  }

  async read(): Promise<Map<string, MessageSource>> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.#file, 'utf8'));
    } catch {
      return new Map();
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return new Map();
    return new Map(
      Object.entries(parsed as Record<string, unknown>).filter((e): e is [string, MessageSource] => isSource(e[1])),
    );
  }

  async write(map: ReadonlyMap<string, MessageSource>): Promise<void> {
    await mkdir(path.dirname(this.#file), { recursive: true });
    await writeFileAtomic(this.#file, JSON.stringify(Object.fromEntries(map), null, 1));
  }

  async remember(pendingId: string, source: MessageSource): Promise<void> {
    const map = await this.read();
    map.set(pendingId, source);
    await this.write(map);
  }
}

function isSource(v: unknown): v is MessageSource {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s.mailbox === 'string' && typeof s.uidValidity === 'string' && typeof s.uid === 'number';
}
