/**
 * Sends complete RFC 5322 messages over SMTP submission (RFC 6409) with nodemailer's SMTP transport, one
 * connection per message: the app sends a handful of replies at a time, and a fresh connection means a fresh
 * XOAUTH2 token and no idle socket for a server to drop. Owns: getting the token, the envelope when the caller
 * gives none, and turning every failure into an SmtpFailure. It never throws.
 *
 * The bytes go out exactly as given (nodemailer's `raw`): no header is added or rewritten, so the text/calendar
 * part arrives byte-identical and the Message-ID the queue recorded is the one the recipient sees.
 */
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { SMTPSentMessageInfo, SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import type { SmtpAccount, SmtpEnvelope, SmtpFailure, SmtpSendResult, SmtpTestResult } from './smtpTypes.js';
import { checkAccount, transportOptions } from './transportOptions.js';
import { classifySmtpError, failure } from './smtpFailures.js';
import { envelopeFromHeader, readMessageId } from './mailEnvelope.js';

type Transport = Mail<SMTPSentMessageInfo, SMTPTransportOptions>;

export interface SmtpSenderOptions {
  /** One line per send or failure; never credentials or message content. */
  readonly log?: (line: string) => void;
}

export class SmtpSender {
  readonly #account: SmtpAccount;
  readonly #log: (line: string) => void;
  readonly #open = new Set<Transport>();
  #closed = false;

  constructor(account: SmtpAccount, opts: SmtpSenderOptions = {}) {
    this.#account = account;
    this.#log = opts.log ?? (() => undefined);
  }

  /** Sends `raw`; the envelope comes from its From/Sender and To/Cc headers unless given. */
  async send(raw: Buffer, envelope?: { from: string; to: string[] }): Promise<SmtpSendResult> {
    const messageId = readMessageId(raw);
    const env: SmtpEnvelope | null = envelope ?? envelopeFromHeader(raw);
    if (!env || env.to.length === 0 || env.from.trim() === '') {
      return failure(
        'REJECTED',
        true,
        `The message ${messageId ?? '(no Message-ID)'} has no sender or no recipient in its From/To/Cc headers, so it cannot be sent.`,
      );
    }
    const opened = await this.#openTransport();
    if (!opened.ok) return this.#logged(opened, messageId);
    const transport = opened.transport;
    try {
      const info = await transport.sendMail({ envelope: { from: env.from, to: [...env.to] }, raw });
      const rejected = info.rejected ?? [];
      this.#log(
        `sent ${messageId ?? '(no Message-ID)'} to ${env.to.join(', ')}: ${info.response}${rejected.length ? `; refused: ${rejected.join(', ')}` : ''}`,
      );
      return { ok: true, response: info.response, messageId, ...(rejected.length ? { rejected } : {}) };
    } catch (e) {
      return this.#logged(classifySmtpError(e, this.#account), messageId);
    } finally {
      this.#release(transport);
    }
  }

  /** Connects, upgrades to TLS, logs in and says goodbye (nodemailer verify): the settings dialog's button. */
  static testConnection(account: SmtpAccount): Promise<SmtpTestResult> {
    return new SmtpSender(account).testLogin();
  }

  /** The same with this sender's account: how the agents learn of a refused login before a message waits on it. */
  async testLogin(): Promise<SmtpTestResult> {
    const opened = await this.#openTransport();
    if (!opened.ok) return opened;
    try {
      await opened.transport.verify();
      return { ok: true };
    } catch (e) {
      return classifySmtpError(e, this.#account);
    } finally {
      this.#release(opened.transport);
    }
  }

  /** Closes connections still open; later sends fail with PROTOCOL instead of opening new ones. */
  close(): void {
    this.#closed = true;
    for (const t of this.#open) t.close();
    this.#open.clear();
  }

  async #openTransport(): Promise<{ ok: true; transport: Transport } | SmtpFailure> {
    if (this.#closed) return failure('PROTOCOL', false, 'The SMTP sender was closed.');
    const problem = checkAccount(this.#account);
    if (problem) return problem;
    let token: string | null = null;
    if (this.#account.accessToken) {
      try {
        token = await this.#account.accessToken();
      } catch (e) {
        // Getting a token is a network call to the identity provider; it may work next time.
        return failure(
          'AUTH',
          false,
          `Could not get an access token for ${this.#account.user ?? 'the account'}: ${e instanceof Error ? e.message : String(e)}.`,
        );
      }
    }
    const transport = nodemailer.createTransport(transportOptions(this.#account, token));
    this.#open.add(transport);
    return { ok: true, transport };
  }

  #release(transport: Transport): void {
    this.#open.delete(transport);
    transport.close();
  }

  #logged(f: SmtpFailure, messageId: string | null): SmtpFailure {
    this.#log(
      `not sent ${messageId ?? '(no Message-ID)'}: ${f.code}${f.permanent ? ' (permanent)' : ''}: ${f.message}`,
    );
    return f;
  }
}
