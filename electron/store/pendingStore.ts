/**
 * Decisions waiting for a person: one JSON file per decision in `pending/`. Owns: the decision id (a short hash
 * of what the decision is about, so the same message analysed twice — after a crash, or from two folders — gives
 * one decision, not two), listing oldest first, and removal once the person has decided.
 */
import { checkFileFault } from '../fsio/fileFaults.js';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { PendingDecision, PendingDraft } from '../../shared/model/decisions.js';
import { writeFileAtomic } from '../fsio/atomicWrite.js';
import { sha256Hex } from './fileNames.js';
import {
  decodeUtf8,
  fsyncDir,
  ioError,
  KeyedQueue,
  readFolder,
  type RawFile,
  type StoreOptions,
  type StoreProblem,
} from './storeFiles.js';
import { readMessage, readMessages, textMessage } from '../../shared/model/storedMessage.js';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export class PendingStore {
  private readonly items = new Map<string, PendingDecision>();
  /** Ids by UID: the orchestrator asks for a UID's decisions on every message, so no scan of every decision. */
  private readonly byUid = new Map<string, Set<string>>();
  private readonly queue = new KeyedQueue();
  private readonly problemList: StoreProblem[] = [];

  private constructor(
    readonly dir: string,
    private readonly fsync: boolean,
  ) {}

  static async open(dir: string, opts: StoreOptions = {}): Promise<PendingStore> {
    try {
      await mkdir(dir, { recursive: true });
    } catch (e) {
      throw ioError('create the folder', dir, e);
    }
    const store = new PendingStore(dir, opts.fsync ?? true);
    for (const file of await readFolder(dir, '.json')) store.load(file);
    return store;
  }

  /** 12 hex digits of SHA-256 over UID, RECURRENCE-ID, kind and the message text: same draft, same id. */
  static idFor(draft: Pick<PendingDraft, 'uid' | 'recurrenceId' | 'kind' | 'message'>): string {
    // JSON keeps the parts apart, so ("a\nb", "c") and ("a", "b\nc") cannot hash alike.
    return sha256Hex(JSON.stringify([draft.uid, draft.recurrenceId, draft.kind, draft.message.ics])).slice(0, 12);
  }

  get problems(): readonly StoreProblem[] {
    return this.problemList;
  }

  get size(): number {
    return this.items.size;
  }

  /** Stores the draft as a decision; when the same draft is already waiting, returns that one unchanged. */
  add(draft: PendingDraft, createdAt: string): Promise<PendingDecision> {
    const id = PendingStore.idFor(draft);
    return this.queue.run(id, async () => {
      const existing = this.items.get(id);
      if (existing) return existing;
      const decision: PendingDecision = { id, ...draft, createdAt };
      await writeFileAtomic(this.pathOf(id), `${JSON.stringify(decision, null, 2)}\n`, { fsync: this.fsync });
      this.put(decision);
      return decision;
    });
  }

  /** Oldest first (by createdAt, then id, so the order is stable). */
  list(): PendingDecision[] {
    return [...this.items.values()].sort(byAge);
  }

  get(id: string): PendingDecision | null {
    return this.items.get(id) ?? null;
  }

  /** The UID's decisions, oldest first; costs the number of decisions for that UID, not of all decisions. */
  findByUid(uid: string): PendingDecision[] {
    const ids = this.byUid.get(uid);
    if (!ids) return [];
    const found: PendingDecision[] = [];
    for (const id of ids) {
      const d = this.items.get(id);
      if (d) found.push(d);
    }
    return found.sort(byAge);
  }

  /** Deletes the decision's file; false when no such decision is stored (unusable files are never removed). */
  remove(id: string): Promise<boolean> {
    if (!ID.test(id)) return Promise.resolve(false);
    return this.queue.run(id, async () => {
      if (!this.items.has(id)) return false;
      const file = this.pathOf(id);
      checkFileFault('delete', file);
      try {
        await rm(file, { force: true });
      } catch (e) {
        throw ioError('delete', file, e);
      }
      if (this.fsync) await fsyncDir(this.dir);
      this.drop(id);
      return true;
    });
  }

  private put(d: PendingDecision): void {
    this.items.set(d.id, d);
    let ids = this.byUid.get(d.uid);
    if (!ids) this.byUid.set(d.uid, (ids = new Set()));
    ids.add(d.id);
  }

  private drop(id: string): void {
    const d = this.items.get(id);
    if (!d) return;
    this.items.delete(id);
    const ids = this.byUid.get(d.uid);
    ids?.delete(id);
    if (ids?.size === 0) this.byUid.delete(d.uid);
  }

  private pathOf(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  private load(raw: RawFile): void {
    const id = raw.name.slice(0, -'.json'.length);
    const text = decodeUtf8(raw.bytes);
    let value: unknown;
    try {
      value = text === null ? undefined : JSON.parse(text);
    } catch {
      value = undefined;
    }
    const problem = value === undefined ? 'is not valid JSON' : checkDecision(value, id);
    if (problem) {
      this.problemList.push({ file: raw.path, message: `${raw.name} ${problem}`, unusable: true });
      return;
    }
    // Decisions written before reasons became codes hold sentences: read them as literal text.
    const v = value as PendingDecision & { reason: unknown; warnings?: unknown };
    this.put({ ...v, reason: readMessage(v.reason) ?? textMessage(''), warnings: readMessages(v.warnings) });
  }
}

/** Why a parsed file is not a usable decision, or null. Checks what listing, deciding and removing rely on. */
function checkDecision(value: unknown, id: string): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a JSON object';
  const v = value as Record<string, unknown>;
  if (!ID.test(id) || v.id !== id)
    return `does not hold decision ${JSON.stringify(id)} (its id is ${JSON.stringify(v.id)})`;
  for (const field of ['uid', 'kind', 'createdAt'] as const) {
    if (typeof v[field] !== 'string') return `lacks the text field "${field}"`;
  }
  if (readMessage(v.reason) === null) return 'lacks the field "reason"';
  if (!Array.isArray(v.choices) || !v.choices.every((c) => typeof c === 'string')) return 'lacks the list "choices"';
  const message = v.message as Record<string, unknown> | null | undefined;
  if (typeof message !== 'object' || message === null || typeof message.ics !== 'string')
    return 'lacks the message text';
  return null;
}

function byAge(a: PendingDecision, b: PendingDecision): number {
  const ta = Date.parse(a.createdAt);
  const tb = Date.parse(b.createdAt);
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
  if (Number.isNaN(ta) !== Number.isNaN(tb)) return Number.isNaN(ta) ? 1 : -1;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
