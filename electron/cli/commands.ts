/**
 * The `imip-companion` commands: process, pending, decide, respond, import, events, export.
 * Each command prints one line per item (JSON with --json) and returns; only a command that cannot run at all
 * (bad arguments, unusable data dir) ends with a non-zero exit status.
 */
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Choice, Policy } from '../../shared/model/decisions.js';
import { CHOICES, POLICIES } from '../../shared/model/domain.js';
import { parseTimeframe } from '../../shared/util/duration.js';
import { exportCalendar, occurrencesIn, splitByUid } from '../../shared/calendar/queries.js';
import { english } from '../../shared/i18n/index.js';
import { completeTimezones } from '../../shared/ical/zones.js';
import { parseIcs } from '../../shared/ical/parse.js';
import type { DataDir } from '../store/dataDir.js';
import { failedMailRecord, Orchestrator, type ProcessRecord } from '../scheduling/orchestrator.js';
import { openCompanionStore } from '../companion/openCompanionStore.js';
import type { CalendarBackend } from '../caldav/calendarBackend.js';
import type { DavAccounts } from '../caldav/davAccounts.js';
import type { SharedDataDir } from '../store/sharedDataDir.js';
import { DEFAULT_POLICY, DEFAULT_TIMEFRAME, type FileSettings } from '../settings/schedulingSettings.js';
import { rememberedDavConfig } from '../settings/davConfigFile.js';
import { FolderSink, outboxOptionsOf } from '../scheduling/outbox.js';
import { undoably, undoFields } from './undoable.js';
import { parseCommand, stringOpt, UsageError, type GlobalOptions } from './args.js';
import { Output, reasonFields, sentences } from './output.js';
import { textMessage } from '../../shared/model/storedMessage.js';
import { decodeCalendarBytes } from '../mail/calendarBytes.js';
import { readLimited } from '../fsio/readLimited.js';
import { MailReaders } from '../mail/mailReaders.js';
import { readMailFile, readMailFrom, type FileRead } from '../mail/readMailFile.js';
import { runWriteBatch } from '../fsio/writeBatch.js';
import { MAX_MAIL_BYTES } from '../mail/readImipMail.js';
import { mailError } from '../mail/mailErrors.js';
import { listQuarantine, repairText, type QuarantinedFile } from '../store/quarantine.js';

/**
 * One message from standard input (`process -`, for an MTA's pipe), the size limit applied while it is read: a
 * larger stream is stopped one chunk past the limit. (A file is read by readMailFile: refused by its size.)
 */
function readStandardInput(): Promise<FileRead> {
  return readMailFrom(() => readLimited(process.stdin, MAX_MAIL_BYTES));
}

/** A message over the size limit, refused unread. */
function tooLargeRecord(read: { size: number; exact: boolean }): ProcessRecord {
  const size = read.exact ? `${read.size} bytes` : `more than ${MAX_MAIL_BYTES} bytes`;
  const error = mailError('MAIL_TOO_LARGE', `${size}, the limit is ${MAX_MAIL_BYTES}.`);
  return failedMailRecord(textMessage(error.message), error.code);
}

/**
 * Every command opens the data dir through the composition's first half (no app service, no agent). Writes (and `--me`, which is remembered)
 * run under the data dir's lock, so a running `watch` agent (or the app) reloads what this command changed instead
 * of overwriting it. A writing command also gets the calendar server of `--config` (or of the configuration the
 * data dir remembers): its changes go through the same CalDAV writer the agent uses, not only into the vdir.
 */
export async function withData<T>(
  g: GlobalOptions,
  fn: (data: DataDir, calendar: CalendarBackend | null) => Promise<T>,
  opts: { write: boolean } = { write: true },
  out?: Output,
): Promise<T> {
  const store = await openCompanionStore({
    dataDir: g.dataDir,
    config: opts.write && g.config !== null ? { settings: await fileSettings(g.config) } : null,
    ...(out ? { log: (l: string) => out.log(l) } : {}),
  });
  if (g.me.length) await store.run((data) => data.addMe(g.me));
  const dav = opts.write ? await openCalendar(store, g, out) : null;
  try {
    return await store.run(async (data) => {
      if (out) reportProblems(data, store.takeRepairs(), out);
      return fn(data, dav?.calendar ?? null);
    }, opts);
  } finally {
    await dav?.close();
  }
}

/**
 * The configuration file's settings for a writing command: applied to the data dir as `watch` applies them at its
 * start, so what the command writes (a reply's language, the policy of `process`) is what the agent would do.
 */
async function fileSettings(file: string): Promise<FileSettings> {
  const { loadFileSettings, ConfigError } = await import('../settings/agentConfig.js');
  try {
    return await loadFileSettings(file);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}

async function openCalendar(store: SharedDataDir, g: GlobalOptions, out?: Output): Promise<DavAccounts | null> {
  // Without a configuration file there is no calendar server: the DAV client and the configuration's schema (zod)
  // are not loaded at all, which is most of what a command would otherwise spend starting.
  if (g.config === null && !rememberedDavConfig(store.current.config())) return null;
  const [{ openCompanionCalendar }, { DavConfigError }] = await Promise.all([
    import('../companion/openCompanionCalendar.js'),
    import('../caldav/davAccountConfig.js'),
  ]);
  const log = (l: string): void => (out ? out.log(l) : undefined);
  try {
    return await openCompanionCalendar(store, { configFile: g.config, log });
  } catch (e) {
    if (e instanceof DavConfigError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * Corrupt or unreadable files are never passed over in silence: a writer has moved them aside to quarantine/ first
 * (SharedDataDir: so they are neither overwritten nor joined by a second file for the same UID), a decision among
 * them derived again from its message, and every command says so on stderr and, with --json, in a warning line.
 */
function reportProblems(data: DataDir, moved: readonly QuarantinedFile[], out: Output): void {
  const lines = [
    ...moved.map((m) => ({
      code: m.rebuiltAs ? 'DECISION_REBUILT' : 'FILE_QUARANTINED',
      file: m.file,
      movedTo: m.movedTo,
      ...(m.rebuiltAs?.length === 1 ? { pendingId: m.rebuiltAs[0] } : {}),
      ...(m.rebuiltAs && m.rebuiltAs.length > 1 ? { pendingIds: m.rebuiltAs } : {}),
      message: repairText(m),
    })),
    ...data
      .problems()
      .map((p) => ({ code: p.unusable ? 'FILE_UNUSABLE' : 'FILE_NOT_USED', file: p.file, message: p.message })),
  ];
  for (const l of lines) {
    out.log(`warning: ${l.message}`);
    if (out.json) out.item({ warning: l.message, ...l }, () => '');
  }
}

/** `check`: every problem of the data dir, including what was moved to quarantine/ earlier. */
export async function cmdCheck(argv: string[], out: Output): Promise<number> {
  const { global: g } = parseCommand(argv, {});
  return readData(g, async (data) => {
    const rows = [
      ...data
        .problems()
        .map((p) => ({ code: p.unusable ? 'FILE_UNUSABLE' : 'FILE_NOT_USED', file: p.file, message: p.message })),
      ...(await listQuarantine(data.root)).map((p) => ({ code: 'FILE_QUARANTINED', file: p.file, message: p.message })),
    ];
    for (const r of rows) out.item(r, (d) => `${String(d.code)}: ${String(d.message)}`);
    if (!out.json) out.log(rows.length ? `${rows.length} problem(s) in ${data.root}` : `No problems in ${data.root}`);
    return 0;
  });
}

/** Read-only commands: the stores as they are on disk now. */
function readData<T>(g: GlobalOptions, fn: (data: DataDir) => Promise<T>, out?: Output): Promise<T> {
  return withData(g, fn, { write: false }, out);
}

function clock(g: GlobalOptions): () => number {
  return g.now === null ? () => Date.now() : () => g.now as number;
}

export function orchestrator(
  data: DataDir,
  g: GlobalOptions,
  values: Record<string, unknown>,
  defaultOutbox: string,
  calendar: CalendarBackend | null = null,
): Orchestrator {
  const cfg = data.config();
  const policyText = stringOpt(values, 'policy') ?? (typeof cfg.policy === 'string' ? cfg.policy : DEFAULT_POLICY);
  if (!POLICIES.includes(policyText as Policy))
    throw new UsageError(`--policy must be always, known or never (got "${policyText}").`);
  const tf = parseTimeframe(
    stringOpt(values, 'timeframe') ?? (typeof cfg.timeframe === 'string' ? cfg.timeframe : DEFAULT_TIMEFRAME),
  );
  if (!tf.ok) throw new UsageError(tf.error.message);
  const outbox = path.resolve(stringOpt(values, 'outbox') ?? defaultOutbox);
  return new Orchestrator(data, {
    policy: policyText as Policy,
    timeframeMs: tf.value,
    now: clock(g),
    sink: new FolderSink(outbox, outboxOptionsOf(cfg)),
    calendar,
  });
}

export function human(d: Record<string, unknown>): string {
  const head = [d.file, d.kind, d.outcome].filter(Boolean).join(' · ');
  const pend = d.pendingId ? ` [decide with: imip-companion decide ${String(d.pendingId)} <choice>]` : '';
  return `${head}: ${String(d.reason ?? '')}${pend}${warningLines(d.warnings)}`;
}

/** Warnings under the line they belong to, one each, indented: a reason that says "see the warnings" has them. */
function warningLines(warnings: unknown): string {
  return Array.isArray(warnings) ? warnings.map((w) => `\n  warning: ${String(w)}`).join('') : '';
}

export function recordLine(r: ProcessRecord): Record<string, unknown> {
  return {
    messageId: r.messageId,
    method: r.method,
    uid: r.uid,
    recurrenceId: r.recurrenceId,
    sequence: r.sequence,
    kind: r.kind,
    outcome: r.outcome,
    ...reasonFields(r.reason),
    pendingId: r.pendingId,
    warnings: sentences(r.warnings),
    outgoing: r.outgoing,
    ...(r.errorCode ? { errorCode: r.errorCode } : {}),
  };
}

/**
 * Mails per write batch of `process` (electron/fsio/writeBatch.ts): their writes are synced together, once, and
 * their lines printed after that, so a printed line still means "on disk". Bounded so that a long run keeps
 * confirming as it goes and a power cut loses at most the unconfirmed work of the batch being flushed and the one
 * being applied beside it, which a second run redoes.
 */
const PROCESS_BATCH = 256;

export async function cmdProcess(argv: string[], out: Output): Promise<number> {
  const {
    global: g,
    values,
    positionals,
  } = parseCommand(argv, { policy: { type: 'string' }, timeframe: { type: 'string' }, outbox: { type: 'string' } });
  if (positionals.length === 0) throw new UsageError('process needs at least one .eml file.');
  return withData(
    g,
    async (data, calendar) => {
      const orch = orchestrator(data, g, values, path.join(g.dataDir, 'outbox'), calendar);
      if (orch.me().length === 0)
        out.log('warning: no --me address is known yet; invitations cannot be matched to you.');
      const readers = positionals.length >= THREADED_FROM ? new MailReaders() : null;
      try {
        // Each batch's lines are printed once its flush is done; the next batch is read and applied meanwhile.
        let previous: { value: Record<string, unknown>[]; flushed: Promise<void> } | null = null;
        for (let i = 0; i < positionals.length; i += PROCESS_BATCH) {
          const files = positionals.slice(i, i + PROCESS_BATCH);
          const batch = await runWriteBatch(() => processFiles(orch, files, readers));
          if (previous) await report(previous, out);
          previous = batch;
        }
        if (previous) await report(previous, out);
      } finally {
        await readers?.close();
      }
      return 0;
    },
    undefined,
    out,
  );
}

/** Prints a batch's lines once what they report is on disk. */
async function report(
  batch: { value: readonly Record<string, unknown>[]; flushed: Promise<void> },
  out: Output,
): Promise<void> {
  await batch.flushed;
  for (const line of batch.value) out.item(line, human);
}

/**
 * From this many mails on, `process` reads them on a thread of its own (electron/mail/mailReaders.ts) while it
 * applies the ones before; for fewer, starting the thread costs more than it saves.
 */
const THREADED_FROM = 16;
/** Mails read ahead of the one being applied, and their bytes at most (at least one mail is always read). */
const READ_AHEAD = 16;
const READ_AHEAD_BYTES = 32 * 1024 * 1024;

/** A mail being read ahead of the one applied: `size` counts towards the read-ahead's bytes. */
interface Ahead {
  readonly file: string;
  readonly size: number;
  readonly answer: Promise<FileRead>;
}

/**
 * With the reader thread, the thread opens and reads the file itself (this thread only asks for its size, for the
 * read-ahead's bound); without it, or for standard input, the mail is read here.
 */
function readAhead(file: string, readers: MailReaders | null): Ahead {
  if (file === '-') return { file, size: 0, answer: readStandardInput() };
  if (!readers) return { file, size: 0, answer: readMailFile(file, MAX_MAIL_BYTES) };
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    // The read says why it cannot be read.
  }
  return { file, size, answer: readers.readFile(file, MAX_MAIL_BYTES) };
}

/** One output line per mail (per UID for a PUBLISH of several events); a mail that fails never stops the others. */
async function processFiles(
  orch: Orchestrator,
  files: readonly string[],
  readers: MailReaders | null,
): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  const ahead: Ahead[] = [];
  let next = 0;
  let bytes = 0;
  const window = readers ? READ_AHEAD : 1;
  const fill = (): void => {
    while (next < files.length && ahead.length < window && (ahead.length === 0 || bytes < READ_AHEAD_BYTES)) {
      const a = readAhead(files[next++] as string, readers);
      // Awaited in its turn; until then a failure must not count as unhandled.
      a.answer.catch(() => undefined);
      bytes += a.size;
      ahead.push(a);
    }
  };
  for (fill(); ahead.length > 0; fill()) {
    const a = ahead.shift() as Ahead;
    bytes -= a.size;
    let r: ProcessRecord;
    try {
      const got = await a.answer;
      if (got.kind === 'unreadable') {
        lines.push({
          file: a.file,
          ...recordLine(failedMailRecord(textMessage(`Cannot read ${a.file}: ${got.message}`))),
        });
        continue;
      }
      r = got.kind === 'tooLarge' ? tooLargeRecord(got) : await orch.processRead(got.read);
    } catch (e) {
      r = failedMailRecord(textMessage(`Processing failed: ${(e as Error).message}`));
    }
    for (const part of r.parts ?? [r]) lines.push({ file: a.file, ...recordLine(part) });
  }
  return lines;
}

export async function cmdPending(argv: string[], out: Output): Promise<number> {
  const { global: g } = parseCommand(argv, {});
  const list = await readData(g, async (data) => data.pending.list(), out);
  for (const p of list) {
    out.item(
      {
        id: p.id,
        kind: p.kind,
        uid: p.uid,
        recurrenceId: p.recurrenceId,
        summary: p.summary,
        choices: p.choices,
        ...reasonFields(p.reason),
        warnings: sentences(p.warnings),
        from: p.from,
        identity: p.identity,
        attendee: p.attendee,
        createdAt: p.createdAt,
        proposed: p.proposed,
        current: p.current,
        comment: p.comment,
      },
      (d) =>
        `${String(d.id)} ${String(d.kind)} "${String(d.summary)}": ${String(d.reason)}` +
        (d.comment ? ` Their comment: "${String(d.comment)}"` : '') +
        ` Choices: ${(d.choices as string[]).join(', ')}` +
        warningLines(d.warnings),
    );
  }
  if (!out.json && list.length === 0) out.text('No open decisions.');
  return 0;
}

export async function cmdDecide(argv: string[], out: Output): Promise<number> {
  const {
    global: g,
    values,
    positionals,
  } = parseCommand(argv, {
    comment: { type: 'string' },
    outbox: { type: 'string' },
    policy: { type: 'string' },
    timeframe: { type: 'string' },
  });
  const [id, choice] = positionals;
  if (!id || !choice) throw new UsageError('decide needs an id and a choice, e.g. decide 3f2a9c accept.');
  if (!(CHOICES as readonly string[]).includes(choice))
    throw new UsageError(`Unknown choice "${choice}"; choices are ${CHOICES.join(', ')}.`);
  const r = await withData(
    g,
    (data, calendar) => {
      const pending = data.pending.get(id);
      const decide = () =>
        orchestrator(data, g, values, path.join(g.dataDir, 'outbox'), calendar).decide(
          id,
          choice as Choice,
          stringOpt(values, 'comment'),
        );
      if (!pending) return decide().then((rec) => ({ ...rec, undo: null }));
      return undoably(data, g, values, { uid: pending.uid, action: choice, kind: pending.kind, pendingId: id }, decide);
    },
    undefined,
    out,
  );
  out.item({ id, choice, ...recordLine(r), ...undoFields(r.undo) }, human);
  return 0;
}

const STATUSES: Record<string, 'ACCEPTED' | 'TENTATIVE' | 'DECLINED'> = {
  accepted: 'ACCEPTED',
  tentative: 'TENTATIVE',
  declined: 'DECLINED',
  accept: 'ACCEPTED',
  decline: 'DECLINED',
};

export async function cmdRespond(argv: string[], out: Output): Promise<number> {
  const { global: g, values } = parseCommand(argv, {
    uid: { type: 'string' },
    'recurrence-id': { type: 'string' },
    status: { type: 'string' },
    comment: { type: 'string' },
    outbox: { type: 'string' },
    'no-reply': { type: 'boolean' },
  });
  const uid = stringOpt(values, 'uid');
  const status = STATUSES[(stringOpt(values, 'status') ?? '').toLowerCase()];
  if (!uid) throw new UsageError('respond needs --uid UID.');
  if (!status) throw new UsageError('respond needs --status accepted|tentative|declined.');
  const ridText = stringOpt(values, 'recurrence-id');
  const rid = ridText ? parseRecurrenceId(ridText) : null;
  const noReply = values['no-reply'] === true;
  const r = await withData(
    g,
    (data, calendar) =>
      undoably(data, g, values, { uid, action: status.toLowerCase(), kind: 'reply' }, () =>
        orchestrator(data, g, values, path.join(g.dataDir, 'outbox'), calendar).respond(
          uid,
          rid,
          status,
          stringOpt(values, 'comment'),
          { send: !noReply },
        ),
      ),
    undefined,
    out,
  );
  out.item({ ...recordLine(r), ...undoFields(r.undo) }, human);
  return 0;
}

/** Accepts ISO 8601 (`2026-03-10T09:00:00Z`, with offset, or a date) and iCalendar forms (`20260310T090000Z`). */
export function parseRecurrenceId(text: string): ICAL.Time {
  const t = text.trim();
  const basicDate = /^(\d{4})(\d{2})(\d{2})$/.exec(t) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (basicDate)
    return ICAL.Time.fromData({
      year: Number(basicDate[1]),
      month: Number(basicDate[2]),
      day: Number(basicDate[3]),
      isDate: true,
    });
  const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(t);
  const iso = basic ? `${basic[1]}-${basic[2]}-${basic[3]}T${basic[4]}:${basic[5]}:${basic[6]}${basic[7] || 'Z'}` : t;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms))
    throw new UsageError(`--recurrence-id must be a date or date-time, like 2026-03-10T09:00:00Z (got "${text}").`);
  return ICAL.Time.fromJSDate(new Date(ms), true);
}

export async function cmdImport(argv: string[], out: Output): Promise<number> {
  const { global: g, positionals } = parseCommand(argv, {});
  if (positionals.length === 0) throw new UsageError('import needs at least one .ics or .vcf file.');
  return withData(
    g,
    async (data, calendar) => {
      for (const file of positionals) {
        let text: string;
        try {
          // Decoded as calendar parts from mail are: octet folds joined, declared-less Latin-1 recognised.
          text = decodeCalendarBytes(await fs.readFile(file), null);
        } catch (e) {
          out.item({ file, type: 'error', ok: false, reason: `Cannot read ${file}: ${(e as Error).message}` }, (d) =>
            String(d.reason),
          );
          continue;
        }
        if (/\.vcf$/i.test(file) || /^\s*BEGIN:VCARD/i.test(text)) await importContacts(data, file, text, out);
        else await importEvents(data, calendar, file, text, out);
      }
      return 0;
    },
    undefined,
    out,
  );
}

async function importContacts(data: DataDir, file: string, text: string, out: Output): Promise<void> {
  const r = await data.contacts.importVcf(text);
  if (!r.ok) {
    out.item({ file, type: 'contact', ok: false, reason: r.error.message }, (d) => `${file}: ${String(d.reason)}`);
    return;
  }
  for (const c of r.value)
    out.item(
      { file, type: 'contact', ok: true, uid: c.uid, name: c.name, emails: c.emails },
      (d) => `contact ${String(d.name ?? d.uid)} <${(d.emails as string[]).join(', ')}>`,
    );
}

async function importEvents(
  data: DataDir,
  calendar: CalendarBackend | null,
  file: string,
  text: string,
  out: Output,
): Promise<void> {
  let cal: ICAL.Component;
  try {
    cal = new ICAL.Component(parseIcs(text) as unknown[]);
    if (cal.name !== 'vcalendar') throw new Error('no VCALENDAR');
  } catch (e) {
    out.item(
      { file, type: 'event', ok: false, reason: `Not valid iCalendar: ${(e as Error).message}` },
      (d) => `${file}: ${String(d.reason)}`,
    );
    return;
  }
  completeTimezones(cal);
  const parts = splitByUid(cal);
  if (parts.size === 0)
    out.item(
      { file, type: 'event', ok: false, reason: 'The file contains no event with a UID.' },
      (d) => `${file}: ${String(d.reason)}`,
    );
  for (const [uid, part] of parts) {
    // "As they are": no engine runs, so there is no re-apply; a copy changed on the server meanwhile is kept there
    // and ours is set aside (state "conflict"), never written over it.
    const written = calendar ? await calendar.apply(uid, { type: 'put', calendar: part }) : null;
    if (!calendar) await data.calendar.put(uid, part);
    const summary = part.getFirstSubcomponent('vevent')?.getFirstPropertyValue('summary');
    out.item(
      {
        file,
        type: 'event',
        ok: true,
        uid,
        summary: typeof summary === 'string' ? summary : null,
        path: data.calendar.fileOf(uid),
        ...(written ? { server: written.state, ...(written.message ? { warnings: [written.message] } : {}) } : {}),
      },
      (d) => `event ${String(d.uid)} "${String(d.summary ?? '')}" imported`,
    );
  }
}

export async function cmdEvents(argv: string[], out: Output): Promise<number> {
  const { global: g, values } = parseCommand(argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    'include-cancelled': { type: 'boolean' },
  });
  const from = Date.parse(stringOpt(values, 'from') ?? '');
  const to = Date.parse(stringOpt(values, 'to') ?? '');
  if (!Number.isFinite(from) || !Number.isFinite(to))
    throw new UsageError('events needs --from ISO and --to ISO, e.g. --from 2026-03-01 --to 2026-04-01.');
  if (to <= from) throw new UsageError('--to must be after --from.');
  const list = await readData(
    g,
    async (data) =>
      occurrencesIn(data.calendar.entries(), from, to, data.config().me, {
        includeCancelled: values['include-cancelled'] === true,
      }),
    out,
  );
  for (const w of list.warnings) out.log(`warning: ${english.render(w)}`);
  for (const o of list.occurrences) {
    out.item(
      {
        uid: o.uid,
        recurrenceId: o.recurrenceId,
        start: o.start,
        end: o.end,
        allDay: o.allDay,
        summary: o.summary,
        status: o.status,
        partstat: o.partstat,
        location: o.location,
        organizer: o.organizer,
        joinUrl: o.joinUrl,
      },
      (d) =>
        `${String(d.start)} – ${String(d.end)}  ${String(d.summary)}` +
        // A cancelled occurrence (--include-cancelled) says so: my answer to it no longer means anything.
        (d.status === 'CANCELLED' ? ' [cancelled]' : d.partstat ? ` (${String(d.partstat).toLowerCase()})` : ''),
    );
  }
  return 0;
}

export async function cmdExport(argv: string[], out: Output): Promise<number> {
  const { global: g } = parseCommand(argv, {});
  const text = await readData(g, async (data) => exportCalendar(data.calendar.entries()), out);
  out.text(text.replace(/\r\n$/, ''));
  return 0;
}
