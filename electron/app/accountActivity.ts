/**
 * The activity list's record of account trouble: `state/accounts.jsonl`, one line when an account's login or
 * sign-in starts failing (the server refused the login, AUTH_REFUSED; the provider refused the refresh token,
 * AUTH_SIGN_IN_AGAIN) and one when it works again. Once per episode, never once per poll: an episode is open from
 * its failure line until its "works again" line, across restarts of the agents and of the app (the log's last
 * line per account says whether one is open). Appended only (jsonlAppender.ts: a torn last line stays one bad
 * line); lines that cannot be read are skipped.
 */
import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AccountProblemCode, ActivityEntry, MailAccountView } from '../../shared/ipc/contract.js';
import { readMessage } from '../../shared/model/storedMessage.js';
import { JsonlAppender } from '../store/jsonlAppender.js';

export const ACCOUNT_ACTIVITY_FILE = 'accounts.jsonl';

/** The problems that open an episode: the person must act (a password, a sign-in). */
const EPISODE_CODES: ReadonlySet<AccountProblemCode> = new Set(['AUTH_REFUSED', 'AUTH_SIGN_IN_AGAIN']);

type Health = Pick<MailAccountView, 'health' | 'problemCode' | 'reason'>;

interface Line {
  readonly entry: ActivityEntry;
  /** The failure's code; null on a "works again" line. */
  readonly code: AccountProblemCode | null;
}

export class AccountActivity {
  readonly file: string;
  readonly #log: JsonlAppender;
  readonly #now: () => number;
  /** Open episodes by account id, from the log's last line per account; loaded before the first change. */
  readonly #open = new Map<string, AccountProblemCode>();
  #chain: Promise<unknown>;

  constructor(file: string, now: () => number, fsync = true) {
    this.file = file;
    this.#now = now;
    this.#log = new JsonlAppender(file, fsync);
    this.#chain = readLines(file).then((lines) => {
      for (const l of lines) {
        const id = l.entry.account ?? '';
        if (l.code) this.#open.set(id, l.code);
        else this.#open.delete(id);
      }
    });
  }

  /**
   * Compares the account's health with its open episode: a new login or sign-in failure is recorded (and returned,
   * for the live list), as is the first time the account works again; everything else returns null.
   */
  observe(accountId: string, name: string, h: Health): Promise<ActivityEntry | null> {
    const run = this.#chain.then(() => this.#observe(accountId, name, h));
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** The account was removed: its episode ends without a line. */
  forget(accountId: string): void {
    this.#chain = this.#chain.then(() => this.#open.delete(accountId));
  }

  async #observe(accountId: string, name: string, h: Health): Promise<ActivityEntry | null> {
    const open = this.#open.get(accountId);
    const at = new Date(this.#now()).toISOString();
    const base = { at, kind: 'account', uid: null, recurrenceId: null, source: 'account', choice: null } as const;
    if (h.problemCode && EPISODE_CODES.has(h.problemCode) && h.reason) {
      if (open === h.problemCode) return null;
      const entry: ActivityEntry = { ...base, outcome: 'error', reason: h.reason, account: accountId };
      await this.#append({ entry, code: h.problemCode });
      this.#open.set(accountId, h.problemCode);
      return entry;
    }
    if (h.health !== 'ok' || open === undefined) return null;
    const key =
      open === 'AUTH_SIGN_IN_AGAIN'
        ? 'accounts.activity.restored.AUTH_SIGN_IN_AGAIN'
        : 'accounts.activity.restored.login';
    const entry: ActivityEntry = {
      ...base,
      outcome: 'applied',
      reason: { key, params: { account: name } },
      account: accountId,
    };
    await this.#append({ entry, code: null });
    this.#open.delete(accountId);
    return entry;
  }

  async #append(line: Line): Promise<void> {
    mkdirSync(path.dirname(this.file), { recursive: true });
    await this.#log.append({ ...line.entry, code: line.code });
  }
}

/** The recorded entries, oldest first (for the activity list). */
export async function readAccountActivity(file: string): Promise<ActivityEntry[]> {
  return (await readLines(file)).map((l) => l.entry);
}

async function readLines(file: string): Promise<Line[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return text
    .split('\n')
    .map(lineOf)
    .filter((l): l is Line => l !== null);
}

function lineOf(text: string): Line | null {
  if (!text.trim()) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  const reason = readMessage(r.reason);
  if (typeof r.at !== 'string' || typeof r.account !== 'string' || !reason) return null;
  if (r.outcome !== 'error' && r.outcome !== 'applied') return null;
  // A failure line opens an episode even if its code cannot be read.
  const code =
    r.outcome === 'error' ? ((typeof r.code === 'string' ? r.code : 'AUTH_REFUSED') as AccountProblemCode) : null;
  const entry: ActivityEntry = {
    at: r.at,
    kind: 'account',
    outcome: r.outcome,
    reason,
    uid: null,
    recurrenceId: null,
    source: 'account',
    choice: null,
    account: r.account,
  };
  return { entry, code };
}
