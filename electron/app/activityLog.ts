/**
 * The activity list, newest first: what happened to each message, read from the data dir's processed log
 * (`state/processed.jsonl`, see electron/store/processedStore.ts), and what a person decided, from the decision
 * log (`state/decisions.jsonl`, electron/store/decisionLog.ts), and account trouble (`state/accounts.jsonl`,
 * accountActivity.ts). A message key recorded twice (a message processed
 * again after a crash) is listed once, as its later line says.
 */
import { readFile } from 'node:fs/promises';
import type { ActivityEntry } from '../../shared/ipc/contract.js';
import { decisionEntryOf } from '../store/decisionLog.js';
import { readAccountActivity } from './accountActivity.js';
import { MESSAGE_KINDS, OUTCOMES } from '../../shared/ipc/schemas.js';
import type { MessageKind, Outcome } from '../../shared/model/decisions.js';
import { readMessage, textMessage } from '../../shared/model/storedMessage.js';

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
  if (!(MESSAGE_KINDS as readonly unknown[]).includes(r.kind) || !(OUTCOMES as readonly unknown[]).includes(r.outcome))
    return null;
  const text = (x: unknown): string | null => (typeof x === 'string' ? x : null);
  return {
    key: r.key,
    entry: {
      at: r.at,
      kind: r.kind as MessageKind,
      outcome: r.outcome as Outcome,
      reason: readMessage(r.reason) ?? textMessage(''),
      uid: text(r.uid),
      recurrenceId: text(r.recurrenceId),
      source: 'mail',
      choice: null,
    },
  };
}

function decisionOf(line: string): ActivityEntry | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  const d = typeof v === 'object' && v !== null ? decisionEntryOf(v as Record<string, unknown>) : null;
  if (
    !d ||
    !(MESSAGE_KINDS as readonly unknown[]).includes(d.kind) ||
    !(OUTCOMES as readonly unknown[]).includes(d.outcome)
  )
    return null;
  return {
    at: d.at,
    kind: d.kind as MessageKind,
    outcome: d.outcome as Outcome,
    reason: d.reason,
    uid: d.uid,
    recurrenceId: d.recurrenceId,
    source: 'you',
    choice: d.choice,
  };
}

async function readLines(file: string | null): Promise<string[]> {
  if (!file) return [];
  try {
    return (await readFile(file, 'utf8')).split('\n');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

export async function readActivity(
  processedFile: string,
  decisionsFile: string | null,
  limit: number,
  accountsFile: string | null = null,
): Promise<ActivityEntry[]> {
  const latest = new Map<string, { entry: ActivityEntry; line: number }>();
  const processed = await readLines(processedFile);
  processed.forEach((line, i) => {
    const parsed = line.trim() ? entryOf(line) : null;
    if (!parsed) return;
    latest.delete(parsed.key);
    latest.set(parsed.key, { entry: parsed.entry, line: i });
  });
  const all = [...latest.values()];
  // At the same time, a decision counts as later than any message (it answers one that came before).
  const after = processed.length;
  const decisions = await readLines(decisionsFile);
  decisions.forEach((line, i) => {
    const entry = line.trim() ? decisionOf(line) : null;
    if (entry) all.push({ entry, line: after + i });
  });
  // Account trouble (accountActivity.ts): a login that failed or works again.
  const accounts = accountsFile ? await readAccountActivity(accountsFile) : [];
  accounts.forEach((entry, i) => all.push({ entry, line: after + decisions.length + i }));
  all.sort((a, b) => (a.entry.at < b.entry.at ? 1 : a.entry.at > b.entry.at ? -1 : b.line - a.line));
  return all.slice(0, limit).map((x) => x.entry);
}
