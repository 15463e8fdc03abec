/**
 * The agent of a POP3 account: polls the mailbox every `pollSeconds` (POP3 has no IDLE), runs each new message
 * through the orchestrator under the data dir's lock, and sends what comes out over the account's SMTP. Every
 * message stays on the server; the UIDL record in the data dir (Pop3Source) marks what was handled. A message
 * that could not be processed now is offered again on the next poll.
 *
 * Compared with the IMAP agent there is no claim (POP3 cannot mark a message for other clients), no keywords
 * and no Sent folder: replies are sent once, guarded by the outbox's own record. Like the IMAP agent it is the
 * app's `AgentHandle` (connection, activity, decisions carried out at once).
 */
import path from 'node:path';
import type { ActivityEntry, ConnectionStatus } from '../../shared/ipc/contract.js';
import type { Choice } from '../../shared/model/decisions.js';
import type { ProcessRecord } from '../scheduling/orchestrator.js';
import { createLiveOrchestrator } from '../scheduling/liveOrchestrator.js';
import { FolderSink, outboxOptionsOf } from '../scheduling/outbox.js';
import type { DataDir } from '../store/dataDir.js';
import { SharedDataDir } from '../store/sharedDataDir.js';
import { repairText } from '../store/quarantine.js';
import { rebuildDecisions } from '../scheduling/rebuildDecisions.js';
import { SmtpSender, type SmtpAccount } from '../mail/smtp/index.js';
import { OutboxQueue, type MessageSender } from '../outbox/index.js';
import { english } from '../../shared/i18n/index.js';
import { Pop3Source, type Pop3PollResult } from '../mail/pop3/pop3Source.js';
import type { Pop3Account } from '../mail/pop3/pop3Client.js';
import type { DavAccounts } from '../caldav/davAccounts.js';
import type { AgentHandle } from './agentHandle.js';
import { connectingDetail, connectionStatusOf } from './connectionStatus.js';
import { problemOfError, type AccountProblem } from './accountProblem.js';
import { checkSmtpBeside, SmtpHealth, type AccountSmtpHealth } from './smtpHealth.js';

type Processed = ProcessRecord & { readonly at: string };

export interface Pop3AgentOptions {
  /** Names the record file: one per account in one data dir. */
  readonly accountId: string;
  readonly pop3: Pop3Account;
  readonly smtp?: SmtpAccount | null;
  /** Several accounts: the shared sender that picks the account a reply speaks for (accountRouter.ts). */
  readonly sender?: MessageSender & { close(): void };
  /** The companion's data dir; otherwise the agent opens `dataDir`. */
  readonly shared?: SharedDataDir;
  readonly dataDir?: string;
  readonly pollSeconds?: number;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  readonly onProcessed?: (record: Processed) => void;
  /** The file's CalDAV/CardDAV side (shared with the other accounts' agents): synced each poll, written through. */
  readonly dav?: DavAccounts;
  /** Several accounts: this account's SMTP health as the shared router sees it; by default its own sender's. */
  readonly smtpHealth?: AccountSmtpHealth;
}

export class Pop3Agent implements AgentHandle {
  readonly #shared: SharedDataDir;
  readonly #source: Pop3Source;
  readonly #queue: OutboxQueue;
  #smtp: (MessageSender & { close(): void }) | null;
  readonly #opts: Pop3AgentOptions;
  readonly #now: () => number;
  readonly #log: (line: string) => void;
  /** Unusable files the data dir moved aside (and decisions it rebuilt) are logged, never passed over in silence. */
  readonly #unrepair: () => void;
  readonly #processed = new Set<(record: Processed) => void>();
  readonly #changed = new Set<() => void>();
  readonly #connectionListeners = new Set<() => void>();
  #facts: { connected: boolean; lastError: string | null; problem: AccountProblem | null } = {
    connected: false,
    lastError: null,
    problem: null,
  };
  readonly #smtpHealth: AccountSmtpHealth;
  #connection: ConnectionStatus;
  #timer: NodeJS.Timeout | null = null;
  /** Wakes the drain when a held message (the undo grace) falls due, not at the next poll. */
  #dueTimer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> = Promise.resolve();
  #draining: Promise<void> = Promise.resolve();
  #stopping = false;

  private constructor(shared: SharedDataDir, queue: OutboxQueue, opts: Pop3AgentOptions) {
    this.#shared = shared;
    this.#queue = queue;
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    this.#log = opts.log ?? ((l) => process.stderr.write(`${l}\n`));
    shared.rebuildWith(rebuildDecisions);
    this.#unrepair = shared.onRepair((moved) => moved.forEach((m) => this.#log(`data dir: ${repairText(m)}`)));
    this.#source = new Pop3Source(opts.pop3, {
      stateFile: pop3RecordFile(shared.root, opts.accountId),
      log: (l) => this.#log(`pop3: ${l}`),
    });
    this.#smtp = opts.sender ?? null;
    const health = new SmtpHealth();
    const own = !this.#smtp && opts.smtp ? new SmtpSender(opts.smtp, { log: (l) => this.#log(`smtp: ${l}`) }) : null;
    if (own) this.#smtp = health.watch(own);
    this.#smtpHealth = opts.smtpHealth ?? health.view(own ?? {});
    if (opts.onProcessed) this.#processed.add(opts.onProcessed);
    this.#connection = {
      state: 'connecting',
      message: `Connecting to ${opts.pop3.host}…`,
      details: [connectingDetail(opts.pop3.host)],
      since: new Date(this.#now()).toISOString(),
    };
  }

  static async create(opts: Pop3AgentOptions): Promise<Pop3Agent> {
    const shared = opts.shared ?? (await SharedDataDir.open(requireDataDir(opts.dataDir)));
    const queue = await OutboxQueue.open(path.join(shared.root, 'outbox'), {
      now: opts.now ?? Date.now,
      ...(opts.log ? { log: opts.log } : {}),
    });
    return new Pop3Agent(shared, queue, opts);
  }

  get dataDir(): SharedDataDir {
    return this.#shared;
  }

  /** One poll and one outbox drain. Connection and login failures are logged and retried on the next poll. */
  async pollOnce(): Promise<Pop3PollResult | null> {
    let result: Pop3PollResult | null = null;
    // Wall-clock cadence, as in the IMAP agent: the agent's clock may be fixed (--now).
    await this.#opts.dav?.poll(Date.now());
    checkSmtpBeside(this.#smtpHealth, this.#log, () => {
      if (!this.#stopping) for (const l of this.#connectionListeners) l();
    });
    try {
      result = await this.#source.poll(async ({ uid, raw }) => {
        const record = await this.#shared.run((data) =>
          this.#orchestrator(data).processMail(raw, { receivedAt: null }),
        );
        this.#log(
          `pop3 ${uid} ${record.method ?? '-'} ${record.uid ?? '-'}: ${record.kind} ${record.outcome}: ${english.render(record.reason)}`,
        );
        const at = new Date(this.#now()).toISOString();
        for (const l of this.#processed) l({ ...record, at });
        if (record.pendingId || record.outcome === 'applied') for (const l of this.#changed) l();
        return 'handled';
      });
      this.#facts = { connected: true, lastError: null, problem: null };
    } catch (e) {
      this.#facts = { connected: false, lastError: (e as Error).message, problem: problemOfError(e, 'pop3') };
      this.#log(`pop3: ${this.#opts.pop3.user}@${this.#opts.pop3.host}: ${(e as Error).message}`);
    }
    await this.#drain();
    for (const l of this.#connectionListeners) l();
    return result;
  }

  start(): void {
    const every = (this.#opts.pollSeconds ?? 60) * 1000;
    const tick = (): void => {
      if (this.#stopping) return;
      this.#running = this.pollOnce().finally(() => {
        if (!this.#stopping) this.#timer = setTimeout(tick, every);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#dueTimer) clearTimeout(this.#dueTimer);
    await this.#running.catch(() => undefined);
    this.#smtp?.close();
    this.#unrepair();
  }

  connection(): ConnectionStatus {
    const server = { host: this.#opts.pop3.host, user: this.#opts.pop3.user || null };
    const next = connectionStatusOf(
      { ...this.#facts, queued: this.#queue.list().length, smtp: this.#smtpHealth.problem() },
      server,
      new Date(this.#now()).toISOString(),
    );
    if (next.state !== this.#connection.state || next.message !== this.#connection.message) this.#connection = next;
    return this.#connection;
  }

  onConnection(cb: (status: ConnectionStatus) => void): () => void {
    let previous = this.#connection;
    const listener = (): void => {
      const next = this.connection();
      if (next !== previous) cb(next);
      previous = next;
    };
    this.#connectionListeners.add(listener);
    return () => this.#connectionListeners.delete(listener);
  }

  onActivity(cb: (entry: ActivityEntry) => void): () => void {
    const listener = (r: Processed): void =>
      cb({
        at: r.at,
        kind: r.kind,
        outcome: r.outcome,
        reason: r.reason,
        uid: r.uid,
        recurrenceId: r.recurrenceId,
        source: 'mail',
        choice: null,
      });
    this.#processed.add(listener);
    return () => this.#processed.delete(listener);
  }

  onDecisionsChanged(cb: () => void): () => void {
    this.#changed.add(cb);
    return () => this.#changed.delete(cb);
  }

  /** A decision from the app: carried out under the lock, its reply sent at once (no server mark in POP3). */
  async decide(id: string, choice: Choice, comment: string | null): Promise<ProcessRecord & { readonly id: string }> {
    const record = await this.#shared.run((data) => this.#orchestrator(data).decide(id, choice, comment));
    for (const l of this.#changed) l();
    await this.#drain().catch((e: unknown) => this.#log(`outbox: ${(e as Error).message}`));
    return record;
  }

  /** Sends what waits in the outbox now; the mailbox is looked at on the next poll. */
  wake(): void {
    if (this.#stopping) return;
    this.#drain().catch((e: unknown) => this.#log(`outbox: ${(e as Error).message}`));
  }

  #orchestrator(data: DataDir) {
    return createLiveOrchestrator(
      data,
      new FolderSink(path.join(this.#shared.root, 'outbox'), outboxOptionsOf(data.config())),
      this.#now,
      this.#opts.dav?.calendar ?? null,
    );
  }

  /** One drain at a time: a poll, a decision and a wake may ask at once. */
  #drain(): Promise<void> {
    const next = this.#draining.then(() => this.#drainNow());
    this.#draining = next.catch(() => undefined);
    return next;
  }

  async #drainNow(): Promise<void> {
    const due = this.#queue.nextDue();
    if (this.#smtp && due !== null && due <= this.#now()) {
      const r = await this.#queue.drain(this.#smtp, {});
      if (r.sent || r.failed || r.retried)
        this.#log(`outbox: sent ${r.sent}, to retry ${r.retried}, failed ${r.failed}`);
    }
    this.#drainWhenDue();
  }

  /**
   * A message still held (the undo grace, a retry's wait) is sent when it falls due: the IMAP agent looks every two
   * seconds, a POP3 account only polls every minute or more. At most one timer; the poll drains as well.
   */
  #drainWhenDue(): void {
    if (this.#dueTimer) clearTimeout(this.#dueTimer);
    this.#dueTimer = null;
    const due = this.#queue.nextDue();
    if (this.#stopping || !this.#smtp || due === null) return;
    const poll = (this.#opts.pollSeconds ?? 60) * 1000;
    const wait = Math.min(Math.max(due - this.#now(), MIN_DUE_WAIT_MS), poll);
    this.#dueTimer = setTimeout(() => this.wake(), wait);
    this.#dueTimer.unref();
  }
}

/** The shortest wait for a held message (a clock that stands still must not spin the drain). */
const MIN_DUE_WAIT_MS = 1_000;

function requireDataDir(dir: string | undefined): string {
  if (!dir) throw new Error('Pop3Agent needs a data dir (shared or dataDir)');
  return dir;
}

/** `<data dir>/state/pop3/<account id>.json`; the id is made file-name safe. */
export function pop3RecordFile(root: string, accountId: string): string {
  return path.join(root, 'state', 'pop3', `${accountId.replace(/[^A-Za-z0-9._@-]/g, '_')}.json`);
}
