/**
 * The data directory, the product's on-disk contract:
 *
 *   D/calendar/*.ics          one VCALENDAR per UID (vdir; khal and vdirsyncer read it)
 *   D/contacts/*.vcf          one vCard per file (vdir)
 *   D/pending/<id>.json       an open decision (one written on its own)
 *   D/pending/<pack>.jsonl    the open decisions a write batch opened, one per line (pendingStore.ts)
 *   D/state/processed.jsonl   append-only log of processed messages
 *   D/state/decisions.jsonl   append-only log of what a person decided
 *   D/state/cancelled.json    cancellations of events the calendar never had
 *   D/config.json             { "me": [addresses], …more settings }
 *
 * Owns: opening all stores under one root with one fsync policy, the config file, "is this address known?"
 * (calendar or contacts), and the combined list of files that could not be used.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { normalizeAddress } from '../../shared/util/address.js';
import { writeFileAtomic } from '../fsio/atomicWrite.js';
import { quarantineFiles, type QuarantinedFile } from './quarantine.js';
import { brokenDecisions, type DecisionRebuilder } from './decisionRebuild.js';
import { CalendarStore } from './calendarStore.js';
import { ContactsStore } from './contactsStore.js';
import { PendingStore } from './pendingStore.js';
import { ProcessedStore } from './processedStore.js';
import { DecisionLog } from './decisionLog.js';
import { TombstoneStore } from './tombstoneStore.js';
import { errnoCode, type StoreOptions, type StoreProblem } from './storeFiles.js';

export interface DataDirConfig {
  /** My addresses, normalised: the identities invitations are addressed to and that I organise as. */
  me: string[];
  [setting: string]: unknown;
}

/** `open` failed: the root is not a folder, or it cannot be created, read or written. */
export class DataDirError extends Error {
  readonly code = 'DATA_DIR_UNUSABLE';
}

interface Stores {
  readonly calendar: CalendarStore;
  readonly contacts: ContactsStore;
  readonly pending: PendingStore;
  readonly processed: ProcessedStore;
  readonly decisions: DecisionLog;
  readonly tombstones: TombstoneStore;
  readonly config: { config: DataDirConfig; problem: StoreProblem | null };
}

async function openStores(dir: string, opts: StoreOptions): Promise<Stores> {
  const [calendar, contacts, pending, processed, decisions, tombstones, config] = await Promise.all([
    CalendarStore.open(path.join(dir, 'calendar'), opts),
    ContactsStore.open(path.join(dir, 'contacts'), opts),
    PendingStore.open(path.join(dir, 'pending'), opts),
    ProcessedStore.open(path.join(dir, 'state'), opts),
    DecisionLog.open(path.join(dir, 'state'), opts),
    TombstoneStore.open(path.join(dir, 'state'), opts),
    readConfig(path.join(dir, 'config.json')),
  ]);
  return { calendar, contacts, pending, processed, decisions, tombstones, config };
}

export class DataDir {
  private current: DataDirConfig;
  /** config.json exists but is unusable: writing it would destroy what the person wrote, so updates are refused. */
  private configProblem: StoreProblem | null;
  private chain: Promise<unknown> = Promise.resolve();
  private stores: Stores;

  private constructor(
    readonly root: string,
    stores: Stores,
    private readonly opts: StoreOptions,
  ) {
    this.stores = stores;
    this.current = stores.config.config;
    this.configProblem = stores.config.problem;
  }

  get calendar(): CalendarStore {
    return this.stores.calendar;
  }
  get contacts(): ContactsStore {
    return this.stores.contacts;
  }
  get pending(): PendingStore {
    return this.stores.pending;
  }
  get processed(): ProcessedStore {
    return this.stores.processed;
  }
  get decisions(): DecisionLog {
    return this.stores.decisions;
  }
  get tombstones(): TombstoneStore {
    return this.stores.tombstones;
  }
  private get fsync(): boolean {
    return this.opts.fsync ?? true;
  }

  static async open(root: string, opts: StoreOptions = {}): Promise<DataDir> {
    const dir = path.resolve(root);
    try {
      const info = await stat(dir).catch((e: unknown) => (errnoCode(e) === 'ENOENT' ? null : Promise.reject(e)));
      if (info && !info.isDirectory()) throw new Error('it exists but is not a folder');
      // 0o700: calendars, contacts and mail headers are private (applies only when the folder is new).
      if (!info) await mkdir(dir, { recursive: true, mode: 0o700 });
      return new DataDir(dir, await openStores(dir, opts), opts);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      throw new DataDirError(`The data directory ${dir} cannot be used: ${detail}`, { cause: e });
    }
  }

  /**
   * Reads every store again from disk, in place: whoever holds this DataDir sees what another process wrote
   * (see SharedDataDir, which calls this when the generation token changed).
   */
  async reload(): Promise<void> {
    const stores = await openStores(this.root, this.opts);
    this.stores = stores;
    this.current = stores.config.config;
    this.configProblem = stores.config.problem;
  }

  get configFile(): string {
    return path.join(this.root, 'config.json');
  }

  /** A copy of the settings; `me` is always a list of normalised addresses. */
  config(): DataDirConfig {
    return structuredClone(this.current);
  }

  /** Merges `patch` into the settings (top level) and writes config.json atomically. `me` is normalised. */
  updateConfig(patch: Partial<DataDirConfig>): Promise<void> {
    const run = this.chain.then(async () => {
      if (this.configProblem) {
        throw Object.assign(new Error(`${this.configProblem.message}; fix or remove it before changing settings`), {
          code: 'CONFIG_INVALID',
        });
      }
      const next: DataDirConfig = { ...this.current };
      // An undefined value means "not given" (Partial), not "erase": JSON could not store it anyway.
      for (const [key, value] of Object.entries(structuredClone(patch))) if (value !== undefined) next[key] = value;
      next.me = normalizeList(Array.isArray(next.me) ? next.me : []);
      await writeFileAtomic(this.configFile, `${JSON.stringify(next, null, 2)}\n`, { fsync: this.fsync });
      this.current = next;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Adds addresses to `me`, normalised, without duplicates, keeping the existing order first. */
  addMe(addresses: readonly string[]): Promise<void> {
    return this.updateConfig({ me: [...this.current.me, ...addresses] });
  }

  /** Whether the address is an organizer/attendee of a stored event or a contact's address. */
  isKnownAddress(address: string): boolean {
    return this.calendar.isKnownAddress(address) || this.contacts.has(address);
  }

  /**
   * Moves every unusable calendar and pending file aside to quarantine/ (with its reason) and reloads the stores;
   * returns what moved. With `rebuild` (the engine's side, electron/scheduling/rebuildDecisions.ts) a decision file
   * whose message is in the processed log is derived again from it first and written in its place. Writers call it
   * under the lock before their work, so a broken file is never overwritten and never joined by a second file for
   * the same UID.
   */
  async quarantine(rebuild?: DecisionRebuilder): Promise<QuarantinedFile[]> {
    const problems = [...this.calendar.problems, ...this.pending.problems];
    if (!problems.some((p) => p.unusable)) return [];
    const rebuilt = rebuild
      ? rebuild(this, await brokenDecisions(this)).map((r) => ({ ...r, id: PendingStore.idFor(r.draft) }))
      : [];
    const rebuiltOf = (file: string): string[] => rebuilt.filter((x) => x.file === file).map((x) => x.id);
    const note = (p: StoreProblem): StoreProblem => {
      const ids = rebuiltOf(p.file);
      if (ids.length === 0) return p;
      const what =
        ids.length === 1
          ? `the decision was derived again from its message as ${ids[0]}`
          : `${ids.length} decisions were derived again from their messages as ${ids.join(', ')}`;
      return { ...p, message: `${p.message}; ${what}` };
    };
    const inPlace = new Set(rebuilt.filter((r) => r.id === r.oldId && !PendingStore.isPack(r.file)).map((r) => r.file));
    const opts = { fsync: this.fsync };
    const copied = await quarantineFiles(this.root, problems.filter((p) => inPlace.has(p.file)).map(note), {
      ...opts,
      copy: true,
    });
    // Each rebuilt decision, and each readable one of a broken pack, is on disk before its broken file leaves pending/.
    for (const r of rebuilt) await this.pending.add(r.draft, r.createdAt, { ownFile: true });
    for (const p of this.pending.problems)
      if (p.unusable && PendingStore.isPack(p.file)) await this.pending.keepReadable(p.file);
    const moved = await quarantineFiles(this.root, problems.filter((p) => !inPlace.has(p.file)).map(note), opts);
    const all = [...copied, ...moved].map((m) => {
      const ids = rebuiltOf(m.file);
      return ids.length ? { ...m, rebuiltAs: ids } : m;
    });
    if (all.length || rebuilt.length) await this.reload();
    return all;
  }

  /** Every unusable file any store found, each left exactly as it was. */
  problems(): StoreProblem[] {
    return [
      ...(this.configProblem ? [this.configProblem] : []),
      ...this.calendar.problems,
      ...this.contacts.problems,
      ...this.pending.problems,
      ...this.processed.problems,
    ];
  }
}

async function readConfig(file: string): Promise<{ config: DataDirConfig; problem: StoreProblem | null }> {
  const fallback = (message: string): { config: DataDirConfig; problem: StoreProblem } => ({
    config: { me: [] },
    problem: { file, message: `config.json ${message}; using default settings and leaving it as it is` },
  });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return { config: { me: [] }, problem: null };
    throw new Error(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fallback(`is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fallback('is not a JSON object');
  const v = value as Record<string, unknown>;
  if (v.me !== undefined && !(Array.isArray(v.me) && v.me.every((x) => typeof x === 'string'))) {
    return fallback('has a "me" that is not a list of addresses');
  }
  return { config: { ...v, me: normalizeList((v.me as string[] | undefined) ?? []) }, problem: null };
}

function normalizeList(addresses: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const a of addresses) {
    const n = typeof a === 'string' ? normalizeAddress(a) : '';
    if (n !== '' && !out.includes(n)) out.push(n);
  }
  return out;
}
