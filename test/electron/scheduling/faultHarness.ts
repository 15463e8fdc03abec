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
import { withWriteBatch } from '../../../electron/fsio/writeBatch.js';
import type { Choice, MessageKind, Policy } from '../../../shared/model/decisions.js';
import { mail } from '../../helpers/cli.js';
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

/** `fsync`: the data dir's default durability, which a write batch groups (the batched path); off elsewhere. */
export async function open(env: Env, fsync = false): Promise<{ data: DataDir; orch: Orchestrator }> {
  const data = await DataDir.open(path.join(env.dir, 'data'), { fsync });
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
    calendar: calendarTexts(data),
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

/** Every stored event's text by UID, in UID order: what two runs' calendars are compared by. */
export function calendarTexts(data: DataDir): Record<string, string | null> {
  return Object.fromEntries(
    data.calendar
      .uids()
      .sort()
      .map((u) => [u, data.calendar.getText(u)]),
  );
}

/** A mail to me from `from` whose calendar part is one VEVENT of `lines` under `method`. */
export function message(from: string, messageId: string, method: string, ...lines: string[]): Buffer {
  return Buffer.from(mail({ from, to: ME, messageId, ics: ics(method, 'BEGIN:VEVENT', ...lines, 'END:VEVENT') }));
}

export type Step = (orch: Orchestrator) => Promise<unknown>;
export const processStep =
  (raw: Buffer): Step =>
  (o) =>
    o.processMail(raw);
/** The mails processed in one write batch, as `process` and the agent do: the decisions they open share a pack. */
export const batchStep =
  (...raws: Buffer[]): Step =>
  (o) =>
    withWriteBatch(async () => {
      for (const raw of raws) await o.processMail(raw);
    });
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

/**
 * The batched path (`process` of many mails, electron/fsio/writeBatch.ts): `mails` handled one after another in
 * one write batch with fsync on, as the CLI does; each file operation fails in turn, the batch's syncs at its end
 * included, and every operation after it fails too (a full disk stays full, a read-only file system stays so).
 * After ENOSPC and EROFS the batch goes on with the next mail (as `process` does); a simulated kill drops the rest
 * of the run, flush and all. Recovery: a new process handles the same mails again, unbatched.
 * The result must equal the mails handled one by one without a fault.
 */
export async function batchScenario(policy: Policy, setup: Step[], mails: readonly Buffer[]): Promise<void> {
  const steps = mails.map(processStep);
  const clean = await fresh(policy);
  for (const s of [...setup, ...steps]) await s((await open(clean)).orch);
  const expected = await snapshot(clean);
  const runBatch = async (orch: Orchestrator, killed: () => boolean): Promise<void> => {
    await withWriteBatch(async () => {
      for (const s of steps) {
        await s(orch).catch(() => undefined);
        if (killed()) throw Object.assign(new Error('killed'), { code: 'KILLED' });
      }
    });
  };
  const counted = await fresh(policy);
  for (const s of setup) await s((await open(counted)).orch);
  const counting = await open(counted, true);
  let ops = 0;
  const kinds = new Set<FileOperation>();
  setFileFaultHook((op) => {
    ops++;
    kinds.add(op);
  });
  await runBatch(counting.orch, () => false);
  setFileFaultHook(null);
  expect(kinds.has('sync'), 'the batch syncs at its end').toBe(true);
  expect(await snapshot(counted), 'a batch without faults').toEqual(expected);
  for (let i = 0; i < ops; i++) {
    for (const [name, fault] of Object.entries(FAULTS)) {
      const env = await fresh(policy);
      for (const s of setup) await s((await open(env)).orch);
      let n = 0;
      let failedAt: FileOperation | null = null;
      let failed = false;
      let dead = false;
      setFileFaultHook((op) => {
        if (failed) throw fault();
        if (n++ === i) {
          failedAt = op;
          failed = true;
          dead = name === 'kill';
          throw fault();
        }
      });
      const crashed = await open(env, true);
      await runBatch(crashed.orch, () => dead).catch(() => undefined);
      setFileFaultHook(null);
      for (const s of steps) await s((await open(env)).orch);
      expect(await snapshot(env), `${name} at file operation ${i + 1} of ${ops} (${String(failedAt)})`).toEqual(
        expected,
      );
    }
  }
}
