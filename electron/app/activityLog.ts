/**
 * The activity list: what happened to each message, newest first, read from the data dir's processed log
 * (`state/processed.jsonl`, see electron/store/processedStore.ts). A key recorded twice (a message processed again
 * after a crash) is listed once, as its later line says.
 */
import { readFile } from 'node:fs/promises';
import type { ActivityEntry } from '../../shared/ipc/contract.js';
import { MESSAGE_KINDS, OUTCOMES } from '../../shared/ipc/schemas.js';
import type { MessageKind, Outcome } from '../../shared/model/decisions.js';

function entryOf(line: string): { key: string; entry: ActivityEntry } | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  if (typeof r.key !== 'string' || typeof r.at !== 'string') return null;
  if (!(MESSAGE_KINDS as readonly unknown[]).includes(r.kind) || !(OUTCOMES as readonly unknown[]).includes(r.outcome)) return null;
  const text = (x: unknown): string | null => (typeof x === 'string' ? x : null);
  return {
    key: r.key,
    entry: { at: r.at, kind: r.kind as MessageKind, outcome: r.outcome as Outcome, reason: text(r.reason) ?? '', uid: text(r.uid), recurrenceId: text(r.recurrenceId) },
  };
}

export async function readActivity(file: string, limit: number): Promise<ActivityEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const latest = new Map<string, { entry: ActivityEntry; line: number }>();
  text.split('\n').forEach((line, i) => {
    const parsed = line.trim() ? entryOf(line) : null;
    if (!parsed) return;
    latest.delete(parsed.key);
    latest.set(parsed.key, { entry: parsed.entry, line: i });
  });
  const all = [...latest.values()];
  all.sort((a, b) => (a.entry.at < b.entry.at ? 1 : a.entry.at > b.entry.at ? -1 : b.line - a.line));
  return all.slice(0, limit).map((x) => x.entry);
}
