/**
 * The calendar: a vdir folder with one VCALENDAR per UID (master and overrides together), readable by khal and
 * vdirsyncer. Owns: the UID → file index, the in-memory text and parsed-object caches, the index of calendar user
 * addresses that makes "is this sender known?" O(1), and every write into the folder.
 *
 * Start-up reads every file but only scans it (icsScan.ts); ical.js parses an object the first time it is asked
 * for. Files that cannot be used are listed in `problems` and never touched, except when the caller writes or
 * deletes the very UID such a file holds.
 */
import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { normalizeAddress } from '../../shared/util/address.js';
import { writeFileAtomic } from '../fsio/atomicWrite.js';
import { NameRegistry } from './fileNames.js';
import { scanIcs } from './icsScan.js';
import { serializeCalendar } from '../../shared/ical/serialize.js';
import { parseIcs } from '../../shared/ical/parse.js';
import { cloneComponent } from '../../shared/ical/clone.js';
import {
  decodeUtf8,
  fsyncDir,
  ioError,
  KeyedQueue,
  readFolderBatches,
  type RawFile,
  type StoreOptions,
  type StoreProblem,
} from './storeFiles.js';

export type { StoreOptions, StoreProblem };

interface Item {
  /** Base name inside the folder. */
  readonly file: string;
  /**
   * The file's text, or null: only the index (UID, file, addresses) stays in memory after loading; the text is
   * read again on first use. With ten thousand events that halves the agent's resident memory.
   */
  readonly text: string | null;
  parsed: ICAL.Component | null;
  readonly addresses: readonly string[];
}

/** A caller error in `put`: the component is not a VCALENDAR for exactly the given UID. */
export class CalendarPutError extends Error {
  constructor(
    readonly code: 'CALENDAR_NOT_VCALENDAR' | 'CALENDAR_UID_MISMATCH',
    message: string,
  ) {
    super(message);
  }
}

export class CalendarStore {
  private readonly items = new Map<string, Item>();
  private readonly names = new NameRegistry();
  /**
   * Files that also hold a UID but are not the one in use: later duplicates, and files that passed the scan but
   * failed to parse. Deleting the UID removes them too (or a cancelled event would come back at the next start);
   * writing it reuses the first of them when nothing else holds it.
   */
  private readonly shadows = new Map<string, string[]>();
  /**
   * For each address, how many stored objects mention it (an address counts while this is above zero), and the
   * one string every item's list shares: ten thousand events of one team name a few dozen addresses.
   */
  private readonly addressCount = new Map<string, { readonly address: string; count: number }>();
  /** Writes and deletes of one UID run in call order; different UIDs proceed in parallel. */
  private readonly queue = new KeyedQueue();
  private readonly problemList: StoreProblem[] = [];

  private constructor(
    readonly dir: string,
    private readonly fsync: boolean,
  ) {}

  static async open(dir: string, opts: StoreOptions = {}): Promise<CalendarStore> {
    try {
      await mkdir(dir, { recursive: true });
    } catch (e) {
      throw ioError('create the folder', dir, e);
    }
    const store = new CalendarStore(dir, opts.fsync ?? true);
    for await (const batch of readFolderBatches(dir, '.ics')) for (const file of batch) store.load(file);
    return store;
  }

  get problems(): readonly StoreProblem[] {
    return this.problemList;
  }

  get size(): number {
    return this.items.size;
  }

  has(uid: string): boolean {
    return this.items.has(uid);
  }

  uids(): string[] {
    return [...this.items.keys()];
  }

  getText(uid: string): string | null {
    const item = this.items.get(uid);
    if (!item) return null;
    return item.text ?? this.readText(item);
  }

  /** The text of an item from disk (sync: a single small file, read once before it is parsed and cached). */
  private readText(item: Item): string | null {
    try {
      return decodeUtf8(readFileSync(path.join(this.dir, item.file)));
    } catch {
      return null;
    }
  }

  fileOf(uid: string): string | null {
    const item = this.items.get(uid);
    return item ? path.join(this.dir, item.file) : null;
  }

  /**
   * The stored VCALENDAR, parsed on first use and cached. Callers must not modify it (clone first). A file that
   * fails to parse here is moved to `problems` and the UID stops being listed.
   */
  get(uid: string): ICAL.Component | null {
    const item = this.items.get(uid);
    if (!item) return null;
    if (item.parsed) return item.parsed;
    try {
      const text = item.text ?? this.readText(item);
      if (text === null) throw new Error('the file can no longer be read');
      const jcal: unknown = parseIcs(text);
      if (!Array.isArray(jcal) || jcal[0] !== 'vcalendar') throw new Error('not exactly one VCALENDAR');
      item.parsed = new ICAL.Component(jcal);
      return item.parsed;
    } catch (e) {
      this.forget(uid);
      this.shadows.set(uid, [item.file, ...(this.shadows.get(uid) ?? [])]);
      this.report(item.file, `cannot be parsed (${e instanceof Error ? e.message : String(e)}); left as it is`);
      return null;
    }
  }

  *entries(): IterableIterator<[uid: string, vcalendar: ICAL.Component]> {
    // Snapshot: get() may drop a UID whose file turns out unparseable.
    for (const uid of [...this.items.keys()]) {
      const vcalendar = this.get(uid);
      if (vcalendar) yield [uid, vcalendar];
    }
  }

  isKnownAddress(address: string): boolean {
    const n = normalizeAddress(address);
    return n !== '' && (this.addressCount.get(n)?.count ?? 0) > 0;
  }

  /**
   * Stores `vcalendar` as the object for `uid`: a copy without METHOD (a stored object is not an iTIP message,
   * RFC 5546 §1.4), CRLF, written atomically. The caller's component is not modified or retained. iCalendar text
   * (what the engine hands over) is written as it is and parsed again only when read. Resolves once the file is in
   * place; the caches then hold exactly what the file holds. `keepText: false` keeps only the index of a text
   * written (a bulk fill from a server), as a start that finds the file does.
   */
  put(
    uid: string,
    vcalendar: ICAL.Component | string,
    opts: { fsync?: boolean; keepText?: boolean } = {},
  ): Promise<void> {
    let prepared: { text: string; copy: ICAL.Component | null; addresses: readonly string[] };
    try {
      // Serialise now, not when the queue gets to it, so later edits by the caller do not leak into the write.
      prepared = prepare(uid, vcalendar);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.queue.run(uid, async () => {
      const current = this.items.get(uid)?.file ?? this.shadows.get(uid)?.[0];
      const file = current ?? this.names.pick(uid, '.ics');
      try {
        // `fsync: false` per call: a cache filled from a server in bulk syncs the folder once at the end instead.
        await writeFileAtomic(path.join(this.dir, file), prepared.text, { fsync: this.fsync && opts.fsync !== false });
      } catch (e) {
        if (!current) this.names.release(file);
        throw e;
      }
      const shadows = this.shadows.get(uid)?.filter((f) => f !== file);
      if (shadows?.length) this.shadows.set(uid, shadows);
      else this.shadows.delete(uid);
      this.setItem(uid, {
        file,
        text: prepared.copy || opts.keepText === false ? null : prepared.text,
        parsed: prepared.copy,
        addresses: prepared.addresses,
      });
    });
  }

  /** Removes the object and every file holding its UID; missing files are fine. */
  delete(uid: string): Promise<void> {
    return this.queue.run(uid, async () => {
      const files = [this.items.get(uid)?.file, ...(this.shadows.get(uid) ?? [])].filter((f): f is string => !!f);
      for (const file of files) {
        const target = path.join(this.dir, file);
        try {
          await rm(target, { force: true });
        } catch (e) {
          throw ioError('delete', target, e);
        }
        this.names.release(file);
      }
      if (files.length && this.fsync) await fsyncDir(this.dir);
      this.forget(uid);
      this.shadows.delete(uid);
    });
  }

  private load(raw: RawFile): void {
    this.names.claim(raw.name);
    const text = decodeUtf8(raw.bytes);
    if (text === null) return this.report(raw.name, 'is not UTF-8 text', true);
    const scan = scanIcs(text);
    if (scan.error) return this.report(raw.name, `is not a usable iCalendar object: ${scan.error}`, true);
    const [uid, ...more] = scan.uids;
    if (uid === undefined) return this.report(raw.name, 'has no UID', true);
    if (more.length) {
      return this.report(
        raw.name,
        `holds ${scan.uids.length} UIDs (${scan.uids.join(', ')}); a calendar folder needs one per file; left as it is`,
      );
    }
    const first = this.items.get(uid);
    if (first) {
      this.shadows.set(uid, [...(this.shadows.get(uid) ?? []), raw.name]);
      return this.report(raw.name, `holds UID ${uid}, which ${first.file} also holds; ${first.file} is used`);
    }
    this.setItem(uid, { file: raw.name, text: null, parsed: null, addresses: scan.addresses });
  }

  private setItem(uid: string, item: Item): void {
    this.forget(uid);
    const addresses = item.addresses.map((a) => {
      const known = this.addressCount.get(a);
      if (!known) {
        this.addressCount.set(a, { address: a, count: 1 });
        return a;
      }
      known.count++;
      return known.address;
    });
    this.items.set(uid, { ...item, addresses });
  }

  /** Drops the UID from the index and its addresses from the counts (the file stays). */
  private forget(uid: string): void {
    const old = this.items.get(uid);
    if (!old) return;
    this.items.delete(uid);
    for (const a of old.addresses) {
      const known = this.addressCount.get(a);
      if (known && --known.count <= 0) this.addressCount.delete(a);
    }
  }

  private report(file: string, message: string, unusable = false): void {
    this.problemList.push({
      file: path.join(this.dir, file),
      message: `${file} ${message}`,
      ...(unusable ? { unusable } : {}),
    });
  }
}

function prepare(
  uid: string,
  input: ICAL.Component | string,
): { text: string; copy: ICAL.Component | null; addresses: readonly string[] } {
  if (typeof input === 'string' && !/^METHOD[;:]/im.test(input))
    return { text: input, copy: null, addresses: checkedAddresses(uid, input) };
  const vcalendar = typeof input === 'string' ? new ICAL.Component(parseIcs(input) as unknown[]) : input;
  if (!vcalendar || typeof vcalendar !== 'object' || vcalendar.name !== 'vcalendar') {
    throw new CalendarPutError('CALENDAR_NOT_VCALENDAR', `put(${JSON.stringify(uid)}): expected a VCALENDAR component`);
  }
  const copy = cloneComponent(vcalendar);
  copy.removeAllProperties('method');
  const text = serializeCalendar(copy);
  return { text, copy, addresses: checkedAddresses(uid, text) };
}

/** Checks the text exactly as the next start will read it, so every write can be loaded again under this UID. */
function checkedAddresses(uid: string, text: string): readonly string[] {
  const scan = scanIcs(text);
  if (scan.error || scan.uids.length !== 1 || scan.uids[0] !== uid) {
    const found = scan.error ?? `it holds UIDs [${scan.uids.join(', ')}]`;
    throw new CalendarPutError(
      'CALENDAR_UID_MISMATCH',
      `put(${JSON.stringify(uid)}): the calendar cannot be stored under this UID: ${found}`,
    );
  }
  return scan.addresses;
}
