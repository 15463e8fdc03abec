/**
 * One outbox, several accounts: a reply leaves through the account it speaks for. The router is the
 * MessageSender the agents drain the shared outbox with; it reads the message's sender (the envelope, or the
 * From header the iMIP builder wrote: my address as attendee or organizer) and hands the message to the SMTP
 * sender of the account whose identities (`me`) include it, the first account when none does.
 */
import { envelopeFromHeader, type SmtpSendResult } from '../mail/smtp/index.js';
import type { MessageSender } from '../outbox/index.js';
import { normalizeAddress } from '../../shared/util/address.js';
import { SmtpHealth, type AccountSmtpHealth, type LoginTester, type SmtpProblem } from './smtpHealth.js';
import { isMyAddress } from '../../shared/itip/index.js';

export interface Route {
  readonly accountId: string;
  readonly me: readonly string[];
  readonly sender: MessageSender & LoginTester & { close(): void };
}

export class AccountRouter implements MessageSender {
  readonly #routes: readonly Route[];
  /** Each account's SMTP health: the route a message took is the account whose server answered. */
  readonly #health = new Map<string, AccountSmtpHealth>();

  constructor(routes: readonly Route[]) {
    if (routes.length === 0) throw new Error('AccountRouter needs at least one account');
    this.#routes = routes.map((r) => {
      const health = new SmtpHealth();
      this.#health.set(r.accountId, health.view(r.sender));
      return { ...r, sender: health.watch(r.sender) };
    });
  }

  /** `accountId`'s SMTP health as its agent reads it (its login tests go through its own server). */
  smtpHealth(accountId: string): AccountSmtpHealth {
    const h = this.#health.get(accountId);
    return h ?? { problem: () => null, checkWhenDue: () => Promise.resolve(false) };
  }

  /** What the last sends through `accountId`'s SMTP server say about that account (null: nothing wrong known). */
  smtpProblem(accountId: string): SmtpProblem | null {
    return this.#health.get(accountId)?.problem() ?? null;
  }

  /** The account a message with this sender address leaves through. */
  routeFor(from: string | null): Route {
    const a = from ? normalizeAddress(from) : null;
    // `me+token@…` (a reply token, RFC 5233) leaves through the account of `me@…`.
    return (a && this.#routes.find((r) => isMyAddress(a, r.me))) || (this.#routes[0] as Route);
  }

  send(raw: Buffer, envelope?: { from: string; to: string[] }): Promise<SmtpSendResult> {
    const from = envelope?.from ?? envelopeFromHeader(raw)?.from ?? null;
    return this.routeFor(from).sender.send(raw, envelope);
  }

  close(): void {
    for (const r of this.#routes) r.sender.close();
  }
}
