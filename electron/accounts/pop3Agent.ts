/**
 * The agent of a POP3 account: polls the mailbox every `pollSeconds` (POP3 has no IDLE), runs each new message
 * through the orchestrator under the data dir's lock, and sends what comes out over the account's SMTP. Every
 * message stays on the server; the UIDL record in the data dir (Pop3Source) marks what was handled. A message
 * that could not be processed now is offered again on the next poll.
 *
 * Compared with the IMAP agent there is no claim (POP3 cannot mark a message for other clients), no keywords
 * and no Sent folder: replies are sent once, guarded by the outbox's own record.
 */
import path from 'node:path';
import type { ProcessRecord } from '../scheduling/orchestrator.js';
import { createLiveOrchestrator } from '../scheduling/liveOrchestrator.js';
import { FolderSink } from '../scheduling/outbox.js';
import { SharedDataDir } from '../store/sharedDataDir.js';
import { OutboxQueue, SmtpSender, type MessageSender, type SmtpAccount } from '../mail/smtp/index.js';
import { Pop3Source, type Pop3PollResult } from '../mail/pop3/pop3Source.js';
import type { Pop3Account } from '../mail/pop3/pop3Client.js';

export interface Pop3AgentOptions {
  /** Names the record file: one per account in one data dir. */
  readonly accountId: string;
  readonly pop3: Pop3Account;
  readonly smtp?: SmtpAccount | null;
  /** Several accounts: the shared sender that picks the account a reply speaks for (accountRouter.ts). */
  readonly sender?: MessageSender & { close(): void };
  readonly dataDir: string;
  readonly pollSeconds?: number;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  readonly onProcessed?: (record: ProcessRecord & { readonly at: string }) => void;
}

export class Pop3Agent {
  readonly #shared: SharedDataDir;
  readonly #source: Pop3Source;
  readonly #queue: OutboxQueue;
  #smtp: (MessageSender & { close(): void }) | null;
  readonly #opts: Pop3AgentOptions;
  readonly #now: () => number;
  readonly #log: (line: string) => void;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> = Promise.resolve();
  #stopping = false;

  private constructor(shared: SharedDataDir, queue: OutboxQueue, opts: Pop3AgentOptions) {
    this.#shared = shared;
    this.#queue = queue;
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    this.#log = opts.log ?? ((l) => process.stderr.write(`${l}\n`));
    this.#source = new Pop3Source(opts.pop3, { stateFile: pop3RecordFile(shared.root, opts.accountId), log: (l) => this.#log(`pop3: ${l}`) });
    this.#smtp = opts.sender ?? null;
    if (!this.#smtp && opts.smtp) this.#smtp = new SmtpSender(opts.smtp, { log: (l) => this.#log(`smtp: ${l}`) });
  }

  static async create(opts: Pop3AgentOptions): Promise<Pop3Agent> {
    const shared = await SharedDataDir.open(opts.dataDir);
    const queue = await OutboxQueue.open(path.join(shared.root, 'outbox'), { now: opts.now ?? Date.now, ...(opts.log ? { log: opts.log } : {}) });
    return new Pop3Agent(shared, queue, opts);
  }

  get dataDir(): SharedDataDir {
    return this.#shared;
  }

  /** One poll and one outbox drain. Connection and login failures are logged and retried on the next poll. */
  async pollOnce(): Promise<Pop3PollResult | null> {
    let result: Pop3PollResult | null = null;
    try {
      result = await this.#source.poll(async ({ uid, raw }) => {
        const record = await this.#shared.run((data) =>
          createLiveOrchestrator(data, new FolderSink(path.join(this.#shared.root, 'outbox')), this.#now).processMail(raw, { receivedAt: null }),
        );
        this.#log(`pop3 ${uid} ${record.method ?? '-'} ${record.uid ?? '-'}: ${record.kind} ${record.outcome}: ${record.reason}`);
        this.#opts.onProcessed?.({ ...record, at: new Date(this.#now()).toISOString() });
        return 'handled';
      });
    } catch (e) {
      this.#log(`pop3: ${this.#opts.pop3.user}@${this.#opts.pop3.host}: ${(e as Error).message}`);
    }
    await this.#drain();
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
    await this.#running.catch(() => undefined);
    this.#smtp?.close();
  }

  async #drain(): Promise<void> {
    const due = this.#queue.nextDue();
    if (!this.#smtp || due === null || due > this.#now()) return;
    const r = await this.#queue.drain(this.#smtp, {});
    if (r.sent || r.failed || r.retried) this.#log(`outbox: sent ${r.sent}, to retry ${r.retried}, failed ${r.failed}`);
  }
}

/** `<data dir>/state/pop3/<account id>.json`; the id is made file-name safe. */
export function pop3RecordFile(root: string, accountId: string): string {
  return path.join(root, 'state', 'pop3', `${accountId.replace(/[^A-Za-z0-9._@-]/g, '_')}.json`);
}
