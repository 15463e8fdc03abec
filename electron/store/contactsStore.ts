/**
 * The person's contacts: a vdir folder of .vcf files, one vCard each. Owns: importing .vcf exports (many cards,
 * vCard 3.0 and 4.0), replacing a re-imported card instead of duplicating it, and the set of e-mail addresses the
 * "known sender" policy checks against (an exact, normalised address match).
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { normalizeAddress } from '../../shared/util/address.js';
import { err, ok, type Result } from '../../shared/util/result.js';
import { writeFileAtomic } from '../fsio/atomicWrite.js';
import { NameRegistry } from './fileNames.js';
import { decodeUtf8, ioError, readFolder, type RawFile, type StoreOptions, type StoreProblem } from './storeFiles.js';
import { derivedUid, readCard, splitCards, withUid } from './vcardText.js';

export interface ContactSummary {
  readonly uid: string;
  readonly name: string | null;
  readonly emails: string[];
}

interface Item {
  readonly file: string;
  readonly name: string | null;
  readonly emails: readonly string[];
}

export class ContactsStore {
  private readonly items = new Map<string, Item>();
  private readonly names = new NameRegistry();
  private readonly addressCount = new Map<string, number>();
  private readonly problemList: StoreProblem[] = [];
  /** Imports run one after another, so two imports of one card cannot race for its file. */
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly fsync: boolean,
  ) {}

  static async open(dir: string, opts: StoreOptions = {}): Promise<ContactsStore> {
    try {
      await mkdir(dir, { recursive: true });
    } catch (e) {
      throw ioError('create the folder', dir, e);
    }
    const store = new ContactsStore(dir, opts.fsync ?? true);
    for (const file of await readFolder(dir, '.vcf')) store.load(file);
    return store;
  }

  get problems(): readonly StoreProblem[] {
    return this.problemList;
  }

  get size(): number {
    return this.items.size;
  }

  /** Whether any contact has exactly this e-mail address (after normalisation). */
  has(address: string): boolean {
    const n = normalizeAddress(address);
    return n !== '' && (this.addressCount.get(n) ?? 0) > 0;
  }

  /** Every contact, sorted by name (or first address) for listings. */
  list(): ContactSummary[] {
    const out = [...this.items].map(([uid, item]) => ({ uid, name: item.name, emails: [...item.emails] }));
    const key = (c: ContactSummary): string => (c.name ?? c.emails[0] ?? c.uid).toLowerCase();
    return out.sort((a, b) => key(a).localeCompare(key(b)) || (a.uid < b.uid ? -1 : 1));
  }

  /**
   * Imports every card of a .vcf text. All cards are checked before anything is written, so malformed input
   * (VCARD_PARSE) changes nothing. A card whose UID is already stored replaces that file; a card without a UID
   * gets one derived from its content and written into it. I/O failures reject with the path in the message.
   */
  importVcf(text: string): Promise<Result<ContactSummary[]>> {
    const run = this.chain.then(() => this.importNow(text));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async importNow(text: string): Promise<Result<ContactSummary[]>> {
    const split = splitCards(text);
    if (!split.ok) return split;
    const cards = new Map<string, { text: string; name: string | null; emails: readonly string[] }>();
    for (const [i, slice] of split.value.entries()) {
      const read = readCard(slice.text);
      if (!read.ok)
        return err({ code: 'VCARD_PARSE', message: `vCard ${i + 1} (line ${slice.line}): ${read.error.message}` });
      const uid = read.value.uid ?? derivedUid(read.value.canonical);
      // The same UID twice in one file: the later card wins, as a re-import would.
      cards.delete(uid);
      cards.set(uid, {
        text: read.value.uid ? slice.text : withUid(slice.text, uid),
        name: read.value.name,
        emails: read.value.emails,
      });
    }
    const imported: ContactSummary[] = [];
    for (const [uid, card] of cards) {
      const current = this.items.get(uid)?.file;
      const file = current ?? this.names.pick(uid, '.vcf');
      try {
        await writeFileAtomic(path.join(this.dir, file), card.text, { fsync: this.fsync });
      } catch (e) {
        if (!current) this.names.release(file);
        throw e;
      }
      this.setItem(uid, { file, name: card.name, emails: card.emails });
      imported.push({ uid, name: card.name, emails: [...card.emails] });
    }
    return ok(imported);
  }

  /** Removes a contact's file (a card deleted on a CardDAV server); an unknown UID is fine. */
  remove(uid: string): Promise<void> {
    const run = this.chain.then(async () => {
      const item = this.items.get(uid);
      if (!item) return;
      const target = path.join(this.dir, item.file);
      try {
        await rm(target, { force: true });
      } catch (e) {
        throw ioError('delete', target, e);
      }
      this.names.release(item.file);
      for (const a of item.emails) {
        const n = (this.addressCount.get(a) ?? 0) - 1;
        if (n > 0) this.addressCount.set(a, n);
        else this.addressCount.delete(a);
      }
      this.items.delete(uid);
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private load(raw: RawFile): void {
    this.names.claim(raw.name);
    const text = decodeUtf8(raw.bytes);
    if (text === null) return this.report(raw.name, 'is not UTF-8 text; left as it is');
    const split = splitCards(text);
    if (!split.ok) return this.report(raw.name, `is not a usable vCard: ${split.error.message}; left as it is`);
    const [slice, ...more] = split.value;
    if (!slice || more.length) {
      return this.report(
        raw.name,
        `holds ${split.value.length} vCards; a contacts folder holds one per file (import the file instead); left as it is`,
      );
    }
    const read = readCard(slice.text);
    if (!read.ok) return this.report(raw.name, `is not a usable vCard: ${read.error.message}; left as it is`);
    const uid = read.value.uid ?? derivedUid(read.value.canonical);
    const first = this.items.get(uid);
    if (first) return this.report(raw.name, `holds UID ${uid}, which ${first.file} also holds; ${first.file} is used`);
    this.setItem(uid, { file: raw.name, name: read.value.name, emails: read.value.emails });
  }

  private setItem(uid: string, item: Item): void {
    const old = this.items.get(uid);
    for (const a of old?.emails ?? []) {
      const n = (this.addressCount.get(a) ?? 0) - 1;
      if (n > 0) this.addressCount.set(a, n);
      else this.addressCount.delete(a);
    }
    this.items.set(uid, item);
    for (const a of item.emails) this.addressCount.set(a, (this.addressCount.get(a) ?? 0) + 1);
  }

  private report(file: string, message: string): void {
    this.problemList.push({ file: path.join(this.dir, file), message: `${file} ${message}` });
  }
}
