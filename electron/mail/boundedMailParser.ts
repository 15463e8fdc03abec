/**
 * mailparser's simpleParser with a byte cap per attachment, applied while the part streams in: a part's bytes are
 * kept only up to the cap its type is allowed (calendar bodies and delivery reports: MAX_CALENDAR_BYTES; a
 * forwarded message: MAX_FORWARD_BYTES; the first bytes of an application/octet-stream, to see whether it opens a
 * VCALENDAR; nothing of any other attachment), the rest is counted and dropped. A 30 MB calendar part therefore
 * costs the cap, not 30 MB of buffers plus its decoded text, before it is refused as too large.
 *
 * Owns the collection loop simpleParser would run (mailparser's lib/simple-parser.js: headers, text, attachments
 * in document order, each attachment released once read); the envelope fields are read from `headers` as there.
 */
import {
  MailParser,
  type AddressObject,
  type Attachment,
  type HeaderValue,
  type ParsedMail,
  type SimpleParserOptions,
} from 'mailparser';

/** Larger than any real invitation (the engine refuses more than 4 Mi characters of calendar text). */
export const MAX_CALENDAR_BYTES = 4 * 1024 * 1024;
/** A forward of an invitation carries the original mail with its attachments; more is not worth reading. */
export const MAX_FORWARD_BYTES = 16 * 1024 * 1024;
/** Enough of an application/octet-stream part to read BEGIN:VCALENDAR at its start (calendarBytes.ts). */
const SNIFF_BYTES = 64;
const FEED_BYTES = 64 * 1024;

const CALENDAR_TYPES = new Set([
  'text/calendar',
  'application/ics',
  'text/x-vcalendar',
  'application/x-ics',
  'message/delivery-status',
  'message/global-delivery-status',
]);
const CALENDAR_NAME = /\.(ics|ifb|vcs)$/i;

export interface BoundedAttachment extends Attachment {
  /** Bytes the part had after transfer decoding; `content` holds at most the cap of its type. */
  readonly decodedSize: number;
  /** True when bytes were dropped: `content` is only the start of the part. */
  readonly oversize: boolean;
}

export type BoundedMail = Omit<ParsedMail, 'attachments'> & { attachments: BoundedAttachment[] };

/** How many bytes of this attachment are worth keeping. */
function capOf(att: Attachment): number {
  const header = att.headers.get('content-type') as { value?: unknown } | undefined;
  const type = (typeof header?.value === 'string' ? header.value : att.contentType || '').trim().toLowerCase();
  const name = att.filename ?? '';
  if (CALENDAR_TYPES.has(type) || CALENDAR_NAME.test(name.trim())) return MAX_CALENDAR_BYTES;
  if (type === 'message/rfc822') return MAX_FORWARD_BYTES;
  // octet-stream may be a calendar (calendarBytes.ts sniffs it); the cap applies once that is known.
  if (type === 'application/octet-stream') return MAX_CALENDAR_BYTES;
  return SNIFF_BYTES;
}

export function parseMailBounded(input: Buffer, options: SimpleParserOptions): Promise<BoundedMail> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (e: unknown, mail?: BoundedMail): void => {
      if (settled) return;
      settled = true;
      if (mail) resolve(mail);
      else reject(e instanceof Error ? e : new Error(String(e)));
    };
    const mail: Record<string, unknown> & { attachments: BoundedAttachment[] } = { attachments: [] };
    const parser = new MailParser(options);
    parser.on('error', (e: unknown) => finish(e));
    parser.on('headers', (headers: Map<string, HeaderValue>) => {
      mail['headers'] = headers;
      mail['headerLines'] = (parser as unknown as { headerLines: unknown }).headerLines;
    });
    let reading = false;
    const reader = (): void => {
      reading = true;
      const data = parser.read() as
        (Attachment & { type: 'attachment'; release(): void }) | { type: 'text'; [k: string]: unknown } | null;
      if (data === null) {
        reading = false;
        return;
      }
      if (data.type === 'text') {
        for (const key of ['text', 'html', 'textAsHtml']) if (key in data) mail[key] = data[key];
        reader();
        return;
      }
      collect(data as Attachment & { release(): void }, (att) => {
        mail.attachments.push(att);
        reader();
      });
    };
    parser.on('readable', () => {
      if (!reading) reader();
    });
    parser.on('end', () => {
      const headers = mail['headers'] as Map<string, HeaderValue> | undefined;
      for (const key of [
        'subject',
        'references',
        'date',
        'to',
        'from',
        'cc',
        'bcc',
        'message-id',
        'in-reply-to',
        'reply-to',
      ]) {
        if (headers?.has(key))
          mail[key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = headers.get(key) as
            AddressObject | string;
      }
      finish(null, mail as unknown as BoundedMail);
    });
    feed(parser, input);
  });
}

/**
 * Writes the mail in slices, waiting when the parser asks to: handed over in one piece, the splitter holds every
 * line of the whole mail at once (a 40 MB mail cost some 300 MB that way).
 */
function feed(parser: MailParser, input: Buffer): void {
  let at = 0;
  const next = (): void => {
    while (at < input.length) {
      const slice = input.subarray(at, at + FEED_BYTES);
      at += slice.length;
      if (!parser.write(slice)) {
        parser.once('drain', next);
        return;
      }
    }
    parser.end();
  };
  next();
}

/** Reads one attachment's stream, keeping at most its cap. */
function collect(att: Attachment & { release(): void }, done: (a: BoundedAttachment) => void): void {
  const cap = capOf(att);
  const stream = att.content as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  let kept = 0;
  let total = 0;
  stream.on('readable', () => {
    let chunk: Buffer | null;
    while ((chunk = stream.read() as Buffer | null) !== null) {
      total += chunk.length;
      if (kept >= cap + 1) continue;
      const piece = chunk.subarray(0, cap + 1 - kept);
      chunks.push(piece);
      kept += piece.length;
    }
  });
  stream.on('end', () => {
    const content = Buffer.concat(chunks, kept);
    att.release();
    // One byte over the cap is kept so that "exactly at the cap" and "over it" can be told apart.
    const oversize = total > cap;
    done(Object.assign(att, { content: oversize ? content.subarray(0, cap) : content, decodedSize: total, oversize }));
  });
}
