/**
 * iCalendar serialization (RFC 5545 §3.1): CRLF line endings, lines folded at 75 octets without splitting a
 * UTF-8 sequence, and a final CRLF. ical.js produces the content lines; folding is done here because ical.js
 * walks every character of every line to fold, which made serialization the slowest step of handling a message.
 */
import ICAL from 'ical.js';

const MAX_OCTETS = 75;

/** Folds one content line at 75 octets (continuation lines start with a space, which counts). */
export function foldLine(line: string): string {
  if (ASCII.test(line)) {
    // One octet per character: cut every 75, then every 74 (the continuation's leading space is one octet).
    if (line.length <= MAX_OCTETS) return line;
    const parts = [line.slice(0, MAX_OCTETS)];
    for (let i = MAX_OCTETS; i < line.length; i += MAX_OCTETS - 1) parts.push(line.slice(i, i + MAX_OCTETS - 1));
    return parts.join('\r\n ');
  }
  if (utf8Length(line) <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let start = 0;
  let octets = 0;
  let limit = MAX_OCTETS;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i) as number;
    const units = cp > 0xffff ? 2 : 1;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (octets + size > limit) {
      parts.push(line.slice(start, i));
      start = i;
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line is one octet
    }
    octets += size;
    i += units;
  }
  parts.push(line.slice(start));
  return parts.join('\r\n ');
}

const ASCII = /^[\x00-\x7f]*$/;

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}


type Jcal = [string, unknown[][], Jcal[]];

interface PropertyDesign {
  readonly defaultType?: string;
  readonly multiValue?: string;
  readonly structuredValue?: string;
}
type ValueDesign = Record<string, { toICAL?: (v: unknown) => string } | undefined>;

const DESIGN = ICAL.design.icalendar as unknown as { property: Record<string, PropertyDesign | undefined>; value: ValueDesign };
const TEXT_SPECIALS = /[\\;,\n]/;
const TEXT_ESCAPES = /[\\;,\n]/g;
const TEXT_ESCAPED: Record<string, string> = { '\\': '\\\\', ';': '\\;', ',': '\\,', '\n': '\\n' };

/**
 * One content line for the common property shapes (single or list values of a known type, string parameters),
 * identical to ical.js' output (a test checks every fixture); anything else (structured values, parameter lists,
 * RFC 6868 escapes) returns null and ical.js writes it. ical.js' general path made writing a stored event cost
 * as much as parsing the message.
 */
export function writePropertyFast(p: readonly unknown[]): string | null {
  if (p.length < 4) return null;
  const name = p[0] as string;
  const params = p[1] as Record<string, unknown>;
  const type = p[2] as string;
  const design = DESIGN.property[name];
  if (design?.structuredValue) return null;
  let line = name.toUpperCase();
  for (const key in params) {
    const v = params[key];
    // Lists and values needing RFC 6868 escapes (", ^, newline) are left to ical.js.
    if (typeof v !== 'string' || key === 'group' || /["^\n]/.test(v)) return null;
    line += `;${key.toUpperCase()}=${/[,:;]/.test(v) ? `"${v}"` : v}`;
  }
  const isDefault = design && design.defaultType !== undefined ? type === design.defaultType : type === 'unknown';
  if (!isDefault) line += `;VALUE=${type.toUpperCase()}`;
  if (design?.multiValue) {
    const parts: string[] = [];
    for (let i = 3; i < p.length; i++) parts.push(writeValue(p[i], type));
    return `${line}:${parts.join(design.multiValue)}`;
  }
  return `${line}:${writeValue(p[3], type)}`;
}

function writeValue(v: unknown, type: string): string {
  if (type === 'text' && typeof v === 'string') return TEXT_SPECIALS.test(v) ? v.replace(TEXT_ESCAPES, (c) => TEXT_ESCAPED[c] ?? c) : v;
  const toICAL = DESIGN.value[type]?.toICAL;
  return toICAL ? toICAL(v) : String(v);
}

/**
 * Time zone definitions are the same text in every stored event and are never edited (copies share them), so their
 * serialized lines are kept per jCal array and written again without re-running the stringifier.
 */
const zoneText = new WeakMap<Jcal, string[]>();
/** The same definitions arrive in every message from a sender: also kept by content (bounded). */
const zoneTextByContent = new Map<string, string[]>();
const MAX_ZONE_TEXTS = 256;

function zoneLines(c: Jcal): string[] {
  let lines = zoneText.get(c);
  if (lines) return lines;
  const key = JSON.stringify(c);
  lines = zoneTextByContent.get(key);
  if (!lines) {
    lines = [];
    writeLines(c, lines);
    if (zoneTextByContent.size >= MAX_ZONE_TEXTS) zoneTextByContent.delete(zoneTextByContent.keys().next().value as string);
    zoneTextByContent.set(key, lines);
  }
  zoneText.set(c, lines);
  return lines;
}

function writeComponent(c: Jcal, out: string[]): void {
  if (c[0] === 'vtimezone') {
    for (const l of zoneLines(c)) out.push(l);
    return;
  }
  writeLines(c, out);
}

function writeLines(c: Jcal, out: string[]): void {
  const name = c[0].toUpperCase();
  out.push(`BEGIN:${name}`);
  for (const p of c[1]) {
    // noFold: ical.js only builds the line; folding is ours. A bare CR inside a value (old Mac line ends) would
    // read as a line break to other parsers, so it is written as the escaped newline it meant.
    const line = writePropertyFast(p) ?? ICAL.stringify.property(p as unknown as Parameters<typeof ICAL.stringify.property>[0], undefined as never, true);
    out.push(foldLine(line.includes('\r') ? line.replace(/\r(?=\\n)/g, '').replace(/\r/g, '\\n') : line));
  }
  for (const sub of c[2] ?? []) writeComponent(sub, out);
  out.push(`END:${name}`);
}

/** The component as iCalendar text with CRLF line endings, ending in CRLF. */
export function serializeCalendar(comp: ICAL.Component): string {
  const out: string[] = [];
  writeComponent(comp.jCal as unknown as Jcal, out);
  return out.join('\r\n') + '\r\n';
}
