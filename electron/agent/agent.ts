/**
 * The mail agent behind `imip-companion watch`, the web host and the desktop app: watches the mailbox, runs every
 * scheduling message through the orchestrator, marks it on the server, and sends what comes out. It is also the
 * app-facing `AgentHandle` (connection status, activity, decisions carried out at once), so the app service never
 * depends on how mail is fetched or sent.
 *
 * Per scan batch (a group of messages, one at a time in a quiet mailbox, up to a batch in a burst): claim them (two
 * devices on one mailbox), process them in one unit of work under the data dir's lock with one durable flush, set
 * their keywords ($ITipProcessed / $ITipAnalyzed / $ITipIgnore), then drain the outbox over SMTP with a copy in Sent.
 * Decisions taken elsewhere (the CLI's `decide` against the same data dir, the app) are noticed by a short
 * reconcile tick: their message is marked processed and their reply, queued in the data dir outbox, is sent.
 *
 * The mailbox (IMAP source), the sender (SMTP) and the outbox queue are parts handed in (`Agent.assemble`), so the
 * loop is tested with fakes; `Agent.create` builds the real ones from the configuration.
 *
 * Several accounts on one data dir (electron/companion/runAccounts.ts): one agent per IMAP account, each with its
 * own IMAP record and waiting messages (`state/accounts/<id>/`), one outbox drained through a sender that picks
 * the account a reply speaks for, and the reply's copy in that account's Sent folder.
 */
import { withWriteBatch } from '../fsio/writeBatch.js';
import path from 'node:path';
import type { Choice, MessageSource } from '../../shared/model/decisions.js';
import type { ActivityEntry, ConnectionStatus } from '../../shared/ipc/contract.js';
import { SharedDataDir } from '../store/sharedDataDir.js';
import { repairText } from '../store/quarantine.js';
import { rebuildDecisions } from '../scheduling/rebuildDecisions.js';
import type { DataDir } from '../store/dataDir.js';
import type { Orchestrator, ProcessRecord } from '../scheduling/orchestrator.js';
import { createLiveOrchestrator } from '../scheduling/liveOrchestrator.js';
import { FolderSink, outboxOptionsOf } from '../scheduling/outbox.js';
import { formatUidSet, IMAP_ERRORS, ImapSource, type FetchedMessage, type ImapStats } from '../mail/imap/index.js';
import { SmtpSender } from '../mail/smtp/index.js';
import { OutboxQueue, type MessageSender, type QueuedMessage, type UndeliveredRecipient } from '../outbox/index.js';
import type { DeliveryReport } from '../../shared/model/mail.js';
import { normalizeAddress } from '../../shared/util/address.js';
import { applyConfigFile } from '../settings/schedulingSettings.js';
import { english } from '../../shared/i18n/index.js';
import { imapAccountOf, smtpAccountOf, type AgentConfig } from '../settings/agentConfig.js';
import type { AgentHandle } from './agentHandle.js';
import { connectingDetail, connectionStatusOf } from './connectionStatus.js';
import { problemOfCode } from './accountProblem.js';
import { checkSmtpBeside, SmtpHealth, type AccountSmtpHealth, type LoginTester } from './smtpHealth.js';
import { AnalyzedMessages, keywordFor } from './analyzedMessages.js';
import { DavAccounts } from '../caldav/davAccounts.js';

const RECONCILE_MS = 2_000;

export interface AgentStatus {
  readonly connected: boolean;
  readonly lastError: string | null;
  /** The last failure's code (ImapStatus.lastErrorCode), for the account's health. */
  readonly lastErrorCode?: string | null;
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
  /** The app's data dir, shared with the agent (desktop app, web host); otherwise the agent opens config.dataDir. */
  readonly shared?: SharedDataDir;
  /**
   * Several accounts in one data dir: the account's own folder for its IMAP record and its waiting messages
   * (`state/accounts/<id>/`), so one account never marks a message number of another's mailbox.
   */
  readonly accountId?: string;
  /** Several accounts: one sender that picks the account a message speaks for (accountRouter.ts). */
  readonly sender?: AgentSender;
  /** Several accounts: a reply's copy goes to the Sent folder of the account it left through. */
  readonly sentFolders?: SentFolders;
  /** Several accounts: the file's one CalDAV/CardDAV side, shared; its owner (runAccounts.ts) closes it. */
  readonly dav?: DavAccounts;
  /**
   * Several accounts: this account's SMTP problem as the shared router saw it (accountRouter.ts); by default the
   * agent watches its own sender.
   */
  readonly smtpHealth?: AccountSmtpHealth;
}

/** Where copies of sent messages go (filed as handled) and are looked up; by default the agent's own mailbox. */
export interface SentFolders {
  append(raw: Buffer, messageId: string | null): Promise<void>;
  has(messageId: string): Promise<boolean>;
}

/** What the agent needs from the mailbox; `ImapSource` is the real one. */
export type AgentMailbox = Pick<
  ImapSource,
  'runGroups' | 'stop' | 'status' | 'stats' | 'mark' | 'markAll' | 'claimAll' | 'appendToSent' | 'sentHasMessageId'
>;

/** What the agent sends with; `SmtpSender` is the real one. */
export interface AgentSender extends MessageSender, LoginTester {
  close(): void;
}

export interface AgentParts {
  readonly shared: SharedDataDir;
  readonly mailbox: AgentMailbox;
  readonly sender: AgentSender;
  readonly queue: OutboxQueue;
}

type Listener<K extends keyof AgentEvents> = AgentEvents[K];

export class Agent implements AgentHandle {
  readonly #shared: SharedDataDir;
  readonly #imap: AgentMailbox;
  readonly #smtp: AgentSender;
  readonly #smtpHealth: AccountSmtpHealth;
  readonly #queue: OutboxQueue;
  readonly #now: () => number;
  readonly #log: (line: string) => void;
  readonly #server: { readonly host: string; readonly user: string | null };
  readonly #analyzed: AnalyzedMessages;
  readonly #listeners = new Map<keyof AgentEvents, Set<(...args: never[]) => void>>();
  #connection: ConnectionStatus;
  #run: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #stopping = false;
  #tick: Promise<void> = Promise.resolve();
  /** CalDAV/CardDAV accounts (electron/caldav); empty without a `caldav`/`carddav` block. */
  readonly #dav: DavAccounts;
  readonly #ownsDav: boolean;
  readonly #sentFolders: SentFolders;
  /** Unusable files the data dir moved aside (and decisions it rebuilt) are logged, never passed over in silence. */
  readonly #unrepair: () => void;

  private constructor(config: AgentConfig, parts: AgentParts, opts: AgentOptions, dav: DavAccounts) {
    this.#dav = dav;
    this.#ownsDav = opts.dav === undefined;
    this.#sentFolders = opts.sentFolders ?? {
      append: (raw, id) => parts.mailbox.appendToSent(raw, id),
      has: (id) => parts.mailbox.sentHasMessageId(id),
    };
    this.#shared = parts.shared;
    this.#imap = parts.mailbox;
    if (opts.smtpHealth) {
      this.#smtp = parts.sender;
      this.#smtpHealth = opts.smtpHealth;
    } else {
      const health = new SmtpHealth();
      this.#smtp = health.watch(parts.sender);
      this.#smtpHealth = health.view(parts.sender);
    }
    this.#queue = parts.queue;
    this.#now = opts.now ?? (() => Date.now());
    this.#log = opts.log ?? ((l) => process.stderr.write(`${l}\n`));
    this.#server = { host: config.imap.host, user: config.imap.user };
    this.#analyzed = new AnalyzedMessages(parts.shared.root, opts.accountId);
    this.#unrepair = parts.shared.onRepair((moved) => moved.forEach((m) => this.#log(`data dir: ${repairText(m)}`)));
    this.#connection = {
      state: 'connecting',
      message: `Connecting to ${config.imap.host}…`,
      details: [connectingDetail(config.imap.host)],
      since: new Date(this.#now()).toISOString(),
    };
  }

  /** The agent with the real IMAP source, SMTP sender and outbox queue for `config`. */
  static async create(config: AgentConfig, opts: AgentOptions = {}): Promise<Agent> {
    const shared = opts.shared ?? (await SharedDataDir.open(config.dataDir));
    const now = opts.now ?? (() => Date.now());
    const log = opts.log ?? ((l: string) => void process.stderr.write(`${l}\n`));
    const mailbox = new ImapSource(imapAccountOf(config.imap), {
      stateDir:
        opts.accountId === undefined
          ? path.join(shared.root, 'state', 'imap')
          : path.join(shared.root, 'state', 'accounts', opts.accountId, 'imap'),
      timeframeMs: config.timeframeMs,
      now,
      pollSeconds: config.pollSeconds,
      log: (l) => log(`imap: ${l}`),
    });
    const sender = opts.sender ?? new SmtpSender(smtpAccountOf(config.smtp), { log: (l) => log(`smtp: ${l}`) });
    const queue = await OutboxQueue.open(path.join(shared.root, 'outbox'), { now, log: opts.log });
    return Agent.assemble(config, { shared, mailbox, sender, queue }, { ...opts, now, log });
  }

  /** The agent from parts handed in (fakes in tests); applies the configuration file's settings to the data dir. */
  static async assemble(config: AgentConfig, parts: AgentParts, opts: AgentOptions = {}): Promise<Agent> {
    const log = opts.log ?? ((l: string) => void process.stderr.write(`${l}\n`));
    // The agent runs the engine, so its repairs derive unusable decisions again (whoever opened the data dir).
    parts.shared.rebuildWith(rebuildDecisions);
    // Told before the first unit of work, which is the one that repairs.
    const early = parts.shared.onRepair((moved) => moved.forEach((m) => log(`data dir: ${repairText(m)}`)));
    const notes = await parts.shared.run((data) => applyConfigFile(data, config));
    for (const note of notes) (opts.log ?? ((l: string) => void process.stderr.write(`${l}\n`)))(english.render(note));
    const dav =
      opts.dav ??
      (await DavAccounts.open(config, parts.shared, opts.log ?? ((l: string) => void process.stderr.write(`${l}\n`))));
    early();
    return new Agent(config, parts, opts, dav);
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
    this.#run = this.#imap
      .runGroups((group) => this.#handleGroup(group))
      .catch((e: unknown) => {
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
    this.#unrepair();
    if (this.#ownsDav) await this.#dav.close();
  }

  /** This account's Sent folder: a copy of a message it sent, filed as handled (several accounts, see SentFolders). */
  appendToSent(raw: Buffer, messageId: string | null): Promise<void> {
    return this.#imap.appendToSent(raw, messageId);
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

  /** The connection as the app shows it; a new object only when what it says changed. */
  connection(): ConnectionStatus {
    const s = this.status();
    const facts = {
      ...s,
      lastError: serverText(s.lastError, s.lastErrorCode ?? null),
      problem: problemOfCode(s.lastErrorCode ?? null, 'imap'),
      smtp: this.#smtpHealth.problem(),
    };
    const next = connectionStatusOf(facts, this.#server, new Date(this.#now()).toISOString());
    if (next.state !== this.#connection.state || next.message !== this.#connection.message) this.#connection = next;
    return this.#connection;
  }

  onConnection(cb: (status: ConnectionStatus) => void): () => void {
    let previous = this.#connection;
    return this.on('status', () => {
      const next = this.connection();
      if (next !== previous) cb(next);
      previous = next;
    });
  }

  onActivity(cb: (entry: ActivityEntry) => void): () => void {
    return this.on('processed', (r) =>
      cb({
        at: r.at,
        kind: r.kind,
        outcome: r.outcome,
        reason: r.reason,
        uid: r.uid,
        recurrenceId: r.recurrenceId,
        source: 'mail',
        choice: null,
      }),
    );
  }

  onDecisionsChanged(cb: () => void): () => void {
    return this.on('decisionsChanged', cb);
  }

  /** Runs the reconcile step now (after a decision, or when the outbox got a new message). */
  wake(): void {
    if (this.#stopping) return;
    this.#tick = this.#tick
      .then(() => this.#reconcile())
      .catch((e: unknown) => this.#log(`agent: ${(e as Error).message}`));
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
    return createLiveOrchestrator(
      data,
      new FolderSink(path.join(this.#shared.root, 'outbox'), outboxOptionsOf(data.config())),
      this.#now,
      this.#dav.calendar,
    );
  }

  /**
   * A scan batch's messages, together: one claim for the group, one unit of work under the data dir's lock with one
   * write batch (its writes synced together before the lock is released), then one keyword STORE per keyword. A
   * message that could not be processed stays unmarked and is tried again on a later scan; nothing of it was
   * half-applied (atomic writes, and the orchestrator's write order makes a repeat change nothing).
   */
  async #handleGroup(group: readonly FetchedMessage[]): Promise<void> {
    if (group.length === 0) return;
    let claimed: MessageSource[];
    try {
      claimed = await this.#imap.claimAll(group.map((m) => m.ref));
    } catch (e) {
      this.#log(`${describeAll(group.map((m) => m.ref))}: not claimed now: ${(e as Error).message}`);
      return;
    }
    const ours = new Set(claimed.map((r) => r.uid));
    for (const msg of group)
      if (!ours.has(msg.ref.uid)) this.#log(`${describe(msg.ref)}: another client is handling this message`);
    const mine = group.filter((m) => ours.has(m.ref.uid));
    if (mine.length === 0) return;
    const done: { msg: FetchedMessage; record: ProcessRecord }[] = [];
    try {
      await this.#shared.run((data) =>
        withWriteBatch(async () => {
          const orchestrator = this.#orchestrator(data);
          const waiting: [string, MessageSource][] = [];
          for (const msg of mine) {
            try {
              const record = await orchestrator.processIncoming(msg.mail, {
                receivedAt: msg.internalDate,
                message: msg.ref,
              });
              done.push({ msg, record });
              if (record.pendingId) waiting.push([record.pendingId, msg.ref]);
            } catch (e) {
              this.#log(`${describe(msg.ref)}: could not be processed now: ${(e as Error).message}`);
            }
          }
          if (waiting.length) await this.#analyzed.rememberAll(waiting);
        }),
      );
    } catch (e) {
      // The lock, the analyzed record or the flush failed: nothing of the group is known to be on disk, so none is
      // marked; each is tried again on the next scan, where what did reach the disk is found already processed.
      this.#log(`${describeAll(mine.map((m) => m.ref))}: could not be processed now: ${(e as Error).message}`);
      return;
    }
    const data = this.#shared.current;
    await this.#imap.markAll(done.map(({ msg, record }) => ({ ref: msg.ref, value: keywordFor(record, data) })));
    let changed = false;
    let outgoing = false;
    for (const { msg, record } of done) {
      this.#log(
        `${describe(msg.ref)} ${record.method ?? '-'} ${record.uid ?? '-'}: ${record.kind} ${record.outcome}: ${english.render(record.reason)}`,
      );
      this.#emit('processed', { ...record, at: new Date(this.#now()).toISOString() });
      if (record.pendingId || record.outcome === 'applied') changed = true;
      if (record.outgoing.length) outgoing = true;
    }
    if (changed) this.#emit('decisionsChanged');
    if (outgoing) this.wake();
  }

  /** Decided messages get $ITipProcessed; queued outgoing mail is sent. */
  async #reconcile(): Promise<void> {
    // Wall-clock cadence: the agent's clock may be fixed (--now) while time passes for the server.
    checkSmtpBeside(this.#smtpHealth, this.#log, () => {
      if (!this.#stopping) this.#emit('status', this.status());
    });
    await this.#dav.poll(Date.now());
    const analyzed = await this.#analyzed.read();
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
        await this.#analyzed.write(analyzed);
        this.#emit('decisionsChanged');
      }
    }
    const due = this.#queue.nextDue();
    if (due !== null && due <= this.#now()) {
      const r = await this.#queue.drain(this.#smtp, {
        alreadySent: (id) => this.#sentFolders.has(id),
        // Filed already marked handled: our own answer read back from Sent as news would replace what the
        // calendar recorded since it was built.
        afterSend: (raw, sent) => this.#sentFolders.append(raw, sent.messageId),
        onUndelivered: (sent, refused) => this.#noteUndelivered(sent, refused),
      });
      if (r.sent || r.failed || r.retried)
        this.#log(`outbox: sent ${r.sent}, already sent ${r.skipped}, to retry ${r.retried}, failed ${r.failed}`);
    }
    this.#emit('status', this.status());
  }

  /**
   * The SMTP server refused recipients of a message I sent: noted on the event like a bounce (the same report
   * shape, see shared/itip/deliveryFailure.ts), and listed in the activity. The outbox record says what was sent.
   */
  async #noteUndelivered(sent: QueuedMessage, refused: readonly UndeliveredRecipient[]): Promise<void> {
    const { method, uid } = sent;
    if (!method || !uid) {
      this.#log(
        `${sent.messageId ?? 'message'}: refused for ${refused.map((r) => r.recipient).join(', ')}; queued by an earlier version, so the event is not noted`,
      );
      return;
    }
    const deliveryReport: DeliveryReport = {
      recipients: refused.map((r) => ({
        recipient: normalizeAddress(r.recipient),
        action: 'failed',
        status: null,
        diagnostic: r.response ?? 'refused by your SMTP server',
      })),
    };
    const record = await this.#shared.run((data) =>
      this.#orchestrator(data).noteRefused({ messageId: sent.messageId, method, uid }, deliveryReport),
    );
    this.#log(`${record.uid ?? 'message'}: ${english.render(record.reason)}`);
    this.#emit('processed', { ...record, at: new Date(this.#now()).toISOString() });
  }
}

/**
 * What the server said, without the IMAP source's own English sentence before it (imapErrors.ts: "<sentence>:
 * <detail>"): the app words the code itself and shows this as the detail.
 */
function serverText(lastError: string | null, code: string | null): string | null {
  const sentence = code && code in IMAP_ERRORS ? IMAP_ERRORS[code as keyof typeof IMAP_ERRORS] : null;
  return lastError && sentence && lastError.startsWith(`${sentence}: `)
    ? lastError.slice(sentence.length + 2)
    : lastError;
}

function describe(ref: MessageSource): string {
  return `${ref.mailbox}#${ref.uid}`;
}

function describeAll(refs: readonly MessageSource[]): string {
  return refs.length === 1 && refs[0]
    ? describe(refs[0])
    : `${refs[0]?.mailbox ?? ''}#${formatUidSet(refs.map((r) => r.uid))}`;
}
