/**
 * The scanner's IMAP reads, all by UID: the SEARCH for candidates, a metadata FETCH (UID INTERNALDATE
 * BODYSTRUCTURE) per batch, and one FETCH per group of messages with the same calendar sections for the header
 * fields and those sections only. Owns the decoding of what comes back into IncomingMail. With BINARY
 * (RFC 3516) the server undoes the transfer encoding; otherwise transferDecoding.ts does.
 */
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import { MAX_MAIL_HTML_CHARS, type CalendarPart, type IncomingMail } from '../../../shared/model/mail.js';
import { isTruncatedCalendar } from '../../../shared/mail/icalText.js';
import { parseDeliveryStatus } from '../../../shared/mail/deliveryStatus.js';
import { MAX_CALENDAR_BYTES } from '../boundedMailParser.js';
import { decodeCalendarBytes } from '../calendarBytes.js';
import {
  findCalendarParts,
  findDeliveryStatusPart,
  findHtmlBody,
  type CalendarPartRef,
  type HtmlPartRef,
  type ReportPartRef,
} from './calendarStructure.js';
import { HEADER_FIELDS, readHeaderBlock } from './headerBlock.js';
import { KEYWORDS } from './imapTypes.js';
import { decodeTransfer } from './transferDecoding.js';
import { formatUidSet } from './uidSet.js';

/**
 * The largest calendar part worth downloading, by its encoded size in BODYSTRUCTURE: the decoded limit readImipMail
 * applies (MAX_CALENDAR_BYTES), grown by what the encoding adds. Base64 writes 4 octets per 3 plus CRLF every 76
 * (RFC 2045 §6.8); every other encoding is never smaller than what it decodes to, so its encoded size must fit the
 * limit itself. A part above this is never fetched.
 */
export function maxEncodedPartBytes(encoding: string): number {
  return encoding === 'base64' ? Math.ceil((MAX_CALENDAR_BYTES * 4) / 3 / 76) * 78 + 4 : MAX_CALENDAR_BYTES;
}

export function isPartTooLarge(part: Pick<CalendarPartRef, 'size' | 'encoding'>): boolean {
  return part.size > maxEncodedPartBytes(part.encoding);
}
const DAY_MS = 86_400_000;

export interface MessageMeta {
  readonly uid: number;
  readonly internalDate: number;
  readonly parts: readonly CalendarPartRef[];
  /** A bounce's delivery report, fetched with the calendar parts (the returned message's). */
  readonly report?: ReportPartRef | null;
  /** The mail's HTML body, fetched with the calendar parts so a decision can show the text the sender wrote. */
  readonly html?: HtmlPartRef | null;
}

export interface FetchedMail {
  readonly uid: number;
  readonly mail: IncomingMail;
  readonly partBytes: number;
}

/**
 * UIDs not carrying any of our state keywords, received since the day before the time frame starts. SEARCH SINCE
 * compares dates only, in the server's time zone (RFC 3501 §6.4.4); the extra day keeps this a superset and
 * INTERNALDATE is compared exactly afterwards. imapflow sends YOUNGER (RFC 5032 WITHIN) where offered.
 * `changedSince` adds the CONDSTORE MODSEQ criterion (RFC 7162 §3.1.5: mod-sequence ≥ value), so a rescan after
 * new mail lists only what changed since the state was in sync instead of every message in the time frame.
 */
export async function searchCandidates(
  client: ImapFlow,
  frameStart: number,
  changedSince: bigint | null = null,
): Promise<number[]> {
  const since = new Date(Math.floor(frameStart / DAY_MS) * DAY_MS - DAY_MS);
  const found = await client.search(
    {
      since,
      unKeyword: KEYWORDS.processed,
      not: { or: [{ keyword: KEYWORDS.ignore }, { keyword: KEYWORDS.analyzed }] },
      ...(changedSince !== null ? { modseq: changedSince } : {}),
    },
    { uid: true },
  );
  if (!Array.isArray(found)) throw new Error('UID SEARCH failed');
  return [...found].sort((a, b) => a - b);
}

export async function fetchMeta(client: ImapFlow, uids: readonly number[]): Promise<MessageMeta[]> {
  const out: MessageMeta[] = [];
  if (uids.length === 0) return out;
  for await (const m of client.fetch(
    formatUidSet(uids),
    { uid: true, internalDate: true, bodyStructure: true },
    { uid: true },
  )) {
    out.push({
      uid: m.uid,
      internalDate: toEpoch(m.internalDate),
      parts: findCalendarParts(m.bodyStructure),
      report: findDeliveryStatusPart(m.bodyStructure),
      html: findHtmlBody(m.bodyStructure),
    });
  }
  return out.sort((a, b) => a.uid - b.uid);
}

/**
 * Header fields and calendar sections of messages that have calendar parts; one FETCH per distinct section list.
 * `binary: false` asks for BODY[] and decodes here: Dovecot ends the whole session when BINARY meets broken
 * base64 ("Base64 data ends prematurely"), so a message that took a connection down is fetched that way.
 */
export async function fetchMails(
  client: ImapFlow,
  metas: readonly MessageMeta[],
  opts: { binary: boolean },
): Promise<{ mails: FetchedMail[]; fetches: number }> {
  const groups = new Map<string, MessageMeta[]>();
  for (const meta of metas) {
    const parts = meta.parts.filter((p) => !isPartTooLarge(p));
    if (parts.length === 0) continue;
    const key = [
      ...parts.map((p) => p.section),
      ...(meta.report ? [meta.report.section] : []),
      ...(meta.html ? [meta.html.section] : []),
    ].join(' ');
    groups.set(key, [...(groups.get(key) ?? []), { ...meta, parts }]);
  }
  const mails: FetchedMail[] = [];
  let fetches = 0;
  for (const [key, group] of groups) {
    const rows = await fetchGroup(client, group, key.split(' '), opts.binary && client.capabilities.has('BINARY'));
    fetches += rows.fetches;
    const byUid = new Map(group.map((g) => [g.uid, g]));
    for (const row of rows.list) {
      const meta = byUid.get(row.uid);
      if (meta) mails.push(await toFetchedMail(row, meta));
    }
  }
  return { mails: mails.sort((a, b) => a.uid - b.uid), fetches };
}

async function fetchGroup(
  client: ImapFlow,
  group: readonly MessageMeta[],
  sections: string[],
  binary: boolean,
): Promise<{ list: FetchMessageObject[]; fetches: number }> {
  const range = formatUidSet(group.map((g) => g.uid));
  const query = { uid: true, headers: [...HEADER_FIELDS], bodyParts: sections };
  try {
    return { list: await client.fetchAll(range, query, { uid: true, binary }), fetches: 1 };
  } catch (e) {
    // RFC 3516 §4.2: NO [UNKNOWN-CTE] when the server cannot undo an encoding; BODY[] and our own decoder then.
    if (!binary || (e as { responseStatus?: unknown }).responseStatus !== 'NO') throw e;
    return { list: await client.fetchAll(range, query, { uid: true, binary: false }), fetches: 2 };
  }
}

async function toFetchedMail(row: FetchMessageObject, meta: MessageMeta): Promise<FetchedMail> {
  const envelope = await readHeaderBlock(row.headers);
  const found: CalendarPart[] = [];
  let partBytes = 0;
  for (const ref of meta.parts) {
    const raw = row.bodyParts?.get(ref.section) ?? row.bodyParts?.get(ref.section.toLowerCase());
    if (!raw) continue;
    const bytes = row.binaryParts?.has(ref.section) ? raw : decodeTransfer(raw, ref.encoding);
    partBytes += bytes.length;
    // BODYSTRUCTURE sizes come from the server; what was decoded is checked again before it is read as text.
    if (bytes.length > MAX_CALENDAR_BYTES) continue;
    found.push({
      contentType: ref.contentType,
      method: ref.method,
      filename: ref.filename,
      charset: ref.charset,
      isAttachment: ref.isAttachment,
      text: decodeCalendarBytes(bytes, ref.charset),
    });
  }
  // As readImipMail: a truncated part beside a complete one is dropped (half an ATTENDEE list reads as removals).
  const complete = found.filter((p) => !isTruncatedCalendar(p.text));
  const calendarParts = complete.length > 0 ? complete : found;
  let deliveryReport = null;
  if (meta.report) {
    const raw = row.bodyParts?.get(meta.report.section);
    if (raw) {
      const bytes = row.binaryParts?.has(meta.report.section) ? raw : decodeTransfer(raw, meta.report.encoding);
      partBytes += bytes.length;
      deliveryReport = parseDeliveryStatus(bytes.toString('utf8'));
    }
  }
  let htmlBody: string | null = null;
  if (meta.html) {
    const raw = row.bodyParts?.get(meta.html.section) ?? row.bodyParts?.get(meta.html.section.toLowerCase());
    if (raw) {
      const bytes = row.binaryParts?.has(meta.html.section) ? raw : decodeTransfer(raw, meta.html.encoding);
      partBytes += bytes.length;
      // Line breaks as mailparser leaves them for an .eml file, so both ways of reading give the same text.
      const text = decodeText(bytes, meta.html.charset).replace(/\r\n?/g, '\n');
      htmlBody = text.trim() !== '' && text.length <= MAX_MAIL_HTML_CHARS ? text : null;
    }
  }
  return {
    uid: meta.uid,
    partBytes,
    mail: { ...envelope, calendarParts, textBody: null, htmlBody, deliveryReport },
  };
}

/** Body text in its declared charset (UTF-8 when none or unknown); never throws, bad bytes become U+FFFD. */
function decodeText(bytes: Uint8Array, charset: string | null): string {
  const label = (charset ?? '').trim().replace(/^"(.*)"$/, '$1') || 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function toEpoch(value: Date | string | undefined): number {
  if (value instanceof Date) return value.getTime();
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? ms : 0;
}
