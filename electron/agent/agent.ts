/**
 * The headless agent behind `imip-companion watch` and the desktop app: watches the mailbox, runs every
 * scheduling message through the orchestrator, marks it on the server, and sends what comes out.
 *
 * Per message: claim it (two devices on one mailbox), process it under the data dir's lock, set its keyword
 * ($ITipProcessed / $ITipAnalyzed / $ITipIgnore), then drain the outbox over SMTP with a copy in Sent.
 * Decisions taken elsewhere (the CLI's `decide` against the same data dir, the app) are noticed by a short
 * reconcile tick: their message is marked processed and their reply, queued in the data dir outbox, is sent.
 */
import path from 'node:path';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import type { Choice, MessageSource, Outcome } from '../../shared/model/decisions.js';
import { SharedDataDir } from '../store/sharedDataDir.js';
import { writeFileAtomic } from '../store/atomicWrite.js';
import type { DataDir } from '../store/dataDir.js';
import type { Orchestrator, ProcessRecord } from '../scheduling/orchestrator.js';
import { createLiveOrchestrator } from '../scheduling/liveOrchestrator.js';
import { FolderSink } from '../scheduling/outbox.js';
import { ImapSource, type FetchedMessage, type ImapAccount, type ImapStats, type MessageState } from '../mail/imap/index.js';
import { OutboxQueue, SmtpSender, type MessageSender, type SmtpAccount, type UndeliveredRecipient } from '../mail/smtp/index.js';
import { readImipMail } from '../mail/readImipMail.js';
import type { DeliveryReport } from '../../shared/model/mail.js';
import { normalizeAddress } from '../../shared/util/address.js';
import { seedDataDirSettings, type AgentConfig, type ServerConfig } from './config.js';

const RECONCILE_MS = 2_000;

export interface AgentStatus {
  readonly connected: boolean;
  readonly lastError: string | null;
  readonly idle: boolean;
  readonly queued: number;
}

export interface AgentEvents {
  processed(record: ProcessRecord & { readonly at: string }): void;
  decisionsChanged(): void;
  status(status: AgentStatus): void;
}

export interface AgentOptions {
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  /** The app's DataDir, shared with the agent (desktop app, web host); otherwise the agent opens config.dataDir. */
  readonly data?: DataDir;
  /** Several accounts: one sender that picks the account a message speaks for (electron/accounts/accountRouter.ts). */
  readonly sender?: MessageSender & { close(): void };
  /**
   * Several accounts in one data dir: the account's own folder for its IMAP record and its waiting messages
   * (`state/accounts/<id>/`), so one account never marks a message number of another's mailbox.
   */
  readonly accountId?: string;
  /** Several accounts: a reply's copy goes to the Sent folder of the account it left through (runAccounts.ts). */
  readonly sentFolders?: SentFolders;
  /** Several accounts: the Message-IDs any of them sent, one set, so no agent reads another's reply as news. */
  readonly sentIds?: Set<string>;
}

export interface SentFolders {
  append(raw: Buffer): Promise<void>;
  has(messageId: string): Promise<boolean>;
}

type Listener<K extends keyof AgentEvents> = AgentEvents[K];

export class Agent {
  readonly #shared: SharedDataDir;
  readonly #imap: ImapSource;
  readonly #smtp: MessageSender & { close(): void };
  readonly #queue: OutboxQueue;
  readonly #now: () => number;
  readonly #log: (line: string) => void;
  readonly #listeners = new Map<keyof AgentEvents, Set<(...args: never[]) => void>>();
  /** Message-IDs this companion sent: their copies in Sent are its own answers, not news (see #handle). */
  readonly #sentIds: Set<string>;
  readonly #accountId: string | undefined;
  readonly #sentFolders: SentFolders | undefined;
  #run: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #stopping = false;
  #tick: Promise<void> = Promise.resolve();

  private constructor(config: AgentConfig, shared: SharedDataDir, queue: OutboxQueue, sentIds: Set<string>, opts: AgentOptions) {
    this.#sentIds = sentIds;
    this.#accountId = opts.accountId;
    this.#sentFolders = opts.sentFolders;
    this.#shared = shared;
    this.#queue = queue;
    this.#now = opts.now ?? (() => Date.now());
    this.#log = opts.log ?? ((l) => process.stderr.write(`${l}\n`));
    this.#imap = new ImapSource(imapAccount(config.imap), {
      stateDir: path.join(accountStateDir(shared.root, opts.accountId), 'imap'),
      timeframeMs: config.timeframeMs,
      now: this.#now,
      pollSeconds: config.pollSeconds,
      log: (l) => this.#log(`imap: ${l}`),
    });
    this.#smtp = opts.sender ?? new SmtpSender(smtpAccount(config.smtp), { log: (l) => this.#log(`smtp: ${l}`) });
  }

  static async create(config: AgentConfig, opts: AgentOptions = {}): Promise<Agent> {
    const shared = opts.data ? await SharedDataDir.wrap(opts.data) : await SharedDataDir.open(config.dataDir);
    await shared.run((data) => seedDataDirSettings(data, config));
    const queue = await OutboxQueue.open(path.join(shared.root, 'outbox'), { now: opts.now ?? (() => Date.now()), log: opts.log });
    const sentIds = opts.sentIds ?? new Set<string>();
    for (const id of await readSentIds(sentIdsFile(shared.root))) sentIds.add(id);
    return new Agent(config, shared, queue, sentIds, opts);
  }

  get dataDir(): SharedDataDir {
    return this.#shared;
  }

  on<K extends keyof AgentEvents>(name: K, listener: Listener<K>): () => void {
    const set = this.#listeners.get(name) ?? new Set();
    set.add(listener as (...args: never[]) => void);
    this.#listeners.set(name, set);
    return () => set.delete(listener as (...args: never[]) => void);
  }

  #emit<K extends keyof AgentEvents>(name: K, ...args: Parameters<AgentEvents[K]>): void {
    for (const l of this.#listeners.get(name) ?? []) (l as (...a: Parameters<AgentEvents[K]>) => void)(...args);
  }

  /** Starts watching; resolves once started (the watch loop runs in the background until `stop`). */
  async start(): Promise<void> {
    this.#run = this.#imap.run((msg) => this.#handle(msg)).catch((e: unknown) => {
      this.#log(`imap: stopped with an error: ${(e as Error).message}`);
    });
    this.#timer = setInterval(() => this.wake(), RECONCILE_MS);
    this.#timer.unref();
    this.wake();
  }

  /** Finishes the message in hand and the send in progress, then disconnects. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#imap.stop();
    await this.#run;
    await this.#tick;
    this.#smtp.close();
  }

  /** This account's Sent folder: a copy of a message it sent (several accounts, see SentFolders). */
  appendToSent(raw: Buffer): Promise<void> {
    return this.#imap.appendToSent(raw);
  }

  sentHasMessageId(messageId: string): Promise<boolean> {
    return this.#imap.sentHasMessageId(messageId);
  }

  /** What the IMAP side did so far (searches, bytes fetched): for tests and benchmarks. */
  imapStats(): ImapStats {
    return this.#imap.stats();
  }

  status(): AgentStatus {
    const s = this.#imap.status();
    return { ...s, queued: this.#queue.list().length };
  }

  /** Runs the reconcile step now (after a decision, or when the outbox got a new message). */
  wake(): void {
    if (this.#stopping) return;
    this.#tick = this.#tick.then(() => this.#reconcile()).catch((e: unknown) => this.#log(`agent: ${(e as Error).message}`));
  }

  /** A decision from the app: carried out, its message marked, its reply sent at once. */
  async decide(id: string, choice: Choice, comment: string | null): Promise<ProcessRecord & { readonly id: string }> {
    const record = await this.#shared.run((data) => this.#orchestrator(data).decide(id, choice, comment));
    this.#emit('decisionsChanged');
    this.wake();
    await this.#tick;
    return record;
  }

  /** Policy and time frame as the data dir's settings say now (Settings may change them while the agent runs). */
  #orchestrator(data: DataDir): Orchestrator {
    return createLiveOrchestrator(data, new FolderSink(path.join(this.#shared.root, 'outbox')), this.#now);
  }

  async #handle(msg: FetchedMessage): Promise<void> {
    if (msg.fromSent && msg.mail.messageId && this.#sentIds.has(msg.mail.messageId.toLowerCase())) {
      // Our own answer (a REPLY, or a REQUEST answering a REFRESH) filed in Sent: reading it back as news would
      // replace what the calendar recorded since it was built.
      await this.#imap.mark(msg.ref, 'processed');
      return;
    }
    if (!(await this.#imap.claim(msg.ref))) {
      this.#log(`${describe(msg.ref)}: another client is handling this message`);
      return;
    }
    let record: ProcessRecord;
    try {
      record = await this.#shared.run((data) => this.#orchestrator(data).processIncoming(msg.mail, { receivedAt: msg.internalDate, message: msg.ref }));
    } catch (e) {
      // The message stays unmarked and is tried again on the next scan; nothing was half-applied (atomic writes).
      this.#log(`${describe(msg.ref)}: could not be processed now: ${(e as Error).message}`);
      return;
    }
    if (record.pendingId) await this.#rememberAnalyzed(record.pendingId, msg.ref);
    await this.#imap.mark(msg.ref, keywordFor(record, this.#shared.current));
    this.#log(`${describe(msg.ref)} ${record.method ?? '-'} ${record.uid ?? '-'}: ${record.kind} ${record.outcome}: ${record.reason}`);
    this.#emit('processed', { ...record, at: new Date(this.#now()).toISOString() });
    if (record.pendingId || record.outcome === 'applied') this.#emit('decisionsChanged');
    if (record.outgoing.length) this.wake();
  }

  /** Decided messages get $ITipProcessed; queued outgoing mail is sent. */
  async #reconcile(): Promise<void> {
    const analyzed = await this.#readAnalyzed();
    if (analyzed.size) {
      const data = await this.#shared.run(async (d) => d, { write: false });
      let changed = false;
      for (const [id, ref] of analyzed) {
        if (data.pending.get(id)) continue;
        await this.#imap.mark(ref, 'processed');
        analyzed.delete(id);
        changed = true;
      }
      if (changed) {
        await this.#writeAnalyzed(analyzed);
        this.#emit('decisionsChanged');
      }
    }
    const due = this.#queue.nextDue();
    if (due !== null && due <= this.#now()) {
      const r = await this.#queue.drain(this.#smtp, {
        alreadySent: (id) => (this.#sentFolders ? this.#sentFolders.has(id) : this.#imap.sentHasMessageId(id)),
        afterSend: async (raw) => {
          await this.#rememberSent(raw);
          await (this.#sentFolders ? this.#sentFolders.append(raw) : this.#imap.appendToSent(raw));
        },
        onUndelivered: (raw, refused) => this.#noteUndelivered(raw, refused),
      });
      if (r.sent || r.failed || r.retried) this.#log(`outbox: sent ${r.sent}, already sent ${r.skipped}, to retry ${r.retried}, failed ${r.failed}`);
    }
    this.#emit('status', this.status());
  }

  /**
   * The SMTP server refused recipients of a message I sent: noted on the event like a bounce (the same report
   * shape, see shared/itip/deliveryFailure.ts), and listed in the activity.
   */
  async #noteUndelivered(raw: Buffer, refused: readonly UndeliveredRecipient[]): Promise<void> {
    const read = await readImipMail(raw);
    if (!read.ok) return;
    const deliveryReport: DeliveryReport = {
      recipients: refused.map((r) => ({ recipient: normalizeAddress(r.recipient), action: 'failed', status: null, diagnostic: r.response ?? 'refused by your SMTP server' })),
    };
    const record = await this.#shared.run((data) => this.#orchestrator(data).processIncoming({ ...read.value, deliveryReport }));
    this.#log(`${record.uid ?? 'message'}: ${record.reason}`);
    this.#emit('processed', { ...record, at: new Date(this.#now()).toISOString() });
  }

  async #rememberSent(raw: Buffer): Promise<void> {
    const id = messageIdOf(raw);
    if (!id || this.#sentIds.has(id)) return;
    this.#sentIds.add(id);
    const file = sentIdsFile(this.#shared.root);
    await mkdir(path.dirname(file), { recursive: true });
    await appendFile(file, `${id}\n`);
  }

  get #analyzedFile(): string {
    return path.join(accountStateDir(this.#shared.root, this.#accountId), 'analyzed.json');
  }

  async #readAnalyzed(): Promise<Map<string, MessageSource>> {
    try {
      return new Map(Object.entries(JSON.parse(await readFile(this.#analyzedFile, 'utf8')) as Record<string, MessageSource>));
    } catch {
      return new Map();
    }
  }

  async #writeAnalyzed(map: Map<string, MessageSource>): Promise<void> {
    await mkdir(path.dirname(this.#analyzedFile), { recursive: true });
    await writeFileAtomic(this.#analyzedFile, JSON.stringify(Object.fromEntries(map), null, 1));
  }

  async #rememberAnalyzed(pendingId: string, ref: MessageSource): Promise<void> {
    const map = await this.#readAnalyzed();
    map.set(pendingId, ref);
    await this.#writeAnalyzed(map);
  }
}

const MAX_SENT_IDS = 20_000;

/** `state/` for the single account (the layout before several accounts), `state/accounts/<id>/` otherwise. */
function accountStateDir(root: string, accountId: string | undefined): string {
  return accountId === undefined ? path.join(root, 'state') : path.join(root, 'state', 'accounts', accountId);
}

function sentIdsFile(root: string): string {
  return path.join(root, 'state', 'sent-message-ids.txt');
}

async function readSentIds(file: string): Promise<Set<string>> {
  try {
    const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.startsWith('<'));
    return new Set(lines.slice(-MAX_SENT_IDS));
  } catch {
    return new Set();
  }
}

/** The Message-ID header of a raw message (lower-cased), or null. */
export function messageIdOf(raw: Buffer): string | null {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
  const m = /^message-id:\s*(<[^>\r\n]+>)/im.exec(head.replace(/\r?\n[ \t]+/g, ' '));
  return m?.[1] ? m[1].toLowerCase() : null;
}

/** Which keyword a handled message gets. */
export function keywordFor(record: ProcessRecord, data: DataDir): MessageState {
  if (record.pendingId && data.pending.get(record.pendingId)) return 'analyzed';
  return keywordForOutcome(record.outcome, record.kind);
}

export function keywordForOutcome(outcome: Outcome, kind: string): MessageState {
  if (outcome === 'applied' || kind === 'outdated') return 'processed';
  if (outcome === 'pending') return 'analyzed';
  return 'ignore';
}

function describe(ref: MessageSource): string {
  return `${ref.mailbox}#${ref.uid}`;
}

export function imapAccount(s: ServerConfig): ImapAccount {
  return { host: s.host, port: s.port, security: s.security, user: s.user ?? '', ...(s.password !== null ? { password: s.password } : {}), ...(s.ca ? { ca: s.ca } : {}), ...(s.accessToken ? { accessToken: s.accessToken } : {}) };
}

export function smtpAccount(s: ServerConfig): SmtpAccount {
  return { host: s.host, port: s.port, security: s.security, ...(s.user ? { user: s.user } : {}), ...(s.password !== null ? { password: s.password } : {}), ...(s.ca ? { ca: s.ca } : {}), ...(s.accessToken ? { accessToken: s.accessToken } : {}) };
}
