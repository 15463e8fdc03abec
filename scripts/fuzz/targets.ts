/**
 * What each target runs and what must hold afterwards (the oracle). A property that fails throws a
 * `Violation`; any other exception escaping the product code is itself the finding (errors must be values).
 *
 * - mail: readImipMail resolves (never rejects) with a Result.
 * - ics: parseIcs returns jCal or throws ical.js' ParserError (its documented contract); parsed input serializes
 *   to text without raw control characters that parses again; bounded expansion of it never throws.
 * - itip: parseItip returns a Result; a valid message goes through processItip against an empty calendar and
 *   what it would store serializes and parses again.
 * - process: Orchestrator.processMail on a data dir in a temp folder resolves; the same mail a second time
 *   changes nothing (no write, append or delete reaches the file-operation seam, no folder of the data dir
 *   changes); at the end of each batch every stored file loads without problems and parses.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { parseIcs } from '../../shared/ical/parse.js';
import { serializeCalendar } from '../../shared/ical/serialize.js';
import { expandSeries } from '../../shared/ical/recurrence.js';
import { parseItip, processItip, type EngineContext } from '../../shared/itip/index.js';
import { readImipMail } from '../../electron/mail/readImipMail.js';
import { DataDir } from '../../electron/store/dataDir.js';
import { scanIcs } from '../../electron/store/icsScan.js';
import { Orchestrator } from '../../electron/scheduling/orchestrator.js';
import { FolderSink } from '../../electron/scheduling/outbox.js';
import { setFileFaultHook, type FileOperation } from '../../electron/fsio/fileFaults.js';
import type { FuzzInput } from './inputs.js';

export class Violation extends Error {
  override readonly name = 'Violation';
}

/** RFC 5545 §3.1: no CTL in a content line but HTAB; CR and LF only as line ends. */
const RAW_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const NOW = Date.UTC(2026, 5, 16, 12);
const ParserError = (ICAL.parse as unknown as { ParserError: new (m: string) => Error }).ParserError;

function check(ok: boolean, what: string): void {
  if (!ok) throw new Violation(what);
}

function noRawControl(text: string, where: string): void {
  const m = RAW_CONTROL.exec(text);
  check(
    m === null,
    `${where} contains the raw control character U+${(m?.[0].charCodeAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** Serializes a VCALENDAR and parses the text again: what a writer produces must be readable. */
function roundTrip(comp: ICAL.Component, where: string): void {
  roundTripText(serializeCalendar(comp), where);
}

function roundTripText(text: string, where: string): void {
  noRawControl(text, where);
  try {
    parseIcs(text);
  } catch (e) {
    throw new Violation(`${where} does not parse again: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function runIcs(text: string): void {
  let jcal: unknown;
  try {
    jcal = parseIcs(text);
  } catch (e) {
    // parseIcs throws as ICAL.parse does (its contract; every caller catches): a ParserError, or an error raised
    // by one of ical.js' value decoders (RRULE parts, integers). A failure in our own code is a finding.
    if (e instanceof ParserError || (e instanceof Error && e.constructor === Error && raisedByIcalJs(e))) return;
    throw e;
  }
  const first = Array.isArray(jcal) && typeof jcal[0] === 'string' ? jcal : Array.isArray(jcal) ? jcal[0] : null;
  if (!Array.isArray(first) || first[0] !== 'vcalendar') return;
  const comp = new ICAL.Component(first as unknown[]);
  roundTrip(comp, 'the serialized calendar');
  expandSeries(comp, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1), { maxIterations: 20_000 });
}

function raisedByIcalJs(e: Error): boolean {
  const frame = (e.stack ?? '').split('\n').find((l) => l.trimStart().startsWith('at '));
  return frame !== undefined && /node_modules[/\\]ical\.js/.test(frame);
}

function context(me: readonly string[]): EngineContext {
  return {
    me,
    now: NOW,
    policy: 'always',
    timeframeMs: 365 * 86_400_000,
    isKnownAddress: () => true,
    busyPeriods: () => [],
    cancelledVersion: () => null,
  };
}

export function runItip(text: string, headerMethod: string | null, me: readonly string[]): void {
  const parsed = parseItip(text, headerMethod);
  if (!parsed.ok) return;
  const envelope = {
    messageId: '<x@fuzz>',
    from: { address: 'organizer@example.org' },
    sender: null,
    replyTo: [],
    to: [],
    cc: [],
    subject: '',
    receivedAt: NOW,
    authenticationResults: [],
  };
  const result = processItip({ ics: text, headerMethod, envelope }, () => null, context(me));
  if (result.store?.type === 'put') roundTripText(result.store.ics, 'the calendar the engine would store');
}

export async function runMail(bytes: Buffer): Promise<void> {
  const read = await readImipMail(bytes);
  check(typeof read.ok === 'boolean', 'readImipMail returned no Result');
  if (read.ok)
    for (const p of read.value.calendarParts) check(typeof p.text === 'string', 'a calendar part without text');
}

/**
 * Where the data dirs go: a memory-backed file system where there is one (Linux' /dev/shm is tmpfs, whose fsync
 * returns at once), so the process target runs the product's real file code without waiting for a disk.
 */
export function bedFolder(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
}

/** Loads what the process path loads lazily (the mail composer on the first reply), so no input pays for it. */
export async function warmUp(): Promise<void> {
  await import('../../electron/mail/buildImipMail.js');
}

/** One data dir in a temp folder, used for a batch of inputs, then checked and removed. */
export class ProcessBed {
  readonly root: string;
  #data: DataDir | null = null;
  #orch: Orchestrator | null = null;
  #me: readonly string[];

  constructor(me: readonly string[], folder = bedFolder()) {
    this.#me = me;
    this.root = mkdtempSync(path.join(folder, 'imip-fuzz-'));
  }

  async #open(): Promise<Orchestrator> {
    if (this.#orch) return this.#orch;
    this.#data = await DataDir.open(path.join(this.root, 'data'), { fsync: false });
    await this.#data.addMe([...this.#me]);
    this.#orch = new Orchestrator(this.#data, {
      policy: 'always',
      timeframeMs: 365 * 86_400_000,
      now: () => NOW,
      sink: new FolderSink(path.join(this.root, 'out')),
    });
    return this.#orch;
  }

  async run(bytes: Buffer): Promise<void> {
    const orch = await this.#open();
    const first = await orch.processMail(bytes);
    check(typeof first.outcome === 'string', 'processMail gave no outcome');
    const before = this.#fingerprint();
    // Every atomic write, append and delete of the data dir and the outbox passes the file-operation seam: the
    // second time, none may happen. Operations that bypass it (removing a calendar file) change a folder's mtime.
    const writes: string[] = [];
    const previous = setFileFaultHook((op: FileOperation, target: string) => {
      writes.push(`${op} ${path.relative(this.root, target)}`);
      previous?.(op, target);
    });
    let second;
    try {
      second = await orch.processMail(bytes);
    } finally {
      setFileFaultHook(previous);
    }
    const after = this.#fingerprint();
    check(
      writes.length === 0 && before === after,
      `processing the same mail again changed the data dir (${first.kind}/${first.outcome}, then ${second.kind}/${second.outcome}: ${writes.length > 0 ? writes.slice(0, 3).join(', ') : 'a folder changed'})`,
    );
  }

  /** Directory mtimes: they change on every atomic rename, create and delete in the folder. */
  #fingerprint(): string {
    const data = path.join(this.root, 'data');
    const parts: string[] = [];
    for (const d of ['calendar', 'pending', 'state', 'contacts'])
      parts.push(`${d}:${statSync(path.join(data, d), { bigint: true, throwIfNoEntry: false })?.mtimeNs ?? '-'}`);
    return parts.join(' ');
  }

  /** Every stored file loads in a fresh DataDir without problems, parses, and holds no raw control characters. */
  async verify(): Promise<void> {
    if (!this.#data) return;
    const fresh = await DataDir.open(this.#data.root, { fsync: false });
    const problems = fresh.problems();
    check(
      problems.length === 0,
      `the data dir has unusable files: ${problems
        .map((p) => p.message)
        .join('; ')
        .slice(0, 500)}`,
    );
    const calDir = path.join(this.#data.root, 'calendar');
    for (const f of readdirSync(calDir)) {
      const text = readFileSync(path.join(calDir, f), 'utf8');
      noRawControl(text, `stored ${f}`);
      check(!scanIcs(text).error, `stored ${f} does not scan`);
      parseIcs(text);
    }
    check(RAW_CONTROL.exec(readdirSync(calDir).join('')) === null, 'a calendar file name contains a control character');
    const outDir = path.join(this.root, 'out');
    for (const f of safeList(outDir)) noRawControl(readFileSync(path.join(outDir, f), 'latin1'), `outgoing ${f}`);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
}

export async function runTarget(input: FuzzInput, me: readonly string[], bed: ProcessBed | null): Promise<void> {
  switch (input.target) {
    case 'mail':
      return runMail(input.bytes);
    case 'ics':
      return runIcs(input.bytes.toString('utf8'));
    case 'itip':
      return runItip(input.bytes.toString('utf8'), input.headerMethod, me);
    case 'process':
      if (!bed) throw new Error('the process target needs a ProcessBed');
      return bed.run(input.bytes);
  }
}
