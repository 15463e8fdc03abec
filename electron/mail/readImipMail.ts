/**
 * Reads one raw RFC 5322 message (an IMAP download or an .eml file, CRLF or LF-only) into IncomingMail: the
 * envelope fields scheduling cares about and every calendar body, decoded from its own bytes. Owns the MIME walk
 * and the calendar-part list; deciding which part is the iTIP message is shared/mail/detectScheduling.ts.
 *
 * Why mailparser is driven this way:
 * - Calendar parts are taken from `attachment.content` (transfer-decoded bytes, charset untouched) and decoded
 *   here, because RFC 5545 text must keep its CRLFs and its declared charset (calendarBytes.ts).
 * - `ignoreEmbedded` keeps a forwarded `message/rfc822` as one attachment instead of flattening it into the outer
 *   mail, so the forwarder's text stays the text body and the inner invitation is read as its own message, its
 *   calendar parts listed after the outer ones (forwarding loses the `method=` parameter in several clients).
 * - `skipHtmlToText`: the HTML body is kept as written (the app shows it sanitized), never turned into text:
 *   converting a large Teams/Zoom HTML body is slow, and when the conversion fails mailparser emits 'error', which
 *   makes simpleParser reject the whole mail.
 * - `keepDeliveryStatus`: a bounce's machine-readable report (message/delivery-status) stays a part of its own
 *   instead of being appended to the text body, so the recipients it failed for can be read (deliveryStatus.ts).
 * - Parts are collected by boundedMailParser.ts (simpleParser's loop with a cap per part): a calendar part over
 *   MAX_CALENDAR_BYTES is refused from its size, its bytes never kept, decoded or parsed.
 */
import type { Attachment, SimpleParserOptions, StructuredHeader } from 'mailparser';
import type { CalendarPart, IncomingMail } from '../../shared/model/mail.js';
import { isTruncatedCalendar } from '../../shared/mail/icalText.js';
import { parseDeliveryStatus } from '../../shared/mail/deliveryStatus.js';
import { MAX_MAIL_HTML_CHARS, type DeliveryReport } from '../../shared/model/mail.js';
import { err, ok, type AppError, type Result } from '../../shared/util/result.js';
import { MAX_CALENDAR_BYTES, parseMailBounded, type BoundedAttachment, type BoundedMail } from './boundedMailParser.js';
import { decodeCalendarBytes, isCalendarPart } from './calendarBytes.js';
import { mailError } from './mailErrors.js';
import { envelopeFields } from './mailHeaders.js';

/** Larger than any invitation; guards the process against a mis-selected mailbox export. */
export const MAX_MAIL_BYTES = 64 * 1024 * 1024;
/**
 * The longest header field (unfolded) read. mailparser's address parser takes time that grows faster than the
 * field: 256 KiB of a From: full of ':' (RFC 5322 group syntax) took seconds. A To: with 1,500 recipients fits.
 */
export const MAX_HEADER_FIELD_BYTES = 64 * 1024;
/** A forward of a forward of an invitation is real; deeper nesting is not worth following. */
const MAX_NESTING = 3;

const PARSER_OPTIONS: SimpleParserOptions & { ignoreEmbedded: boolean; keepDeliveryStatus: boolean } = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  skipTextLinks: true,
  ignoreEmbedded: true,
  keepDeliveryStatus: true,
};

/** RFC 3464 and RFC 6533 (internationalized) report parts. */
const DELIVERY_STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);

/** Headers of which at least one must be present for the bytes to count as a mail (RFC 5322 §3.6). */
const MESSAGE_HEADERS = ['from', 'to', 'date', 'subject', 'message-id', 'content-type', 'mime-version', 'received'];

/** A mail that could not be read; `messageId` when its headers were read before its calendar part failed. */
export interface MailReadError extends AppError {
  readonly messageId?: string | null;
}

export async function readImipMail(raw: Buffer | Uint8Array): Promise<Result<IncomingMail, MailReadError>> {
  try {
    return await read(raw);
  } catch (e: unknown) {
    // Nothing below is expected to throw; this keeps the promise from rejecting on a parser bug.
    return err(mailError('MAIL_UNPARSEABLE', errorText(e)));
  }
}

async function read(raw: Buffer | Uint8Array): Promise<Result<IncomingMail, MailReadError>> {
  if (!(raw instanceof Uint8Array) || raw.byteLength === 0) return err(mailError('MAIL_EMPTY'));
  if (raw.byteLength > MAX_MAIL_BYTES) {
    return err(mailError('MAIL_TOO_LARGE', `${raw.byteLength} bytes, the limit is ${MAX_MAIL_BYTES}.`));
  }
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (buf.toString('latin1').trim() === '') return err(mailError('MAIL_EMPTY'));

  const parsed = await parse(buf);
  if (!parsed.ok) return parsed;
  const mail = parsed.value;
  if (!MESSAGE_HEADERS.some((h) => mail.headers.has(h))) return err(mailError('MAIL_NOT_RFC5322'));

  const oversize: string[] = [];
  const found = await collectCalendarParts(mail, 0, oversize);
  const complete = found.filter((p) => !isTruncatedCalendar(p.text));
  if (complete.length === 0 && oversize.length > 0) {
    // Refused from the part's size alone: its bytes beyond the limit were never kept, decoded or parsed.
    return err({
      ...mailError('CALENDAR_TOO_LARGE', `${oversize[0]}; the limit is ${MAX_CALENDAR_BYTES} bytes.`),
      messageId: mail.messageId ?? null,
    });
  }
  if (found.length > 0 && complete.length === 0) {
    const first = found[0];
    return err({
      ...mailError(
        'CALENDAR_TRUNCATED',
        `${first?.contentType ?? 'calendar part'}${first?.filename ? ` ${first.filename}` : ''} has no END:VCALENDAR.`,
      ),
      // The headers were fine: the record of this mail still names it.
      messageId: mail.messageId ?? null,
    });
  }

  const text = typeof mail.text === 'string' && mail.text.trim() !== '' ? mail.text : null;
  const html = typeof mail.html === 'string' && mail.html.trim() !== '' ? mail.html : null;
  return ok({
    ...envelopeFields(mail),
    // A truncated part beside a complete one is dropped: applying half an ATTENDEE list would read as removals.
    calendarParts: complete,
    textBody: text,
    htmlBody: html && html.length <= MAX_MAIL_HTML_CHARS ? html : null,
    deliveryReport: deliveryReportOf(mail),
  });
}

async function parse(raw: Buffer): Promise<Result<BoundedMail>> {
  const buf = withLineFeeds(raw);
  const longest = longestHeaderField(buf);
  if (longest > MAX_HEADER_FIELD_BYTES)
    return err(mailError('MAIL_HEADER_TOO_LARGE', `a field of more than ${MAX_HEADER_FIELD_BYTES} bytes.`));
  try {
    return ok(await parseMailBounded(buf, PARSER_OPTIONS));
  } catch (e: unknown) {
    return err(mailError('MAIL_UNPARSEABLE', errorText(e)));
  }
}

/** Calendar parts of this message in document order, then those of each attached message/rfc822, recursively. */
async function collectCalendarParts(mail: BoundedMail, depth: number, oversize: string[]): Promise<CalendarPart[]> {
  const own: CalendarPart[] = [];
  const forwarded: Buffer[] = [];
  for (const att of mail.attachments) {
    const type = contentTypeOf(att).value;
    if (type === 'message/rfc822' && Buffer.isBuffer(att.content)) {
      // A forwarded message cut at its limit would be a different message: left out, like an unreadable one.
      if (!att.oversize) forwarded.push(att.content);
      continue;
    }
    if (att.oversize && isCalendarPart({ contentType: type, filename: att.filename ?? null, bytes: att.content })) {
      oversize.push(`${type}${att.filename ? ` ${att.filename}` : ''} has ${att.decodedSize} bytes`);
      continue;
    }
    const part = toCalendarPart(att);
    if (part) own.push(part);
  }
  if (depth >= MAX_NESTING) return own;
  for (const inner of forwarded) {
    const parsed = await parse(inner);
    // A broken forwarded message does not make the outer mail unreadable: its parts are just absent.
    if (parsed.ok) own.push(...(await collectCalendarParts(parsed.value, depth + 1, oversize)));
  }
  return own;
}

/** The report of a delivery status notification (a part of the top-level multipart/report), or null. */
function deliveryReportOf(mail: BoundedMail): DeliveryReport | null {
  for (const att of mail.attachments) {
    if (!DELIVERY_STATUS_TYPES.has(contentTypeOf(att).value) || !Buffer.isBuffer(att.content) || att.oversize) continue;
    const report = parseDeliveryStatus(att.content.toString('utf8'));
    if (report) return report;
  }
  return null;
}

function toCalendarPart(att: BoundedAttachment): CalendarPart | null {
  const { value: contentType, params } = contentTypeOf(att);
  const bytes: Uint8Array = Buffer.isBuffer(att.content) ? att.content : new Uint8Array(0);
  const filename = att.filename ?? params['name'] ?? null;
  if (!isCalendarPart({ contentType, filename, bytes })) return null;
  const charset = params['charset'] ?? null;
  return {
    contentType,
    method: params['method'] ?? null,
    filename,
    charset,
    // mailparser reports its own default ('attachment') for non-text parts; only the header as written counts.
    isAttachment: dispositionOf(att) === 'attachment',
    text: decodeCalendarBytes(bytes, charset),
  };
}

/**
 * The part's Content-Type as written. `att.contentType` is not used: mailparser replaces application/octet-stream
 * by a type guessed from the file name, and CalendarPart.contentType must say what the sender wrote.
 */
function contentTypeOf(att: Attachment): { value: string; params: Record<string, string> } {
  const header = att.headers.get('content-type');
  if (isStructured(header)) return { value: header.value.trim().toLowerCase(), params: header.params ?? {} };
  return { value: (att.contentType || 'text/plain').toLowerCase(), params: {} };
}

function dispositionOf(att: Attachment): string | null {
  const header = att.headers.get('content-disposition');
  if (isStructured(header)) return header.value.trim().toLowerCase();
  return null;
}

function isStructured(v: unknown): v is StructuredHeader {
  return typeof v === 'object' && v !== null && typeof (v as { value?: unknown }).value === 'string';
}

/**
 * A mail whose lines end in CR alone (a file saved by classic Mac OS software) with its line ends made CRLF.
 * mailparser ends a line at LF only, so such a mail was one endless header field: no body, no calendar part, and its
 * address parser spent ~1.5 µs per character on it. Only when the mail holds no LF at all: a stray CR inside a CRLF
 * mail stays what it is.
 */
export function withLineFeeds(buf: Buffer): Buffer {
  if (buf.includes(0x0a) || !buf.includes(0x0d)) return buf;
  return Buffer.from(buf.toString('latin1').replace(/\r/g, '\r\n'), 'latin1');
}

/**
 * Length of the longest unfolded header field (RFC 5322 §2.2.3: a line break followed by a space or tab continues
 * the field), scanning only the header block (up to the first empty line) and stopping once past the limit. Only
 * LF ends a line, as for mailparser (a CR-only mail is given LFs first: withLineFeeds).
 */
export function longestHeaderField(buf: Uint8Array): number {
  let longest = 0;
  let field = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i] as number;
    if (b !== 0x0a) {
      if (b !== 0x0d) field++;
      continue;
    }
    const next = buf[i + 1];
    if (next === 0x20 || next === 0x09) continue;
    longest = Math.max(longest, field);
    if (field === 0 || longest > MAX_HEADER_FIELD_BYTES) return longest;
    field = 0;
    // LF CR LF ends the block as well.
    if (next === 0x0d && buf[i + 2] === 0x0a) return longest;
  }
  return Math.max(longest, field);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
