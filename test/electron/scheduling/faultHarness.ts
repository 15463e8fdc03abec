/**
 * The fault-injection harness of the exactly-once tests: each file operation of the data dir fails in turn (ENOSPC,
 * EROFS, or a simulated kill: the seam throws and the rest of the run is dropped), then the data dir is opened again
 * and the same step repeated; the recovered data dir must equal an uninterrupted run's. The data dir starts with my
 * address and one event I organize (`f-org`, attendee bob).
 */
import { afterEach, beforeEach, expect } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDir } from '../../../electron/store/dataDir.js';
import { Orchestrator } from '../../../electron/scheduling/orchestrator.js';
import { FolderSink } from '../../../electron/scheduling/outbox.js';
import { setFileFaultHook, type FileOperation } from '../../../electron/fsio/fileFaults.js';
import type { Choice, MessageKind, Policy } from '../../../shared/model/decisions.js';
import { ics } from '../../helpers/itip.js';

export const NOW = Date.parse('2026-03-01T12:00:00Z');
export const ME = 'me@example.com';
let base: string;
let run = 0;

/** Registers the temporary folder and the seam's reset around each test of the calling file. */
export function useFaultHarness(): void {
  beforeEach(() => {
    base = mkdtempSync(path.join(os.tmpdir(), 'imip-faults-'));
  });
  afterEach(() => {
    setFileFaultHook(null);
    rmSync(base, { recursive: true, force: true });
  });
}

const organized = ics(
  null,
  'BEGIN:VEVENT',
  'UID:f-org',
  'DTSTAMP:20260201T000000Z',
  'SEQUENCE:0',
  'DTSTART:20260310T090000Z',
  'DTEND:20260310T100000Z',
  'SUMMARY:Review',
  `ORGANIZER:mailto:${ME}`,
  'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.net',
  'END:VEVENT',
);
interface Env {
  readonly dir: string;
  readonly policy: Policy;
}

export async function open(env: Env): Promise<{ data: DataDir; orch: Orchestrator }> {
  const data = await DataDir.open(path.join(env.dir, 'data'), { fsync: false });
  const orch = new Orchestrator(data, {
    policy: env.policy,
    timeframeMs: 28 * 86_400_000,
    now: () => NOW,
    sink: new FolderSink(path.join(env.dir, 'out')),
  });
  return { data, orch };
}

export async function fresh(policy: Policy): Promise<Env> {
  const env = { dir: path.join(base, String(++run)), policy };
  const { data } = await open(env);
  await data.addMe([ME]);
  await data.calendar.put('f-org', organized);
  return env;
}

/** What must come out the same: calendar texts, open decisions, processed keys, decision log, outgoing mail. */
async function snapshot(env: Env): Promise<unknown> {
  const { data } = await open(env);
  const out = path.join(env.dir, 'out');
  const emls = existsSync(out)
    ? readdirSync(out)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => /^Message-ID: (.*)$/im.exec(readFileSync(path.join(out, f), 'utf8'))?.[1])
        .sort()
    : [];
  const log = path.join(env.dir, 'data', 'state', 'decisions.jsonl');
  return {
    calendar: Object.fromEntries(
      data.calendar
        .uids()
        .sort()
        .map((u) => [u, data.calendar.getText(u)]),
    ),
    pending: data.pending
      .list()
      .map((p) => `${p.kind} ${p.uid}`)
      .sort(),
    processed: data.processed.size,
    decisions: existsSync(log)
      ? readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => (JSON.parse(l) as { choice: string }).choice)
      : [],
    outgoing: emls,
  };
}

export type Step = (orch: Orchestrator) => Promise<unknown>;
export const processStep =
  (raw: Buffer): Step =>
  (o) =>
    o.processMail(raw);
/** Decides the oldest open decision (of `kind`, when given). */
export const decideStep =
  (choice: Choice, kind?: MessageKind): Step =>
  async (o) => {
    const open1 = o.listPending().find((p) => !kind || p.kind === kind);
    if (open1) await o.decide(open1.id, choice, null);
  };

const FAULTS = {
  ENOSPC: () => Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }),
  EROFS: () => Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' }),
  kill: () => Object.assign(new Error('killed'), { code: 'KILLED' }),
};

/** Counts the file operations of `step` on a prepared data dir. */
async function countOps(policy: Policy, setup: Step[], step: Step): Promise<number> {
  const env = await fresh(policy);
  for (const s of setup) await s((await open(env)).orch);
  const { orch } = await open(env);
  let n = 0;
  setFileFaultHook(() => void n++);
  await step(orch);
  setFileFaultHook(null);
  return n;
}

export async function scenario(policy: Policy, setup: Step[], step: Step): Promise<void> {
  const clean = await fresh(policy);
  for (const s of [...setup, step]) await s((await open(clean)).orch);
  const expected = await snapshot(clean);
  const ops = await countOps(policy, setup, step);
  expect(ops).toBeGreaterThan(0);
  for (let i = 0; i < ops; i++) {
    for (const [name, fault] of Object.entries(FAULTS)) {
      const env = await fresh(policy);
      for (const s of setup) await s((await open(env)).orch);
      let n = 0;
      let failedAt: FileOperation | null = null;
      setFileFaultHook((op) => {
        if (n++ === i) {
          failedAt = op;
          throw fault();
        }
      });
      const crashed = await open(env);
      await step(crashed.orch).catch(() => undefined);
      setFileFaultHook(null);
      // Recovery: a new process opens the data dir and handles the same mail (or the decision) again.
      await step((await open(env)).orch);
      expect(await snapshot(env), `${name} at file operation ${i + 1} of ${ops} (${String(failedAt)})`).toEqual(
        expected,
      );
    }
  }
}
