/**
 * Exactly once for the agent's grouped path (electron/agent/agent.ts `#handleGroup`): a scan batch's messages are
 * claimed together, processed in one unit of work with one write batch (fsync on), and marked with one keyword
 * STORE per keyword. Every step of a group fails in turn: each file operation (the claim's write-ahead note, the
 * data dir's writes, the batch's syncs) with ENOSPC or EROFS (every later file operation failing too), each
 * server step (the claim's STORE, the keywords' STORE) with a lost connection (every later server step failing
 * too), and each of them as a kill (nothing after it happens at all). A new process then scans again, as the IMAP
 * source does: marks recorded while the server was away are stored first, and the messages without a state keyword
 * are handed over again, until none is left. The data dir and the mailbox must end as after an uninterrupted run:
 * every message applied exactly once and carrying exactly one state keyword.
 *
 * The mailbox is a model of the server's keywords and of the IMAP source's local record (mailboxBook.ts), which
 * is written through the same fault seam, durably before the claim goes to the server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { Agent, type AgentMailbox } from '../../../electron/agent/agent.js';
import { OutboxQueue } from '../../../electron/outbox/index.js';
import { SharedDataDir } from '../../../electron/store/sharedDataDir.js';
import { writeFileAtomic } from '../../../electron/fsio/atomicWrite.js';
import { setFileFaultHook } from '../../../electron/fsio/fileFaults.js';
import { readImipMail } from '../../../electron/mail/readImipMail.js';
import {
  CLAIM_KEYWORD,
  KEYWORDS,
  type FetchedMessage,
  type ImapStats,
  type MessageRef,
  type MessageState,
} from '../../../electron/mail/imap/index.js';
import { ics } from '../../helpers/itip.js';
import { config, RecordingSender } from '../agent/agentFakes.js';
import { NOW } from '../app/appFixtures.js';
import { calendarTexts, message } from './faultHarness.js';

const ME = 'me@example.com';
const OLGA = 'olga@example.org';
const BOB = 'bob@example.net';
const STATE_KEYWORDS = Object.values(KEYWORDS);

let base: string;
beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'imip-group-faults-'));
});
afterEach(() => {
  setFileFaultHook(null);
  rmSync(base, { recursive: true, force: true });
});

const request = (seq: number, summary: string, id: string): Buffer =>
  message(
    OLGA,
    id,
    'REQUEST',
    'UID:g-inv',
    `DTSTAMP:20260228T0${seq}0000Z`,
    `SEQUENCE:${seq}`,
    'DTSTART:20260312T090000Z',
    'DURATION:PT1H',
    `SUMMARY:${summary}`,
    `ORGANIZER:mailto:${OLGA}`,
    `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
  );
const fromBob = (id: string, method: string, ...lines: string[]): Buffer =>
  message(BOB, id, method, 'UID:g-org', 'DTSTAMP:20260228T000000Z', 'SEQUENCE:0', `ORGANIZER:mailto:${ME}`, ...lines);
const ORGANIZED = ics(
  null,
  'BEGIN:VEVENT',
  'UID:g-org',
  'DTSTAMP:20260201T000000Z',
  'SEQUENCE:0',
  'DTSTART:20260310T090000Z',
  'DTEND:20260310T100000Z',
  'SUMMARY:Review',
  `ORGANIZER:mailto:${ME}`,
  'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.net',
  'END:VEVENT',
);

/** One group: an invitation and its update, a reply and a REFRESH to my event (answered at once), a PUBLISH. */
const GROUP: readonly Buffer[] = [
  request(0, 'Lunch', 'g-inv@example.org'),
  fromBob('g-rep@example.net', 'REPLY', `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${BOB}`),
  request(1, 'Lunch with the team', 'g-upd@example.org'),
  fromBob('g-ref@example.net', 'REFRESH', `ATTENDEE:mailto:${BOB}`),
  message(
    OLGA,
    'g-pub@example.org',
    'PUBLISH',
    'UID:g-pub',
    'DTSTAMP:20260228T000000Z',
    'SEQUENCE:0',
    'DTSTART:20260315T090000Z',
    'DURATION:PT1H',
    'SUMMARY:Open day',
    `ORGANIZER:mailto:${OLGA}`,
  ),
];

/** The server's keywords per UID; it outlives every process. */
type Server = Map<number, Set<string>>;

type Fault = 'ENOSPC' | 'EROFS' | 'connection' | 'kill';

/**
 * Counts the steps of a run and fails the chosen one. After it: a full or read-only disk stays so, a lost
 * connection stays lost, a killed process does nothing at all.
 */
class Faults {
  steps = 0;
  counting = false;
  failedAt: string | null = null;
  #fault: Fault | null = null;
  #at = -1;
  #fileDead = false;
  #serverDead = false;

  constructor(fault: Fault | null = null, at = -1) {
    this.#fault = fault;
    this.#at = at;
  }

  file(op: string, target: string): void {
    if (this.#fileDead) throw this.#error();
    if (!this.counting) return;
    if (this.steps++ === this.#at && this.#fault !== 'connection') {
      this.failedAt = `${op} ${path.basename(target)}`;
      this.#fileDead = true;
      this.#serverDead = this.#fault === 'kill';
      throw this.#error();
    }
  }

  server(op: string): void {
    if (this.#serverDead) throw this.#error();
    if (!this.counting) return;
    if (this.steps++ === this.#at && (this.#fault === 'connection' || this.#fault === 'kill')) {
      this.failedAt = op;
      this.#serverDead = true;
      this.#fileDead = this.#fault === 'kill';
      throw this.#error();
    }
  }

  #error(): Error {
    const code = this.#fault === 'connection' ? 'ECONNRESET' : this.#fault === 'kill' ? 'KILLED' : this.#fault;
    return Object.assign(new Error(String(code)), { code });
  }
}

interface LocalMark {
  state: MessageState | 'claimed';
  queued?: boolean;
}

/** The IMAP source as the agent sees it (claimAll/markAll), over the server model and a local record file. */
class ModelMailbox implements AgentMailbox {
  readonly #server: Server;
  readonly #faults: Faults;
  readonly #file: string;
  readonly #local: Map<number, LocalMark>;
  #handle: ((group: readonly FetchedMessage[]) => Promise<void>) | null = null;
  #stopped: () => void = () => undefined;

  constructor(server: Server, faults: Faults, dir: string) {
    this.#server = server;
    this.#faults = faults;
    this.#file = path.join(dir, 'mailbox-INBOX.json');
    this.#local = existsSync(this.#file)
      ? new Map(
          Object.entries(JSON.parse(readFileSync(this.#file, 'utf8')) as Record<string, LocalMark>).map(([k, v]) => [
            Number(k),
            v,
          ]),
        )
      : new Map();
  }

  async #save(): Promise<void> {
    await writeFileAtomic(this.#file, JSON.stringify(Object.fromEntries(this.#local)), { fsync: true });
  }

  runGroups(handle: (group: readonly FetchedMessage[]) => Promise<void>): Promise<void> {
    this.#handle = handle;
    return new Promise((resolve) => (this.#stopped = resolve));
  }
  async stop(): Promise<void> {
    this.#stopped();
  }
  status(): { connected: boolean; lastError: null; idle: boolean } {
    return { connected: true, lastError: null, idle: true };
  }
  stats(): ImapStats {
    return { searches: 0, fetches: 0, fetchedBytes: 0, downloadedParts: 0, calendarBytes: 0, handed: 0, connects: 1 };
  }
  async appendToSent(): Promise<void> {
    this.#faults.server('APPEND Sent');
  }
  async sentHasMessageId(): Promise<boolean> {
    this.#faults.server('SEARCH Sent');
    return false;
  }
  async mark(ref: MessageRef, value: MessageState): Promise<void> {
    await this.markAll([{ ref, value }]);
  }

  /** As ImapSource.claimAll: the durable note first, then the claim on the server; lost ones forgotten. */
  async claimAll(refs: readonly MessageRef[]): Promise<MessageRef[]> {
    const ours = new Set<number>();
    const asked: number[] = [];
    for (const r of refs) {
      const local = this.#local.get(r.uid);
      if (local) {
        if (local.state === 'claimed') ours.add(r.uid);
      } else asked.push(r.uid);
    }
    if (asked.length) {
      for (const uid of asked) this.#local.set(uid, { state: 'claimed' });
      await this.#save();
      try {
        this.#faults.server('UID STORE (UNCHANGEDSINCE) +FLAGS $ITipClaimed');
      } catch (e) {
        for (const uid of asked) this.#local.delete(uid);
        throw e;
      }
      let lost = false;
      for (const uid of asked) {
        const flags = this.#server.get(uid) ?? new Set<string>();
        if ([...STATE_KEYWORDS, CLAIM_KEYWORD].some((k) => flags.has(k))) {
          this.#local.delete(uid);
          lost = true;
        } else {
          flags.add(CLAIM_KEYWORD);
          this.#server.set(uid, flags);
          ours.add(uid);
        }
      }
      if (lost) await this.#save();
    }
    return refs.filter((r) => ours.has(r.uid));
  }

  /** As ImapSource.markAll: stored on the server, or recorded locally (durably) to be stored by the next scan. */
  async markAll(marks: readonly { ref: MessageRef; value: MessageState }[]): Promise<void> {
    try {
      this.#faults.server('UID STORE +FLAGS state keywords');
    } catch {
      for (const { ref, value } of marks) this.#local.set(ref.uid, { state: value, queued: true });
      await this.#save();
      return;
    }
    for (const { ref, value } of marks) {
      this.#store(ref.uid, value);
      // The IMAP source forgets the local note with a write that may be lost (saveSoon); here it is not written.
      this.#local.delete(ref.uid);
    }
  }

  #store(uid: number, value: MessageState): void {
    const flags = this.#server.get(uid) ?? new Set<string>();
    for (const k of STATE_KEYWORDS) flags.delete(k);
    flags.add(KEYWORDS[value]);
    this.#server.set(uid, flags);
  }

  /** A scan: queued marks stored first, then the messages without a state keyword handed over as one group. */
  async scan(raws: readonly Buffer[]): Promise<void> {
    for (const [uid, mark] of [...this.#local]) {
      if (!mark.queued || mark.state === 'claimed') continue;
      this.#store(uid, mark.state);
      this.#local.delete(uid);
    }
    const group: FetchedMessage[] = [];
    for (const [i, raw] of raws.entries()) {
      const uid = i + 1;
      const flags = this.#server.get(uid) ?? new Set<string>();
      const local = this.#local.get(uid);
      if (STATE_KEYWORDS.some((k) => flags.has(k)) || (local && local.state !== 'claimed')) continue;
      const read = await readImipMail(raw);
      if (!read.ok) throw new Error('unreadable fixture');
      group.push({
        ref: { mailbox: 'INBOX', uidValidity: '7', uid },
        internalDate: NOW,
        mail: read.value,
        fromSent: false,
      });
    }
    if (group.length && this.#handle) await this.#handle(group);
  }
}

async function prepare(dir: string): Promise<void> {
  const shared = await SharedDataDir.open(path.join(dir, 'data'), { fsync: false });
  await shared.run(async (d) => {
    await d.addMe([ME]);
    await d.calendar.put('g-org', new ICAL.Component(ICAL.parse(ORGANIZED) as unknown[]));
  });
}

/** One process: opens the data dir, scans once (the steps counted), stops. */
async function oneProcess(dir: string, server: Server, faults: Faults, sender: RecordingSender): Promise<void> {
  const shared = await SharedDataDir.open(path.join(dir, 'data'));
  const mailbox = new ModelMailbox(server, faults, dir);
  const queue = await OutboxQueue.open(path.join(shared.root, 'outbox'), { now: () => NOW });
  const agent = await Agent.assemble(
    config(shared.root),
    { shared, mailbox, sender, queue },
    { now: () => NOW, log: () => undefined },
  );
  await agent.start();
  await new Promise((r) => setTimeout(r, 20)); // the first reconcile tick, outside the counted steps
  faults.counting = true;
  await mailbox.scan(GROUP).catch(() => undefined);
  faults.counting = false;
  await agent.stop();
}

function emlIds(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? emlIds(path.join(dir, e.name))
      : e.name.endsWith('.eml')
        ? [/^Message-ID: (.*)$/im.exec(readFileSync(path.join(dir, e.name), 'utf8'))?.[1] ?? '?']
        : [],
  );
}

async function snapshot(dir: string, server: Server, sender: RecordingSender): Promise<unknown> {
  const shared = await SharedDataDir.open(path.join(dir, 'data'), { fsync: false });
  const data = shared.current;
  const log = path.join(dir, 'data', 'state', 'decisions.jsonl');
  const analyzed = path.join(dir, 'data', 'state', 'analyzed.json');
  return {
    calendar: calendarTexts(data),
    pending: data.pending
      .list()
      .map((p) => `${p.kind} ${p.uid} ${p.source?.uid ?? '-'}`)
      .sort(),
    analyzed: existsSync(analyzed) ? Object.keys(JSON.parse(readFileSync(analyzed, 'utf8')) as object).sort() : [],
    processed: data.processed.size,
    decisions: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).length : 0,
    outgoing: emlIds(path.join(dir, 'data', 'outbox')).sort(),
    sent: sender.calls.map((c) => c.messageId).sort(),
    keywords: [...server].map(([uid, flags]) => `${uid} ${STATE_KEYWORDS.filter((k) => flags.has(k)).join(' ')}`),
  };
}

describe('exactly once under every failure: the agent handling a group of messages', () => {
  it('each step of a group fails in turn (disk full, read-only, connection lost, killed); a restart completes it', async () => {
    setFileFaultHook(null);
    const clean = path.join(base, 'clean');
    await prepare(clean);
    const cleanServer: Server = new Map();
    const counting = new Faults();
    const cleanSender = new RecordingSender();
    setFileFaultHook((op, target) => counting.file(op, target));
    await oneProcess(clean, cleanServer, counting, cleanSender);
    setFileFaultHook(null);
    const expected = await snapshot(clean, cleanServer, cleanSender);
    const steps = counting.steps;
    expect(steps).toBeGreaterThan(GROUP.length);
    expect((expected as { keywords: string[] }).keywords).toHaveLength(GROUP.length);
    expect((expected as { processed: number }).processed).toBe(GROUP.length);

    let runs = 0;
    for (let at = 0; at < steps; at++) {
      for (const fault of ['ENOSPC', 'EROFS', 'connection', 'kill'] as const) {
        const dir = path.join(base, `${at}-${fault}`);
        await prepare(dir);
        const server: Server = new Map();
        const sender = new RecordingSender();
        const faults = new Faults(fault, at);
        setFileFaultHook((op, target) => faults.file(op, target));
        await oneProcess(dir, server, faults, sender);
        setFileFaultHook(null);
        if (faults.failedAt === null) continue; // this step is not one this fault applies to
        runs++;
        // Restarts until every message carries a state keyword (one is enough; more would show a lost message).
        for (let restart = 0; restart < 3; restart++) {
          const open = GROUP.filter((_, i) => !STATE_KEYWORDS.some((k) => server.get(i + 1)?.has(k))).length;
          if (open === 0) break;
          await oneProcess(dir, server, new Faults(), sender);
        }
        expect(
          await snapshot(dir, server, sender),
          `${fault} at step ${at + 1} of ${steps} (${faults.failedAt})`,
        ).toEqual(expected);
        rmSync(dir, { recursive: true, force: true });
      }
    }
    expect(runs).toBeGreaterThanOrEqual(steps * 2);
  }, 120_000);
});
