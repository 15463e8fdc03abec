/**
 * The CLI's side of undo: every command a person runs to decide or answer (decide, respond, create, update, cancel,
 * counter, delegate, refresh, remove) is run through `undoably`, which snapshots the event first and afterwards
 * remembers what changed (electron/app/undoAction.ts); its line then carries `undoId` and `undoUntil`. The mail it
 * wrote stays held in the outbox until then (config.json `undoSeconds`, 10 s by default; 0 turns undo off).
 */
import path from 'node:path';
import type { DataDir } from '../store/dataDir.js';
import type { ProcessRecord } from '../scheduling/orchestrator.js';
import { undoably as runUndoably, type UndoTicket } from '../app/undoAction.js';
import { stringOpt, type GlobalOptions } from './args.js';

export interface UndoableRun {
  readonly uid: string;
  readonly action: string;
  readonly kind: string;
  readonly pendingId?: string | null;
}

/** Runs `fn` (which writes under the same lock) and remembers how to undo it. */
export async function undoably<R extends ProcessRecord>(
  data: DataDir,
  g: GlobalOptions,
  values: Record<string, unknown>,
  what: UndoableRun,
  fn: () => Promise<R>,
): Promise<R & { readonly undo: UndoTicket | null }> {
  const opts = {
    action: what.action,
    kind: what.kind,
    pendingId: what.pendingId ?? null,
    outboxDir: path.resolve(stringOpt(values, 'outbox') ?? path.join(g.dataDir, 'outbox')),
    now: g.now ?? Date.now(),
  };
  return runUndoably(data, what.uid, opts, fn);
}

/** The line's undo fields: how to take the action back, and until when. */
export function undoFields(undo: UndoTicket | null): Record<string, unknown> {
  return { undoId: undo?.id ?? null, undoUntil: undo?.until ?? null };
}
