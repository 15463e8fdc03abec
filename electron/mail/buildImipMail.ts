/**
 * Turns one ItipMail (an OutgoingItip with its words rendered) into the raw RFC 5322 bytes of an iMIP mail, composed by nodemailer's MailComposer.
 * Owns the layout (RFC 6047 §2.4 plus the CalConnect iMIP guide's interoperability advice):
 *
 *   multipart/mixed
 *   ├─ multipart/alternative
 *   │  ├─ text/plain               msg.text
 *   │  ├─ text/html                msg.text, HTML-escaped
 *   │  └─ text/calendar; charset=utf-8; method=<METHOD>   (what Outlook needs for its buttons, nextcloud#12885)
 *   └─ application/ics; name=invite.ics  (attachment, for clients that only look at attachments)
 *
 * Both calendar parts come from nodemailer's `icalEvent` (it adds the attachment itself;
 * adding it again duplicates it). The text/calendar part is quoted-printable, which keeps CRLFs and
 * 8-bit text byte-exact through any relay. Sending is not done here: see the SMTP/outbox adapters.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import type { ItipMail } from '../../shared/model/outgoing.js';
import type { MailAddress } from '../../shared/model/mail.js';
import { readTopLevelMethod } from '../../shared/mail/icalText.js';

export interface BuildImipOptions {
  /** `<id@host>`; nodemailer generates one from the From domain when absent. */
  messageId?: string;
  /** The Date header; now when absent. */
  date?: Date;
  /** The Message-ID this answers (the invitation for a REPLY); also written as References. */
  inReplyTo?: string | null;
  /** RFC 3834 §5: mark mail sent without a person's action (automatic replies, auto-cancellations). */
  autoSubmitted?: boolean;
}

/** Thrown (as a rejected promise) when the engine hands over an inconsistent message: a programming error. */
export class ImipBuildError extends Error {
  constructor(
    readonly code: 'ITIP_METHOD_MISSING' | 'ITIP_METHOD_MISMATCH',
    message: string,
  ) {
    super(message);
    this.name = 'ImipBuildError';
  }
}

export async function buildImipMail(msg: ItipMail, opts: BuildImipOptions = {}): Promise<Buffer> {
  const ics = toCrlf(msg.ics);
  // RFC 6047 §2.4: the method parameter MUST match the body's METHOD. We control both ends, so never send
  // the mismatch we tolerate on input.
  const bodyMethod = readTopLevelMethod(ics);
  if (bodyMethod === null) {
    throw new ImipBuildError(
      'ITIP_METHOD_MISSING',
      `The iCalendar body for ${msg.uid} has no METHOD; an iMIP message needs one (RFC 6047 §2.4).`,
    );
  }
  if (bodyMethod !== msg.method) {
    throw new ImipBuildError(
      'ITIP_METHOD_MISMATCH',
      `The iCalendar body for ${msg.uid} says METHOD:${bodyMethod} but the message is a ${msg.method}.`,
    );
  }

  const headers: Record<string, string> = {};
  if (opts.autoSubmitted) headers['Auto-Submitted'] = 'auto-generated';

  const composer = new MailComposer({
    from: toNodemailerAddress(msg.from),
    to: toNodemailerAddress(msg.to),
    subject: boundedText(msg.subject, MAX_SUBJECT),
    // RFC 5322 §2.3: CRLF only. nodemailer writes 7bit text parts as given, so a bare LF would go out as is.
    text: toCrlf(msg.text),
    html: toCrlf(textToHtml(msg.text)),
    icalEvent: { method: msg.method, content: ics, filename: 'invite.ics' },
    headers,
    ...(opts.messageId ? { messageId: opts.messageId } : {}),
    ...(opts.date ? { date: opts.date } : {}),
    // RFC 5322 §3.6.4: a reply names the message it answers in both fields.
    // The incoming Message-ID is the sender's text: one that could not stay within a header line is left out.
    ...(opts.inReplyTo && opts.inReplyTo.length <= MAX_MESSAGE_ID && MSG_ID.test(opts.inReplyTo)
      ? { inReplyTo: opts.inReplyTo, references: opts.inReplyTo }
      : {}),
  });
  return composer.compile().build();
}

/** The html alternative: the same words, every character that means something in HTML escaped. */
export function textToHtml(text: string): string {
  const body = escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>\n');
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body><p>${body}</p></body></html>\n`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** RFC 5545 §3.1 and RFC 5322 §2.3: lines end in CRLF. The engine promises it for the ICS; a bare LF would break Outlook. */
function toCrlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

/*
 * RFC 5322 §2.1.1: a header line is at most 998 octets. nodemailer folds encoded words and text at spaces, but a
 * long run without spaces (an ASCII display name or subject taken from someone else's invitation) stays one line.
 * Bounding the length of names and subject keeps every line within the limit; addresses are checked before this
 * (an addr-spec is at most 254 octets, RFC 5321 §4.5.3.1).
 */
const MAX_NAME = 200;
const MAX_SUBJECT = 400;
const MAX_MESSAGE_ID = 900;
/** One msg-id (RFC 5322 §3.6.4): in angle brackets, no white space or brackets inside. */
const MSG_ID = /^<[^<>\s]+>$/;

/** Control characters (a CR or LF would end the header) become spaces; the text is cut at `max` characters. */
function boundedText(text: string, max: number): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

function toNodemailerAddress(a: MailAddress): { name: string; address: string } | string {
  const name = a.name ? boundedText(a.name, MAX_NAME) : '';
  return name ? { name, address: a.address } : a.address;
}
