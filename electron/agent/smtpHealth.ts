/**
 * What the last sends through an account's SMTP server say about the account: a refused login (RFC 4954 §6: 535,
 * 534, 538, 530), an untrusted certificate or an unreachable server lasts until a message goes through again. One
 * per account: the single agent watches its own sender; with several accounts the router watches each route
 * (accountRouter.ts), because one agent's drain sends through every account.
 */
import type { SmtpSendResult } from '../mail/smtp/index.js';
import type { MessageSender } from '../outbox/index.js';
import { problemOfSmtp, type AccountProblem } from './accountProblem.js';

export interface SmtpProblem extends AccountProblem {
  /** The server's reply (or the sender's sentence when none came): the detail after the catalogue's wording. */
  readonly message: string;
}

export class SmtpHealth {
  #problem: SmtpProblem | null = null;

  /** The account's SMTP problem now, or null (nothing sent yet, or the last send went through). */
  get problem(): SmtpProblem | null {
    return this.#problem;
  }

  observe(result: SmtpSendResult): void {
    if (result.ok) {
      this.#problem = null;
      return;
    }
    const p = problemOfSmtp(result.code);
    // A refused recipient says nothing about the login; an earlier login problem stays until a send goes through.
    // The server's own reply is the detail; the sender's sentence where there was none (no connection).
    if (p) this.#problem = { ...p, message: result.response || result.message };
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
