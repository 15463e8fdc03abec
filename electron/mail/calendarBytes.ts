/**
 * Which MIME parts of a received mail are calendar bodies, and how their bytes become text. Owns the charset
 * rules: a part is decoded with its own `charset=` (mailparser leaves attachment bytes alone, which is what we
 * want: see dependencies.md gotcha 8), UTF-8 when none is given, and windows-1252 when an undeclared body is not
 * valid UTF-8 (anchors.md §3: Latin-1 application/ics without charset, "Müller" must survive).
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
 * sender's statement, and U+FFFD marks where it was wrong). An unknown label or no label at all is read as UTF-8
 * (RFC 5545 §3.1.4 default) and, when the bytes are not valid UTF-8, as windows-1252, the superset of Latin-1
 * that Outlook and older Exchange write.
 */
export function decodeCalendarBytes(bytes: Uint8Array, charset: string | null): string {
  const label = charset?.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase() ?? '';
  if (label !== '') {
    const declared = tryDecoder(label);
    if (declared) return declared.decode(bytes);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
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
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
  return /^BEGIN:VCALENDAR\b/i.test(head);
}
