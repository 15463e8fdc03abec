/**
 * A scripted stand-in for SmtpSender in queue tests: records every message it is handed and answers from a
 * script (per call, or per recipient), so queue semantics are tested without a socket.
 */
import type { MessageSender } from '../../../electron/outbox/outboxQueue.js';
import type { SmtpSendResult } from '../../../electron/mail/smtp/smtpTypes.js';
import { envelopeFromHeader, readMessageId } from '../../../electron/mail/smtp/mailEnvelope.js';

export type Answer = SmtpSendResult | ((raw: Buffer) => SmtpSendResult | Promise<SmtpSendResult>);

export const OK: SmtpSendResult = { ok: true, response: '250 2.0.0 Ok: queued', messageId: null };
export const DEFERRED: SmtpSendResult = {
  ok: false,
  code: 'TEMPORARY',
  permanent: false,
  message: 'deferred (451 4.3.0 try later)',
  responseCode: 451,
  response: '451 4.3.0 try later',
};
export const UNREACHABLE: SmtpSendResult = {
  ok: false,
  code: 'HOST_UNREACHABLE',
  permanent: false,
  message: 'Cannot reach the mail server',
};
export const BAD_LOGIN: SmtpSendResult = {
  ok: false,
  code: 'AUTH',
  permanent: true,
  message: 'did not accept the login (535 5.7.8)',
  responseCode: 535,
  response: '535 5.7.8 Authentication failed.',
};
export const UNKNOWN_USER: SmtpSendResult = {
  ok: false,
  code: 'REJECTED',
  permanent: true,
  message: 'refused the recipient (550 5.1.1 User unknown)',
  responseCode: 550,
  response: '550 5.1.1 <x@example.test>: User unknown',
};

export class FakeSender implements MessageSender {
  readonly calls: { messageId: string | null; to: string[]; raw: Buffer }[] = [];
  /** Answers by recipient address; otherwise the next one from `script`; otherwise OK. */
  readonly byRecipient = new Map<string, Answer>();
  script: Answer[] = [];
  active = 0;
  maxActive = 0;
  delayMs = 0;

  async send(raw: Buffer, envelope?: { from: string; to: string[] }): Promise<SmtpSendResult> {
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      const to = envelope?.to ?? [...(envelopeFromHeader(raw)?.to ?? [])];
      this.calls.push({ messageId: readMessageId(raw), to, raw });
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      const answer = this.byRecipient.get(to[0] ?? '') ?? this.script.shift() ?? OK;
      return typeof answer === 'function' ? await answer(raw) : answer;
    } finally {
      this.active--;
    }
  }

  sentIds(): (string | null)[] {
    return this.calls.map((c) => c.messageId);
  }
}
