/**
 * The durable outbox: every `.eml` in `<dataDir>/outbox/` (written by outboxFolder.ts) is a message to send.
 * Owns the drain loop (file-name order, which is creation order), serialising drains within one instance,
 * pausing the whole queue when the account or server is at fault, and the synchronous views the agent's timer
 * needs (`nextDue`, `list`). Per-message steps are in outboxDelivery.ts; cross-process exclusion is a lock
 * file per message (electron/fsio/lockFile.ts); what is kept how long is outboxRetention.ts.
 *
 * Layout: `outbox/<name>.eml` + `<name>.state.json` (+ `<name>.lock` while sending); `outbox/sent/` and
 * `outbox/failed/` keep each finished message with its final record (server answer, times, attempts) for
 * `keepFinishedMs` (90 days unless configured), then the drain removes them.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SmtpFailureCode } from '../mail/smtp/smtpTypes.js';
import { deliverOne, type DeliveryContext, type DrainHooks, type MessageSender } from './outboxDelivery.js';
import { STATE_SUFFIX, isMessageName } from './outboxFiles.js';
import { parseRecord, retryDelay } from './outboxRecord.js';
import { pruneFinished, removeLeftovers } from './outboxRetention.js';
import { OutboxScanner, type QueueEntry } from './outboxScan.js';

export type { DrainHooks, MessageSender } from './outboxDelivery.js';

export interface OutboxQueueOptions {
  /** The clock for due times and records (the agent's, fixed in tests). */
  readonly now: () => number;
  readonly log?: (line: string) => void;
  /** Jitter source in [0, 1); Math.random unless a test fixes it. */
  readonly random?: () => number;
  /** How long sent/ and failed/ keep a finished message, counted from its last attempt (default 90 days). */
  readonly keepFinishedMs?: number;
}

const DAY_MS = 24 * 3600 * 1000;
export const KEEP_FINISHED_MS = 90 * DAY_MS;

export interface DrainResult {
  readonly sent: number;
  /** Already in the Sent folder (alreadySent), or sent by an earlier run that stopped before moving the file. */
  readonly skipped: number;
  readonly retried: number;
  readonly failed: number;
  /** Set when the drain stopped early because the account or server failed (AUTH, TLS, unreachable, 421). */
  readonly halted: { readonly code: SmtpFailureCode; readonly message: string } | null;
}

export type OutboxListing = Omit<QueueEntry, 'locked'>;

export class OutboxQueue {
  readonly #dir: string;
  readonly #now: () => number;
  readonly #log: (line: string) => void;
  readonly #random: () => number;
  readonly #scanner: OutboxScanner;
  #tail: Promise<unknown> = Promise.resolve();
  /** While the account or server is failing, nothing is tried before this time (in memory: a restart tries once). */
  #pausedUntil = 0;
  #haltStreak = 0;
  readonly #keepFinishedMs: number;
  /** When finished messages were last pruned (the first drain of a run prunes, then at most daily). */
  #prunedAt: number | null = null;
  /** Message-IDs of what sent/ holds, by record file name (finished records never change). */
  readonly #sentIndex = new Map<string, string | null>();

  private constructor(dir: string, opts: OutboxQueueOptions) {
    this.#dir = path.resolve(dir);
    this.#now = opts.now;
    this.#log = (l) => opts.log?.(`outbox: ${l}`);
    this.#random = opts.random ?? Math.random;
    this.#keepFinishedMs = opts.keepFinishedMs ?? KEEP_FINISHED_MS;
    this.#scanner = new OutboxScanner(this.#dir);
  }

  static async open(dir: string, opts: OutboxQueueOptions): Promise<OutboxQueue> {
    await fs.mkdir(path.join(dir, 'sent'), { recursive: true });
    await fs.mkdir(path.join(dir, 'failed'), { recursive: true });
    return new OutboxQueue(dir, opts);
  }

  /**
   * Sends every message due now. Drains of one queue run one after the other (a call during a drain waits for
   * it, then drains again, picking up files written meanwhile); other queues and processes are kept off a
   * message by its lock file. Never rejects for one message's trouble: that message is logged and left queued.
   */
  drain(sender: MessageSender, hooks: DrainHooks = {}): Promise<DrainResult> {
    const run = this.#tail.then(() => this.#drainOnce(sender, hooks));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /** Earliest time (epoch ms) a queued message is due, or null when the outbox is empty. */
  nextDue(): number | null {
    const entries = this.#scanner.scan(this.#now());
    if (entries.length === 0) return null;
    const earliest = Math.min(...entries.map((e) => e.nextAttemptAt));
    return Math.max(earliest, this.#pausedUntil);
  }

  list(): OutboxListing[] {
    return this.#scanner.scan(this.#now()).map(({ locked: _locked, ...rest }) => rest);
  }

  /** Ends a pause after the user changed the account settings ("Send now"); back-off of each message stays. */
  resume(): void {
    this.#pausedUntil = 0;
    this.#haltStreak = 0;
  }

  async #drainOnce(sender: MessageSender, hooks: DrainHooks): Promise<DrainResult> {
    const totals = { sent: 0, skipped: 0, retried: 0, failed: 0 };
    if (this.#prunedAt === null || this.#now() - this.#prunedAt >= DAY_MS) {
      this.#prunedAt = this.#now();
      await this.pruneFinished().catch((e: unknown) =>
        this.#log(`pruning sent/ and failed/: ${e instanceof Error ? e.message : String(e)}`),
      );
    }
    if (this.#pausedUntil > this.#now()) return { ...totals, halted: null };
    const names = (await fs.readdir(this.#dir)).filter(isMessageName).sort();
    await removeLeftovers(this.#dir, new Set(names));
    const sentIds = await this.#sentMessageIds();
    const ctx: DeliveryContext = {
      dir: this.#dir,
      now: this.#now,
      random: this.#random,
      log: this.#log,
      sender,
      hooks,
      sentIds,
    };
    for (const name of names) {
      let outcome;
      try {
        outcome = await deliverOne(ctx, name);
      } catch (e) {
        // Disk full, permissions: this message stays where it is, with whatever record was last written.
        this.#log(`${name}: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      switch (outcome.kind) {
        case 'sent':
          this.#haltStreak = 0;
          totals.sent++;
          break;
        case 'skipped':
          totals.skipped++;
          break;
        case 'failed':
          totals.failed++;
          break;
        case 'retried':
          totals.retried++;
          if (outcome.halt) {
            this.#pausedUntil = this.#now() + retryDelay(++this.#haltStreak, this.#random);
            this.#log(`paused until ${new Date(this.#pausedUntil).toISOString()}: ${outcome.halt.message}`);
            return { ...totals, halted: { code: outcome.halt.code, message: outcome.halt.message } };
          }
          break;
        case 'busy':
        case 'notDue':
          break;
      }
    }
    return { ...totals, halted: null };
  }

  /**
   * The Message-IDs in sent/: a message regenerated after a crash (the same cause gives the same Message-ID, see
   * electron/scheduling/outbox.ts) is known as sent here even when its copy never reached the Sent folder.
   */
  async #sentMessageIds(): Promise<Set<string>> {
    const dir = path.join(this.#dir, 'sent');
    const names = new Set((await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(STATE_SUFFIX)));
    for (const name of this.#sentIndex.keys()) if (!names.has(name)) this.#sentIndex.delete(name);
    for (const name of names) {
      if (this.#sentIndex.has(name)) continue;
      const r = parseRecord(await fs.readFile(path.join(dir, name), 'utf8').catch(() => ''));
      this.#sentIndex.set(name, r !== 'damaged' && r.state === 'sent' ? r.messageId : null);
    }
    return new Set([...this.#sentIndex.values()].filter((id): id is string => id !== null));
  }

  /** Removes finished messages older than the retention (outboxRetention.ts); returns how many. */
  async pruneFinished(): Promise<number> {
    const removed = await pruneFinished(this.#dir, this.#now() - this.#keepFinishedMs);
    if (removed)
      this.#log(
        `removed ${removed} finished message${removed === 1 ? '' : 's'} older than ${Math.round(this.#keepFinishedMs / DAY_MS)} days`,
      );
    return removed;
  }
}
