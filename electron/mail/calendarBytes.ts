/**
 * Which MIME parts of a received mail are calendar bodies, and how their bytes become text. Owns the charset
 * rules: a part is decoded with its own `charset=` (mailparser leaves attachment bytes alone, which is what we
 * want: a content-transfer-decoded body with its charset untouched), UTF-8 when none is given, and windows-1252 when an undeclared body is not
 * valid UTF-8 (Outlook and older Exchange send Latin-1 application/ics without a charset: "Müller" must survive).
 */

/** MIME types that are calendar bodies whatever their file name (RFC 6047 §2.4; application/ics is non-standard but common). */
const CALENDAR_TYPES = new Set(['text/calendar', 'application/ics', 'text/x-vcalendar', 'application/x-ics']);
const CALENDAR_EXTENSIONS = /\.(ics|ifb|vcs)$/i;

export interface PartFacts {
  /** Lower-case MIME type as written in the part's own Content-Type. */
  readonly contentType: string;
  readonly filename: string | null;
  readonly bytes: Uint8Array;
}

/**
 * True for calendar-ish parts. application/octet-stream counts when it is named like a calendar file or its
 * bytes open a VCALENDAR: some webmailers and Outlook's "attach item" send invitations that way, but a PDF sent
 * as octet-stream must not become a "calendar part".
 */
export function isCalendarPart(facts: PartFacts): boolean {
  if (CALENDAR_TYPES.has(facts.contentType)) return true;
  if (facts.filename && CALENDAR_EXTENSIONS.test(facts.filename.trim())) return true;
  if (facts.contentType === 'application/octet-stream') return opensVcalendar(facts.bytes);
  return false;
}

/**
 * Decodes a calendar body. A declared charset TextDecoder knows is used as declared (a wrong declaration is the
 * sender's statement, and U+FFFD marks where it was wrong), with one exception: a body declared in a single-byte
 * Latin charset whose non-ASCII octets all form valid UTF-8 sequences is UTF-8 (Lotus Notes declares ISO-8859-1
 * over a UTF-8 body and says so in X-LOTUS-CHARSET; iCalendar's own charset is UTF-8, RFC 5545 §3.1.4). Real
 * Latin-1 text almost never is valid UTF-8: "Ã" followed by a symbol from ¡ to ¿, for each non-ASCII letter. An
 * unknown label or no label at all is read as UTF-8 and, when the bytes are not valid UTF-8, as windows-1252, the
 * superset of Latin-1 that Outlook and older Exchange write.
 */
export function decodeCalendarBytes(raw: Uint8Array, charset: string | null): string {
  const label =
    charset
      ?.trim()
      .replace(/^"(.*)"$/, '$1')
      .trim()
      .toLowerCase() ?? '';
  // RFC 5545 §3.1: folding works on octets, and a fold may split a multi-octet UTF-8 character; unfold before
  // decoding so the two halves meet again. UTF-16/32 are not ASCII-compatible: their octets are left alone.
  const bytes = /^utf-?(16|32)/.test(label) ? raw : unfoldOctets(raw);
  if (label !== '') {
    const declared = tryDecoder(label);
    if (declared && !(LATIN.has(declared.encoding) && hasUtf8Sequences(bytes))) return declared.decode(bytes);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Single-byte Latin charsets as TextDecoder names them (ISO-8859-1 and US-ASCII are windows-1252 there). */
const LATIN = new Set(['windows-1252', 'iso-8859-15']);

/** Whether the bytes hold non-ASCII octets and all of them form valid UTF-8. */
function hasUtf8Sequences(bytes: Uint8Array): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes the folds (CRLF or a bare LF, then one space or tab) that split a multi-octet character, i.e. whose next
 * octet is a UTF-8 continuation octet (0x80–0xBF); every other fold stays, so a well-formed part keeps its exact
 * bytes. Returns the input itself when there is nothing to join. Bare LF folds appear once a mail has passed
 * through a Unix mbox or a LF-only .eml file.
 */
export function unfoldOctets(bytes: Uint8Array): Uint8Array {
  const splitsChar = (j: number): number => {
    // j is at an LF; returns how many octets the fold spans from j (LF + blank), or 0 when it splits nothing.
    const blank = bytes[j + 1];
    if (blank !== 0x20 && blank !== 0x09) return 0;
    const next = bytes[j + 2] ?? 0;
    return next >= 0x80 && next <= 0xbf ? 2 : 0;
  };
  let i = bytes.indexOf(0x0a);
  while (i !== -1 && splitsChar(i) === 0) i = bytes.indexOf(0x0a, i + 1);
  if (i === -1) return bytes;
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let j = 0; j < bytes.length; j++) {
    const b = bytes[j] as number;
    if (b === 0x0d && bytes[j + 1] === 0x0a && splitsChar(j + 1) > 0) {
      j += 2;
      continue;
    }
    if (b === 0x0a && splitsChar(j) > 0) {
      j += 1;
      continue;
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}

function tryDecoder(label: string): InstanceType<typeof TextDecoder> | null {
  try {
    return new TextDecoder(label);
  } catch {
    // RangeError for labels outside the WHATWG Encoding list (x-unknown, typos): treat as undeclared.
    return null;
  }
}

function opensVcalendar(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8')
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return /^BEGIN:VCALENDAR\b/i.test(head);
}
