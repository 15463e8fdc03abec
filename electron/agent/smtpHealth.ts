/**
 * What an account's SMTP server says about the account: a refused login (RFC 4954 §6: 535, 534, 538, 530), an
 * untrusted certificate or an unreachable server lasts until a message goes through again, or a login test passes.
 * The last sends tell, and a login without a message (`checkWhenDue`: at the start, then every 15 minutes while a
 * problem stands), so a wrong SMTP password shows as the account's health before an answer waits on it. One per
 * account: the single agent watches its own sender; with several accounts the router watches each route
 * (accountRouter.ts), because one agent's drain sends through every account.
 */
import type { SmtpSendResult, SmtpTestResult } from '../mail/smtp/index.js';
import type { MessageSender } from '../outbox/index.js';
import { problemOfSmtp, type AccountProblem } from './accountProblem.js';

export interface SmtpProblem extends AccountProblem {
  /** The server's reply (or the sender's sentence when none came): the detail after the catalogue's wording. */
  readonly message: string;
}

/** A standing problem is looked at again this often (a repaired server or network shows without a send). */
export const SMTP_RECHECK_MS = 15 * 60_000;

/** A sender that can log in without sending (SmtpSender.testLogin); test fakes usually cannot. */
export interface LoginTester {
  testLogin?(): Promise<SmtpTestResult>;
}

/** One account's SMTP health as its agent reads it: the problem now, and a login test when one is due. */
export interface AccountSmtpHealth {
  problem(): SmtpProblem | null;
  /** Resolves true when the login test ran and changed the problem. */
  checkWhenDue(now: number): Promise<boolean>;
}

/**
 * The login test when due, beside the agent's own work (a slow server holds nothing up): a test that changed the
 * account's health is logged and told to `changed`.
 */
export function checkSmtpBeside(health: AccountSmtpHealth, log: (line: string) => void, changed: () => void): void {
  void health.checkWhenDue(Date.now()).then(
    (didChange) => {
      if (!didChange) return;
      const p = health.problem();
      log(p ? `smtp: login test: ${p.code}: ${p.message}` : 'smtp: login test: the login works again');
      changed();
    },
    () => undefined,
  );
}

export class SmtpHealth {
  #problem: SmtpProblem | null = null;
  #checkedAt: number | null = null;
  #checking = false;

  /** The account's SMTP problem now, or null (nothing sent yet, or the last send went through). */
  get problem(): SmtpProblem | null {
    return this.#problem;
  }

  observe(result: SmtpSendResult | SmtpTestResult): void {
    if (result.ok) {
      this.#problem = null;
      return;
    }
    const p = problemOfSmtp(result.code);
    // A refused recipient says nothing about the login; an earlier login problem stays until a send goes through.
    // The server's own reply is the detail; the sender's sentence where there was none (no connection).
    if (p) this.#problem = { ...p, message: result.response || result.message };
  }

  /**
   * Logs in through `sender` without sending when due: the first time, then while a problem stands every
   * SMTP_RECHECK_MS (a wrong password is not tried more often than that). Resolves true when the problem changed.
   */
  async checkWhenDue(now: number, sender: LoginTester): Promise<boolean> {
    if (!sender.testLogin || this.#checking) return false;
    if (this.#checkedAt !== null && (this.#problem === null || now - this.#checkedAt < SMTP_RECHECK_MS)) return false;
    this.#checking = true;
    this.#checkedAt = now;
    const before = this.#problem;
    try {
      this.observe(await sender.testLogin());
    } catch {
      // A test that cannot even run says nothing about the account.
    } finally {
      this.#checking = false;
    }
    const after = this.#problem;
    return before?.code !== after?.code || before?.message !== after?.message;
  }

  /** This health as one account's agent reads it, with `sender` for the login tests. */
  view(sender: LoginTester): AccountSmtpHealth {
    return { problem: () => this.#problem, checkWhenDue: (now) => this.checkWhenDue(now, sender) };
  }

  /** `sender`, with every result observed here. */
  watch(sender: MessageSender & { close(): void }): MessageSender & { close(): void } {
    return {
      send: async (raw, envelope) => {
        const r = await sender.send(raw, envelope);
        this.observe(r);
        return r;
      },
      close: () => sender.close(),
    };
  }
}
