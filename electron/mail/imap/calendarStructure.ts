/**
 * Finds the calendar bodies of a message from its BODYSTRUCTURE alone (RFC 3501 §7.4.2), so that only those
 * parts are ever downloaded (Open-Xchange's iMIP lesson: decide from BODYSTRUCTURE, never fetch whole mailboxes).
 * Owns the IMAP part numbering (RFC 3501 §6.4.5) and the order in which parts are listed, which matches
 * electron/mail/readImipMail.ts: the message's own parts in document order, then those of each attached
 * message/rfc822, recursively (forwarded invitations lose `method=` in several clients).
 * Which MIME types and names count as calendar is calendarBytes.ts's rule, reused here.
 */
import type { MessageStructureObject } from 'imapflow';
import { MAX_MAIL_HTML_CHARS } from '../../../shared/model/mail.js';
import { isCalendarPart } from '../calendarBytes.js';

/** A forward of a forward of an invitation is real; deeper nesting is not worth following (as readImipMail). */
const MAX_NESTING = 3;
const NO_BYTES = new Uint8Array(0);

export interface CalendarPartRef {
  /** IMAP section to fetch, e.g. "1", "2", "1.2", "2.1". */
  readonly section: string;
  readonly contentType: string;
  readonly method: string | null;
  readonly charset: string | null;
  readonly filename: string | null;
  readonly isAttachment: boolean;
  /** Content-Transfer-Encoding as the server reported it, lower-case ("base64", "quoted-printable", "7bit" …). */
  readonly encoding: string;
  /** Encoded size in bytes from BODYSTRUCTURE. */
  readonly size: number;
}

export function findCalendarParts(root: MessageStructureObject | undefined): CalendarPartRef[] {
  if (!root) return [];
  return collect(root, '', 0);
}

/**
 * `prefix` is the section of the enclosing message/rfc822 ('' for the top level). imapflow numbers the root
 * node of an encapsulated message with the wrapper's own number; a non-multipart body of a message is part
 * "1" of it (RFC 3501 §6.4.5: "2.1" inside a forwarded message, "1" for a single-part top-level message).
 */
function collect(messageRoot: MessageStructureObject, prefix: string, depth: number): CalendarPartRef[] {
  const own: CalendarPartRef[] = [];
  const forwarded: { node: MessageStructureObject; section: string }[] = [];
  const visit = (node: MessageStructureObject, section: string): void => {
    if (node.type.startsWith('multipart/')) {
      for (const child of node.childNodes ?? []) visit(child, child.part ?? section);
      return;
    }
    if (node.type === 'message/rfc822') {
      const inner = node.childNodes?.[0];
      if (inner) forwarded.push({ node: inner, section });
      return;
    }
    const ref = toRef(node, section);
    if (ref) own.push(ref);
  };
  if (messageRoot.type.startsWith('multipart/')) visit(messageRoot, prefix);
  else visit(messageRoot, prefix === '' ? '1' : `${prefix}.1`);
  if (depth >= MAX_NESTING) return own;
  for (const f of forwarded) own.push(...collect(f.node, f.section, depth + 1));
  return own;
}

/** The machine-readable report of a delivery status notification: a part of a top-level multipart/report. */
export interface ReportPartRef {
  readonly section: string;
  readonly encoding: string;
  readonly size: number;
}

/** RFC 3464 and RFC 6533 (internationalized) report parts. */
const DELIVERY_STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
/** A report names recipients, not content; anything larger is not one a mail system wrote. */
const MAX_REPORT_BYTES = 256 * 1024;

/** Where a bounce keeps its report (RFC 3464 §2: a direct part of the top-level multipart/report), or null. */
export function findDeliveryStatusPart(root: MessageStructureObject | undefined): ReportPartRef | null {
  if (root?.type !== 'multipart/report') return null;
  for (const child of root.childNodes ?? []) {
    if (!DELIVERY_STATUS_TYPES.has(child.type) || !child.part || (child.size ?? 0) > MAX_REPORT_BYTES) continue;
    return { section: child.part, encoding: (child.encoding ?? '7bit').toLowerCase(), size: child.size ?? 0 };
  }
  return null;
}

/** The mail's own HTML body: shown sanitized beside a decision (Outlook and Google write the invitation there). */
export interface HtmlPartRef {
  readonly section: string;
  readonly charset: string | null;
  readonly encoding: string;
  readonly size: number;
}

/** Base64 of the largest HTML body kept (MAX_MAIL_HTML_CHARS), with room for line breaks; larger is never fetched. */
const MAX_HTML_ENCODED_BYTES = Math.ceil((MAX_MAIL_HTML_CHARS * 4) / 3) + MAX_MAIL_HTML_CHARS / 38 + 4;

/**
 * The first text/html part of the message itself (not of a forwarded message/rfc822, not an attachment), as
 * mailparser picks `html` for an .eml file; null when there is none or it is too large to keep.
 */
export function findHtmlBody(root: MessageStructureObject | undefined): HtmlPartRef | null {
  if (!root) return null;
  const visit = (node: MessageStructureObject, section: string): HtmlPartRef | null => {
    if (node.type.startsWith('multipart/')) {
      for (const child of node.childNodes ?? []) {
        const found = visit(child, child.part ?? section);
        if (found) return found;
      }
      return null;
    }
    if (node.type !== 'text/html' || node.disposition?.toLowerCase() === 'attachment') return null;
    const size = node.size ?? 0;
    if (size > MAX_HTML_ENCODED_BYTES) return null;
    const charset = writtenCharset(node.type, node.parameters?.['charset'] ?? null);
    return { section, charset, encoding: (node.encoding ?? '7bit').toLowerCase(), size };
  };
  return visit(root, root.type.startsWith('multipart/') ? '' : '1');
}

function toRef(node: MessageStructureObject, section: string): CalendarPartRef | null {
  const params = node.parameters ?? {};
  const disposition = node.disposition?.toLowerCase() ?? null;
  const filename = pickFilename(node.dispositionParameters?.['filename'] ?? null, params['name'] ?? null);
  // octet-stream only with a calendar file name: without the bytes, "opens with BEGIN:VCALENDAR" cannot be checked.
  if (!isCalendarPart({ contentType: node.type, filename, bytes: NO_BYTES })) return null;
  return {
    section,
    contentType: node.type,
    method: params['method'] ?? null,
    charset: writtenCharset(node.type, params['charset'] ?? null),
    filename,
    isAttachment: disposition === 'attachment',
    encoding: (node.encoding ?? '7bit').toLowerCase(),
    size: node.size ?? 0,
  };
}

/**
 * Apple Mail writes `filename=Team offsite.ics` without quotes (RFC 2045 §5.1 wants them for a space); Dovecot's
 * BODYSTRUCTURE keeps "Team", mailparser the whole value. When the Content-Type `name` continues the truncated
 * filename, it is the name as written.
 */
export function pickFilename(fromDisposition: string | null, fromName: string | null): string | null {
  if (
    fromDisposition &&
    fromName &&
    fromName.length > fromDisposition.length &&
    fromName.startsWith(`${fromDisposition} `)
  )
    return fromName;
  return fromDisposition ?? fromName;
}

/**
 * Dovecot reports `charset us-ascii` for a text/* part that declares none (the RFC 2045 §5.2 default), which
 * cannot be told apart from a declared us-ascii. Read as undeclared: RFC 5545 §3.1.4 makes UTF-8 the default,
 * and WHATWG's "us-ascii" label is windows-1252, which would garble an undeclared UTF-8 "Müller".
 */
export function writtenCharset(type: string, charset: string | null): string | null {
  if (charset !== null && type.startsWith('text/') && /^"?us-ascii"?$/i.test(charset.trim())) return null;
  return charset;
}
