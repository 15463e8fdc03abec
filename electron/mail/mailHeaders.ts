/**
 * Turns mailparser's header view into the plain data of IncomingMail. Owns the places where mailparser's
 * convenience is wrong for us: it replaces an unreadable Date with "now" (mail-parser.js processHeaders), which
 * would put an undated message inside every time frame, so the Date is read from the raw header line; and
 * Authentication-Results must stay raw and in header order (topmost = added last = newest, RFC 8601 §5).
 */
import type { AddressObject, EmailAddress, HeaderLines, HeaderValue, ParsedMail } from 'mailparser';
import type { IncomingMail, MailAddress } from '../../shared/model/mail.js';

/** Raw, unfolded values of every header line with this (lower-case) name, top to bottom. */
export function rawHeaderValues(lines: HeaderLines | undefined, key: string): string[] {
  return (lines ?? [])
    .filter((l) => l.key === key)
    .map((l) => {
      const colon = l.line.indexOf(':');
      // RFC 5322 §2.2.3: unfolding removes the CRLF before the whitespace, nothing else.
      return (colon >= 0 ? l.line.slice(colon + 1) : l.line).replace(/\r?\n(?=[ \t])/g, '').trim();
    });
}

/** The Date header as ISO 8601, or null when it is missing or unreadable. */
export function readDateHeader(lines: HeaderLines | undefined): string | null {
  const raw = rawHeaderValues(lines, 'date')[0];
  if (!raw) return null;
  // RFC 5322 §3.3 allows comments such as "(UTC)" or "(Pacific Standard Time)"; Date.parse does not.
  const cleaned = raw
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const ms = Date.parse(cleaned);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString();
}

/** Flattens an address header (groups included) into MailAddress values, dropping entries without an address. */
export function toMailAddresses(value: HeaderValue | AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!value || typeof value !== 'object' || value instanceof Date) return [];
  const objects = (Array.isArray(value) ? value : [value]) as unknown[];
  const out: MailAddress[] = [];
  for (const obj of objects) {
    if (!isAddressObject(obj)) continue;
    collect(obj.value, out);
  }
  return out;
}

function collect(entries: readonly EmailAddress[], out: MailAddress[]): void {
  for (const e of entries) {
    if (e.group) collect(e.group, out);
    const address = e.address?.trim();
    if (!address) continue;
    const name = e.name?.trim();
    out.push(name ? { address, name } : { address });
  }
}

function isAddressObject(v: unknown): v is AddressObject {
  return typeof v === 'object' && v !== null && Array.isArray((v as { value?: unknown }).value);
}

/** Everything of IncomingMail that comes from the header: one reading for whole mails and IMAP header blocks. */
export type EnvelopeFields = Omit<IncomingMail, 'calendarParts' | 'textBody'>;

export function envelopeFields(mail: ParsedMail): EnvelopeFields {
  return {
    messageId: mail.messageId ?? null,
    from: toMailAddresses(mail.from)[0] ?? null,
    sender: toMailAddresses(mail.headers.get('sender'))[0] ?? null,
    replyTo: toMailAddresses(mail.replyTo),
    to: toMailAddresses(mail.to),
    cc: toMailAddresses(mail.cc),
    subject: mail.subject ?? '',
    date: readDateHeader(mail.headerLines),
    authenticationResults: rawHeaderValues(mail.headerLines, 'authentication-results'),
  };
}
