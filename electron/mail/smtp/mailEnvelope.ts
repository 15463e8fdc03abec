/**
 * Reads what sending needs from a composed message's header: the envelope (RFC 5321 §3.3) and the Message-ID
 * (RFC 5322 §3.6.4), and adds a Message-ID when the message has none. Owns the header-block scan, so the queue
 * never runs a full MIME parser over a file it only has to send byte for byte.
 */
import { createHash } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import type { Address } from 'nodemailer/lib/addressparser';
import type { SmtpEnvelope } from './smtpTypes.js';

/** Domain of the Message-IDs this app invents; stable, so every device derives the same id for the same file. */
export const MESSAGE_ID_DOMAIN = 'imip-companion';

interface HeaderBlock {
  /** Unfolded fields, names lower-case, in order. */
  readonly fields: readonly { readonly name: string; readonly value: string }[];
  /** The line ending the header uses (a hand-written .eml may use LF). */
  readonly eol: '\r\n' | '\n';
}

export function readHeader(raw: Buffer): HeaderBlock {
  // The header ends at the first empty line (RFC 5322 §2.1); binary bodies never matter here.
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf >= 0 ? lf : raw.length;
  const text = raw.subarray(0, end).toString('utf8');
  const eol = crlf >= 0 && (lf < 0 || crlf <= lf) ? '\r\n' : '\n';
  const fields: { name: string; value: string }[] = [];
  // RFC 5322 §2.2.3: a line starting with white space continues the previous field.
  for (const line of text.split(/\r?\n/)) {
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push({ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  return { fields, eol };
}

function values(block: HeaderBlock, name: string): string[] {
  return block.fields.filter((f) => f.name === name).map((f) => f.value);
}

export function readMessageId(raw: Buffer): string | null {
  const value = values(readHeader(raw), 'message-id')[0];
  const id = value?.match(/<[^<>\s]+>/)?.[0];
  return id ?? (value ? (value.split(/\s+/)[0] ?? null) : null);
}

/**
 * The envelope a header implies: MAIL FROM is the From address (Sender when From names several, RFC 5322
 * §3.6.2); RCPT TO is every To and Cc address, each once. Bcc is not read: this app never writes one, and a
 * message that had one would leak it in the header anyway. null when either side is missing.
 */
export function envelopeFromHeader(raw: Buffer): SmtpEnvelope | null {
  const block = readHeader(raw);
  const from = addresses(values(block, 'from'));
  const sender = addresses(values(block, 'sender'));
  const mailFrom = from.length === 1 ? from[0] : (sender[0] ?? from[0]);
  const to = dedupe(addresses([...values(block, 'to'), ...values(block, 'cc')]));
  if (!mailFrom || to.length === 0) return null;
  return { from: mailFrom, to };
}

/**
 * The message with a Message-ID: unchanged when it has one; otherwise `<first 32 hex of sha256(content)@imip-
 * companion>` is put on top. Derived from the bytes, not a random number, so a retry after a crash, a second
 * process and another device reading the same file all arrive at the same id, which is what `alreadySent`
 * looks for in the Sent folder.
 */
export function ensureMessageId(raw: Buffer): { raw: Buffer; messageId: string; added: boolean } {
  const existing = readMessageId(raw);
  if (existing) return { raw, messageId: existing, added: false };
  const messageId = `<${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@${MESSAGE_ID_DOMAIN}>`;
  const { eol } = readHeader(raw);
  // Field order carries no meaning outside trace fields (RFC 5322 §3.6), and a queued file has none yet.
  return { raw: Buffer.concat([Buffer.from(`Message-ID: ${messageId}${eol}`), raw]), messageId, added: true };
}

function addresses(fieldValues: string[]): string[] {
  const out: string[] = [];
  for (const value of fieldValues) flatten(addressparser(value), out);
  return out;
}

function flatten(list: Address[], out: string[]): void {
  for (const a of list) {
    if (a.group) flatten(a.group, out);
    else if (a.address && a.address.includes('@')) out.push(a.address.trim());
  }
}

function dedupe(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = a.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
