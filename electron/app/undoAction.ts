/**
 * Undo of a person's action (a decision, an answer, a meeting created, changed or cancelled), as mail apps' "undo
 * send": the action's mail is held in the outbox for the grace period (electron/outbox/outboxHold.ts) and what it
 * changed is remembered (undoLog.ts). Undoing withdraws the held mail and puts the event and the open decisions back
 * as they were. Owns the snapshot before an action, the entry written after it, and the undo itself with its coded
 * results: UNDO_TOO_LATE (the mail has gone out, or is going out now), UNDO_NOT_FOUND, UNDO_CHANGED_SINCE (the event
 * changed after the action, e.g. an update arrived: undoing would throw that away).
 *
 * With a calendar server the restored copy (or the deletion of what the action created) goes through the same
 * `CalendarBackend` every other write uses: the cache first, then the server with `If-Match` / `If-None-Match`. On
 * 412 the server's copy is looked at: when it is still what the action wrote (another client's ETag, same event), the
 * earlier copy goes back; when someone else changed the event there meanwhile, their change is kept (an undo never
 * overwrites another person's edit) and the result says so (`server: 'unchanged'`).
 *
 * Callers hold the data dir's lock around each function (SharedDataDir.run), as for every other write.
 */
import ICAL from 'ical.js';
import path from 'node:path';
import type { Message } from '../../shared/i18n/index.js';
import type { PendingDecision } from '../../shared/model/decisions.js';
import type { DataDir } from '../store/dataDir.js';
import { UNDO_CHOICE } from '../store/decisionLog.js';
import type { ProcessRecord } from '../scheduling/orchestrator.js';
import { withdrawHeld } from '../outbox/index.js';
import { listUndo, newUndoId, readUndo, removeUndo, writeUndo, type UndoEntry } from './undoLog.js';
import { undoGraceMsOf } from '../settings/schedulingSettings.js';
import type { CalendarBackend, Reapply, StoreChange, WriteResult } from '../caldav/calendarBackend.js';
import { parseIcs } from '../../shared/ical/parse.js';

export interface UndoSnapshot {
  readonly uid: string;
  readonly calendar: string | null;
  readonly pending: readonly PendingDecision[];
}

/** What the person is told after an undoable action: which undo it is and until when (ISO, wall clock). */
export interface UndoTicket {
  readonly id: string;
  readonly until: string;
  /** How long the grace period is, for a countdown on a clock that may differ from this one. */
  readonly ms: number;
}

export const UNDO_CODES = ['UNDO_TOO_LATE', 'UNDO_NOT_FOUND', 'UNDO_CHANGED_SINCE'] as const;
export type UndoCode = (typeof UNDO_CODES)[number];

export interface UndoResult {
  readonly outcome: 'undone' | 'error';
  readonly code: UndoCode | null;
  readonly id: string | null;
  readonly uid: string | null;
  readonly reason: Message;
  /** How many held messages were withdrawn (never sent). */
  readonly withdrawn: number;
  /**
   * What became of the restored copy on the calendar server (see `WriteResult`); null without a server. `unchanged`:
   * someone changed the event on the server after the action, and their version was kept.
   */
  readonly server: WriteResult['state'] | null;
}

export interface UndoOptions {
  /** A decision's choice, accepted / tentative / declined, create, update … */
  readonly action: string;
  readonly kind: string;
  readonly pendingId?: string | null;
  /** The grace period; 0: not undoable. Default: the data dir's setting (electron/settings undoGraceMsOf). */
  readonly graceMs?: number;
  readonly outboxDir: string;
  /** The engine's clock (ISO in the entry); the grace period itself is wall-clock time. */
  readonly now: number;
}

export function snapshotOf(data: DataDir, uid: string): UndoSnapshot {
  return { uid, calendar: data.calendar.getText(uid), pending: data.pending.findByUid(uid) };
}

/**
 * Remembers what `record` changed, against the snapshot taken before it. Nothing is remembered for a failed action
 * or without a grace period.
 */
export async function rememberUndo(
  data: DataDir,
  before: UndoSnapshot,
  record: ProcessRecord,
  opts: UndoOptions,
): Promise<UndoTicket | null> {
  const graceMs = opts.graceMs ?? undoGraceMsOf(data.config());
  if (graceMs <= 0 || record.outcome === 'error') return null;
  const after = data.calendar.getText(before.uid);
  const pendingAfter = data.pending.findByUid(before.uid).map((p) => p.id);
  const samePending =
    pendingAfter.length === before.pending.length && before.pending.every((p) => pendingAfter.includes(p.id));
  if (after === before.calendar && samePending && record.outgoing.length === 0) return null;
  const entry: UndoEntry = {
    version: 1,
    id: newUndoId(),
    at: new Date(opts.now).toISOString(),
    until: Date.now() + graceMs,
    action: opts.action,
    kind: opts.kind,
    uid: before.uid,
    recurrenceId: record.recurrenceId,
    summary: summaryOf(after) ?? summaryOf(before.calendar) ?? '',
    pendingId: opts.pendingId ?? null,
    calendarBefore: before.calendar,
    calendarAfter: after,
    pendingBefore: before.pending,
    pendingAfter,
    outboxDir: path.resolve(opts.outboxDir),
    outbox: record.outgoing.map((o) => o.location),
    sentTo: record.outgoing.map((o) => o.to),
  };
  await writeUndo(data.root, entry);
  return { id: entry.id, until: new Date(entry.until).toISOString(), ms: graceMs };
}

/**
 * Runs an action on the event `uid` (`fn` writes under the caller's lock turn, as this does) between a snapshot
 * and the entry that can take it back: the one path of the CLI's and the app's undoable actions.
 */
export async function undoably<R extends ProcessRecord>(
  data: DataDir,
  uid: string,
  opts: UndoOptions,
  fn: () => Promise<R>,
): Promise<R & { readonly undo: UndoTicket | null }> {
  const before = snapshotOf(data, uid);
  const record = await fn();
  return { ...record, undo: await rememberUndo(data, before, record, opts) };
}

/** The latest undoable action (id null) or the named one, undone while its mail is still held. */
export async function undoAction(
  data: DataDir,
  id: string | null,
  wallNow = Date.now(),
  calendar: CalendarBackend | null = null,
): Promise<UndoResult> {
  const entry = id ? await readUndo(data.root, id) : ((await listUndo(data.root, wallNow))[0] ?? null);
  if (!entry) return failed('UNDO_NOT_FOUND', id, null, { key: 'reason.undo.notFound', params: { id: id ?? 'none' } });
  const about = { summary: entry.summary, action: entry.action };
  if (wallNow >= entry.until) return failed('UNDO_TOO_LATE', entry.id, entry.uid, tooLate(about));
  if (data.calendar.getText(entry.uid) !== entry.calendarAfter)
    return failed('UNDO_CHANGED_SINCE', entry.id, entry.uid, { key: 'reason.undo.changed', params: about });
  // The mail first: once it is withdrawn nothing reaches anyone, and the calendar is ours to put back.
  if ((await withdrawHeld(entry.outboxDir, entry.outbox, wallNow)) === 'too-late')
    return failed('UNDO_TOO_LATE', entry.id, entry.uid, tooLate(about));
  const server = await restore(data, entry, calendar);
  await data.decisions.record({
    at: new Date(wallNow).toISOString(),
    kind: entry.kind,
    choice: UNDO_CHOICE,
    outcome: 'applied',
    reason: undone(entry),
    uid: entry.uid,
    recurrenceId: entry.recurrenceId,
    sentTo: [],
    ...(entry.pendingId ? { pendingId: entry.pendingId } : {}),
  });
  await removeUndo(data.root, entry.id);
  return {
    outcome: 'undone',
    code: null,
    id: entry.id,
    uid: entry.uid,
    reason: undone(entry),
    withdrawn: entry.outbox.length,
    server,
  };
}

/** The event as it was, the decisions the action closed opened again, the ones it opened closed. */
async function restore(
  data: DataDir,
  entry: UndoEntry,
  calendar: CalendarBackend | null,
): Promise<WriteResult['state'] | null> {
  let server: WriteResult['state'] | null = null;
  if (calendar) {
    // Only while the server's copy is still the one the action wrote: anything else is someone else's change.
    const reapply: Reapply = (current) =>
      sameEvent(current, entry.calendarAfter) ? changeOf(entry.calendarBefore) : null;
    const written = await calendar.apply(entry.uid, changeOf(entry.calendarBefore), reapply);
    server = calendar.kind === 'caldav' ? written.state : null;
  } else if (entry.calendarBefore === null) await data.calendar.delete(entry.uid);
  else await data.calendar.put(entry.uid, entry.calendarBefore);
  const before = new Set(entry.pendingBefore.map((p) => p.id));
  for (const id of entry.pendingAfter) if (!before.has(id)) await data.pending.remove(id);
  for (const p of entry.pendingBefore) {
    if (data.pending.get(p.id)) continue;
    const { id: _id, createdAt, ...draft } = p;
    await data.pending.add(draft, createdAt);
  }
  return server;
}

function changeOf(text: string | null): StoreChange {
  return text === null
    ? { type: 'delete' }
    : { type: 'put', calendar: new ICAL.Component(parseIcs(text) as unknown[]) };
}

/**
 * Whether the server's copy is the event the action wrote: the same components with the same properties, compared
 * line by line after parsing (a server may refold lines, reorder properties or add its own PRODID and time zones).
 */
function sameEvent(current: ICAL.Component | null, afterText: string | null): boolean {
  if (current === null || afterText === null) return current === null && afterText === null;
  try {
    return fingerprint(current) === fingerprint(new ICAL.Component(parseIcs(afterText) as unknown[]));
  } catch {
    return false;
  }
}

function fingerprint(vcal: ICAL.Component): string {
  return vcal
    .getAllSubcomponents('vevent')
    .map((e) =>
      [...e.getAllProperties().map((p) => p.toICALString()), ...e.getAllSubcomponents().map((c) => c.toString())]
        .sort()
        .join('\n'),
    )
    .sort()
    .join('\n--\n');
}

function undone(entry: UndoEntry): Message {
  return {
    key: 'reason.undo.done',
    params: { summary: entry.summary, action: entry.action, count: entry.outbox.length },
  };
}

function tooLate(params: { summary: string; action: string }): Message {
  return { key: 'reason.undo.tooLate', params };
}

function failed(code: UndoCode, id: string | null, uid: string | null, reason: Message): UndoResult {
  return { outcome: 'error', code, id, uid, reason, withdrawn: 0, server: null };
}

function summaryOf(text: string | null): string | null {
  if (!text) return null;
  try {
    const vcal = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const summary = vcal.getFirstSubcomponent('vevent')?.getFirstPropertyValue('summary');
    return typeof summary === 'string' ? summary : null;
  } catch {
    return null;
  }
}
