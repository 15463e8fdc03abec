/**
 * Decisions waiting for a person, in `pending/`. Owns: the decision id (a short hash of what the decision is about,
 * so the same message analysed twice — after a crash, or from two folders — gives one decision, not two), where each
 * decision lives on disk, listing oldest first, and removal once the person has decided.
 *
 * Two kinds of file hold decisions:
 * - `<id>.json`: one decision, written atomically (a decision added outside a write batch: the app, `decide`,
 *   an undo, a rebuilt decision);
 * - `<pack>.jsonl`, a pack: the decisions a write batch opened (electron/fsio/writeBatch.ts: a `process` of many
 *   mails, a burst the agent handles at once), one JSON object per line, appended in the order they were opened.
 *   Creating a file costs far more than appending a line on some disks (up to 0.75 ms against 0.03 ms), and a
 *   batch may open hundreds of decisions. A decision of a pack that is carried out gets a line `{"removed":"<id>"}`;
 *   the pack itself is deleted with the removal of its last open decision.
 * An append is as durable as an atomic write in a batch (synced by the batch's flush, before the batch reports its
 * work done) and as safe against a kill: a line is whole once the append returns, and the message's processed
 * record is appended after it. A pack with a line that cannot be read (torn by a power cut, edited) is unusable as a
 * whole: the next writer writes its readable decisions into files of their own, derives the unreadable ones again
 * from their messages where it can (decisionRebuild.ts), then moves the pack aside (DataDir.quarantine).
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { checkFileFault } from '../fsio/fileFaults.js';
import type { PendingDecision, PendingDraft } from '../../shared/model/decisions.js';
import { writeFileAtomic } from '../fsio/atomicWrite.js';
import { currentWriteBatch, type WriteBatch } from '../fsio/writeBatch.js';
import { sha256Hex } from './fileNames.js';
import { JsonlAppender } from './jsonlAppender.js';
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
const PACK_EXT = '.jsonl';

/** An id as it appears in a line of a pack, for the lines that cannot be read as a whole. */
const ID_IN_LINE = /"id"\s*:\s*"([A-Za-z0-9_-]{1,64})"/;

/** A pack file and the decisions in it that are still open. */
interface Pack {
  readonly file: string;
  readonly open: Set<string>;
  /** Appends its lines (inside a write batch synced by the batch's flush, else each synced itself). */
  readonly log: JsonlAppender;
  /** Holds lines that cannot be read: never deleted here, only moved aside (DataDir.quarantine). */
  readonly unusable: boolean;
}

// Unique per process; the pid and the time keep packs of two processes, and of two runs, apart.
let packCounter = 0;

export class PendingStore {
  private readonly items = new Map<string, PendingDecision>();
  /** Ids by UID: the orchestrator asks for a UID's decisions on every message, so no scan of every decision. */
  private readonly byUid = new Map<string, Set<string>>();
  /**
   * The files each open decision is in: one, except after a crash between writing a pack's decision into a file
   * of its own and moving the pack aside. Removing a decision removes it from all of them.
   */
  private readonly homes = new Map<string, string[]>();
  private readonly packs = new Map<string, Pack>();
  /** The pack each running write batch appends to. */
  private readonly batchPacks = new WeakMap<WriteBatch, Pack>();
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
    for (const file of await readFolder(dir, PACK_EXT)) store.loadPack(file);
    return store;
  }

  /** 12 hex digits of SHA-256 over UID, RECURRENCE-ID, kind and the message text: same draft, same id. */
  static idFor(draft: Pick<PendingDraft, 'uid' | 'recurrenceId' | 'kind' | 'message'>): string {
    // JSON keeps the parts apart, so ("a\nb", "c") and ("a", "b\nc") cannot hash alike.
    return sha256Hex(JSON.stringify([draft.uid, draft.recurrenceId, draft.kind, draft.message.ics])).slice(0, 12);
  }

  /** Whether `file` is a pack (several decisions, one per line) rather than one decision's file. */
  static isPack(file: string): boolean {
    return file.toLowerCase().endsWith(PACK_EXT);
  }

  get problems(): readonly StoreProblem[] {
    return this.problemList;
  }

  get size(): number {
    return this.items.size;
  }

  /**
   * Stores the draft as a decision; when the same draft is already waiting, returns that one unchanged. Inside a
   * write batch the decision is appended to the batch's pack, else (or with `ownFile`: a decision derived again in
   * place of a broken file, DataDir.quarantine) written to a file of its own.
   */
  add(draft: PendingDraft, createdAt: string, opts: { ownFile?: boolean } = {}): Promise<PendingDecision> {
    const id = PendingStore.idFor(draft);
    return this.queue.run(id, async () => {
      const existing = this.items.get(id);
      if (existing) return existing;
      const decision: PendingDecision = { id, ...draft, createdAt };
      const batch = opts.ownFile ? null : currentWriteBatch();
      const home = batch ? await this.appendToPack(batch, decision) : await this.writeOwnFile(decision);
      this.put(decision, home);
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

  /**
   * Removes the decision from every file it is in (its own file deleted; in a pack a removal line, or the pack
   * deleted with its last open decision); false when no such decision is stored (unusable files are never removed).
   */
  remove(id: string): Promise<boolean> {
    if (!ID.test(id)) return Promise.resolve(false);
    return this.queue.run(id, async () => {
      if (!this.items.has(id)) return false;
      for (const home of [...(this.homes.get(id) ?? [])]) {
        const pack = this.packs.get(home);
        if (pack) await this.removeFromPack(pack, id);
        // A pack is only ever deleted with its last open decision, never as a decision's file.
        else if (!PendingStore.isPack(home)) await this.deleteFile(home);
        this.leave(id, home);
      }
      this.drop(id);
      return true;
    });
  }

  /**
   * Writes every readable decision of an unusable pack into a file of its own, so that moving the pack aside loses
   * none of them (DataDir.quarantine, before it moves the pack). A decision already in a file of its own is left.
   */
  async keepReadable(packFile: string): Promise<void> {
    for (const [id, homes] of [...this.homes]) {
      if (!homes.includes(packFile) || homes.some((h) => !PendingStore.isPack(h))) continue;
      const decision = this.items.get(id);
      if (!decision) continue;
      await this.queue.run(id, async () => {
        this.homes.get(id)?.push(await this.writeOwnFile(decision));
      });
    }
  }

  private async writeOwnFile(decision: PendingDecision): Promise<string> {
    const file = path.join(this.dir, `${decision.id}.json`);
    await writeFileAtomic(file, `${JSON.stringify(decision, null, 2)}\n`, { fsync: this.fsync });
    return file;
  }

  /** Appends the decision to the batch's pack (a new pack for the batch's first decision). */
  private async appendToPack(batch: WriteBatch, decision: PendingDecision): Promise<string> {
    let pack = this.batchPacks.get(batch);
    if (!pack || !this.packs.has(pack.file)) {
      const file = path.join(this.dir, `${Date.now().toString(36)}-${process.pid}-${++packCounter}${PACK_EXT}`);
      pack = { file, open: new Set(), log: new JsonlAppender(file, this.fsync), unusable: false };
      this.packs.set(pack.file, pack);
      this.batchPacks.set(batch, pack);
    }
    const target = pack;
    // One queue per pack: appends and the pack's deletion never overlap.
    await this.queue.run(target.file, async () => {
      // Deleted meanwhile with its last decision (removed in the same batch): the append makes it anew.
      if (!this.packs.has(target.file)) this.packs.set(target.file, target);
      await target.log.append(decision);
      target.open.add(decision.id);
    });
    return target.file;
  }

  /** Its last open decision deletes the pack (unless it is unusable); any other gets a removal line. */
  private removeFromPack(pack: Pack, id: string): Promise<void> {
    return this.queue.run(pack.file, async () => {
      const last = pack.open.size === 0 || (pack.open.size === 1 && pack.open.has(id));
      if (last && !pack.unusable) {
        await this.deleteFile(pack.file);
        this.packs.delete(pack.file);
        return;
      }
      await pack.log.append({ removed: id });
    });
  }

  private async deleteFile(file: string): Promise<void> {
    checkFileFault('delete', file);
    try {
      await rm(file, { force: true });
    } catch (e) {
      throw ioError('delete', file, e);
    }
    if (this.fsync) await fsyncDir(this.dir);
  }

  private put(d: PendingDecision, home: string): void {
    this.items.set(d.id, d);
    let ids = this.byUid.get(d.uid);
    if (!ids) this.byUid.set(d.uid, (ids = new Set()));
    ids.add(d.id);
    const homes = this.homes.get(d.id);
    if (!homes) this.homes.set(d.id, [home]);
    else if (!homes.includes(home)) homes.push(home);
    this.packs.get(home)?.open.add(d.id);
  }

  /** The decision is no longer in `home`. */
  private leave(id: string, home: string): void {
    this.packs.get(home)?.open.delete(id);
    const homes = this.homes.get(id)?.filter((h) => h !== home);
    if (homes?.length) this.homes.set(id, homes);
    else this.homes.delete(id);
  }

  private drop(id: string): void {
    const d = this.items.get(id);
    if (!d) return;
    this.items.delete(id);
    this.homes.delete(id);
    const ids = this.byUid.get(d.uid);
    ids?.delete(id);
    if (ids?.size === 0) this.byUid.delete(d.uid);
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
    this.put(readDecision(value as PendingDecision), raw.path);
  }

  /**
   * A pack's decisions, less the removed ones. Lines that cannot be read make the pack unusable (with the ids they
   * seem to hold, for deriving those decisions again); its readable decisions are still loaded.
   */
  private loadPack(raw: RawFile): void {
    const text = decodeUtf8(raw.bytes);
    const found: PendingDecision[] = [];
    const removed = new Set<string>();
    const bad: number[] = [];
    const lost: string[] = [];
    const lines = (text ?? '').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const v = parseLine(line);
      if (v && typeof v.removed === 'string' && Object.keys(v).length === 1) removed.add(v.removed);
      else if (v && typeof v.id === 'string' && checkDecision(v, v.id) === null)
        found.push(v as unknown as PendingDecision);
      else {
        bad.push(i + 1);
        const id = ID_IN_LINE.exec(line)?.[1];
        if (id && !lost.includes(id)) lost.push(id);
      }
    });
    const stillOpen = found.filter((d) => !removed.has(d.id));
    if (text === null || bad.length) {
      const what =
        text === null
          ? 'is not UTF-8 text'
          : `has ${bad.length} line(s) that are not decisions (line ${bad.slice(0, 10).join(', ')}${bad.length > 10 ? ', …' : ''})`;
      this.problemList.push({
        file: raw.path,
        message: `${raw.name} ${what}`,
        unusable: true,
        decisionIds: lost.filter((id) => !removed.has(id) && !stillOpen.some((d) => d.id === id)),
      });
    }
    if (stillOpen.length === 0) return;
    const pack: Pack = {
      file: raw.path,
      open: new Set(),
      log: new JsonlAppender(raw.path, this.fsync, text !== null && !/(^|\n)$/.test(text)),
      unusable: text === null || bad.length > 0,
    };
    this.packs.set(pack.file, pack);
    for (const d of stillOpen) this.put(readDecision(d), pack.file);
  }
}

function parseLine(line: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Decisions written before reasons became codes hold sentences: read them as literal text. */
function readDecision(value: PendingDecision): PendingDecision {
  const v = value as PendingDecision & { reason: unknown; warnings?: unknown };
  return { ...v, reason: readMessage(v.reason) ?? textMessage(''), warnings: readMessages(v.warnings) };
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
