/**
 * What an undo needs, kept on disk until the grace period ends: `state/undo/<id>.json`, one file per undoable
 * action (a decision carried out, an answer, a meeting created, changed or cancelled …). Owns the entry's shape,
 * reading it tolerantly (a damaged entry is skipped, never fatal) and removing entries whose time has passed.
 *
 * An entry holds the event's calendar text before and after the action, the open decisions for that UID before
 * and after it, and the outbox files the action wrote (held until `until`, see electron/outbox/outboxHold.ts).
 * The entries live in the data dir, not in memory, so `undo` from the CLI reaches what the app or another CLI
 * call did, and the other way round.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fsio/atomicWrite.js';
import type { PendingDecision } from '../../shared/model/decisions.js';

export interface UndoEntry {
  readonly version: 1;
  readonly id: string;
  /** When the action ran (the engine's clock, ISO). */
  readonly at: string;
  /** Wall-clock epoch ms: the held mail goes out then, and the undo is too late from then on. */
  readonly until: number;
  /** What the person did: a decision's choice, accepted / tentative / declined, create, update, cancel … */
  readonly action: string;
  /** The kind of message or decision (invitation, reply, counter …), for the activity log's undo line. */
  readonly kind: string;
  readonly uid: string;
  readonly recurrenceId: string | null;
  readonly summary: string;
  /** The open decision the action carried out, if it was one. */
  readonly pendingId: string | null;
  readonly calendarBefore: string | null;
  readonly calendarAfter: string | null;
  /** Open decisions for the UID before the action, to be restored. */
  readonly pendingBefore: readonly PendingDecision[];
  /** Open decision ids for the UID after the action: those not in `pendingBefore` were added by it. */
  readonly pendingAfter: readonly string[];
  readonly outboxDir: string;
  /** The outbox files the action wrote (held until `until`). */
  readonly outbox: readonly string[];
  /** Their recipients, for the person's "sent to" line. */
  readonly sentTo: readonly string[];
}

const ID = /^[a-f0-9]{8}$/;
/** Entries are kept a while past their grace period, so a late `undo ID` says "too late" rather than "unknown". */
const KEEP_AFTER_MS = 24 * 3600_000;

export function undoDir(root: string): string {
  return path.join(root, 'state', 'undo');
}

export function newUndoId(): string {
  return randomBytes(4).toString('hex');
}

export function isUndoId(id: string): boolean {
  return ID.test(id);
}

export async function writeUndo(root: string, entry: UndoEntry): Promise<void> {
  const dir = undoDir(root);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(path.join(dir, `${entry.id}.json`), `${JSON.stringify(entry, null, 1)}\n`);
}

export async function removeUndo(root: string, id: string): Promise<void> {
  if (isUndoId(id)) await rm(path.join(undoDir(root), `${id}.json`), { force: true });
}

/** Every readable entry, newest first; entries long past their grace period are removed on the way. */
export async function listUndo(root: string, wallNow: number): Promise<UndoEntry[]> {
  const dir = undoDir(root);
  const names = await readdir(dir).catch(() => [] as string[]);
  const entries: UndoEntry[] = [];
  for (const name of names) {
    const id = name.replace(/\.json$/, '');
    if (!isUndoId(id) || !name.endsWith('.json')) continue;
    const entry = parseUndo(await readFile(path.join(dir, name), 'utf8').catch(() => ''));
    if (!entry) continue;
    if (wallNow - entry.until > KEEP_AFTER_MS) await rm(path.join(dir, name), { force: true }).catch(() => undefined);
    else entries.push(entry);
  }
  return entries.sort((a, b) => b.until - a.until || b.at.localeCompare(a.at));
}

export async function readUndo(root: string, id: string): Promise<UndoEntry | null> {
  if (!isUndoId(id)) return null;
  return parseUndo(await readFile(path.join(undoDir(root), `${id}.json`), 'utf8').catch(() => ''));
}

function parseUndo(text: string): UndoEntry | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const e = v as Partial<UndoEntry>;
  const ok =
    e.version === 1 &&
    typeof e.id === 'string' &&
    isUndoId(e.id) &&
    typeof e.until === 'number' &&
    typeof e.uid === 'string' &&
    typeof e.outboxDir === 'string' &&
    Array.isArray(e.outbox) &&
    Array.isArray(e.pendingBefore) &&
    Array.isArray(e.pendingAfter);
  return ok ? (v as UndoEntry) : null;
}
