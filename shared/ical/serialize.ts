/**
 * iCalendar serialization (RFC 5545 §3.1): CRLF line endings, lines folded at 75 octets without splitting a
 * UTF-8 sequence, and a final CRLF. ical.js produces the content lines; folding is done here because ical.js
 * walks every character of every line to fold, which made serialization the slowest step of handling a message.
 */
import ICAL from 'ical.js';
import { zoneSourceText } from './parse.js';

const MAX_OCTETS = 75;

/** Folds one content line at 75 octets (continuation lines start with a space, which counts). */
export function foldLine(line: string): string {
  const n = line.length;
  // At most 3 octets per UTF-16 unit (a surrogate pair is 4 octets for 2 units): short lines need no look.
  if (n * 3 <= MAX_OCTETS) return line;
  if (!NON_ASCII.test(line)) {
    // One octet per character: cut at 75, then every 74 (the continuation's leading space is one octet).
    if (n <= MAX_OCTETS) return line;
    let out = line.slice(0, MAX_OCTETS);
    for (let i = MAX_OCTETS; i < n; i += MAX_OCTETS - 1) out += '\r\n ' + line.slice(i, i + MAX_OCTETS - 1);
    return out;
  }
  let parts: string[] | null = null;
  let start = 0;
  let octets = 0;
  let limit = MAX_OCTETS;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    let size: number;
    if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLowSurrogate(line.charCodeAt(i + 1))) size = 4;
    else size = 3;
    if (octets + size > limit) {
      (parts ??= []).push(line.slice(start, i));
      start = i;
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line is one octet
    }
    octets += size;
    if (size === 4) i++; // the pair's low half travels with it
  }
  if (!parts) return line;
  parts.push(line.slice(start));
  return parts.join('\r\n ');
}

const NON_ASCII = /[^\x00-\x7f]/;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

type Jcal = [string, unknown[][], Jcal[]];

interface PropertyDesign {
  readonly defaultType?: string;
  readonly multiValue?: string;
  readonly structuredValue?: string;
}
type ValueDesign = Record<string, { toICAL?: (v: unknown) => string } | undefined>;

const DESIGN = ICAL.design.icalendar as unknown as {
  property: Record<string, PropertyDesign | undefined>;
  value: ValueDesign;
};
/** What a text value may need: an escape (RFC 5545 §3.3.11), or a look for control characters (§3.1). */
const TEXT_SPECIALS = /[\\;,\x00-\x08\x0a-\x1f\x7f]/;
const TEXT_ESCAPED: Record<string, string> = { '\\': '\\\\', ';': '\\;', ',': '\\,', '\n': '\\n' };

/**
 * One content line for the common property shapes (single or list values of a known type, string parameters),
 * identical to ical.js' output (a test checks every fixture); anything else (structured values, parameter lists,
 * RFC 6868 escapes) returns null and ical.js writes it. ical.js' general path made writing a stored event cost
 * as much as parsing the message. Also null for what `writeLines` must repair first (a name or parameter name
 * that is not a token, a control character anywhere), so a line it returns can be written as it is: the checks
 * ride along with the work the writer does anyway instead of scanning every line again.
 */
export function writePropertyFast(p: readonly unknown[]): string | null {
  if (p.length < 4) return null;
  const name = p[0] as string;
  const params = p[1] as Record<string, unknown>;
  const type = p[2] as string;
  if (typeof name !== 'string') return null;
  const design = DESIGN.property[name];
  if (design?.structuredValue) return null;
  let line = tokenUpper(name);
  if (line === null) return null;
  for (const key in params) {
    const v = params[key];
    if (typeof v !== 'string' || key === 'group') return null;
    const k = tokenUpper(key);
    if (k === null) return null;
    // Values needing RFC 6868 escapes (", ^, newline) are left to ical.js; ",", ":" and ";" need quotes.
    let quote = false;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c === 34 || c === 94 || c < 9 || (c > 9 && c < 32) || c === 127) return null;
      if (c === 44 || c === 58 || c === 59) quote = true;
    }
    line += quote ? ';' + k + '="' + v + '"' : ';' + k + '=' + v;
  }
  const isDefault = design && design.defaultType !== undefined ? type === design.defaultType : type === 'unknown';
  if (!isDefault) {
    const t = typeof type === 'string' ? tokenUpper(type) : null;
    if (t === null) return null;
    line += ';VALUE=' + t;
  }
  let value: string | null;
  if (design?.multiValue) {
    const parts: string[] = [];
    for (let i = 3; i < p.length; i++) {
      const part = writeValue(p[i], type);
      if (part === null) return null;
      parts.push(part);
    }
    value = parts.join(design.multiValue);
  } else value = writeValue(p[3], type);
  return value === null ? null : `${line}:${value}`;
}

/**
 * The upper-case form of a name that is an RFC 5545 token, else null. Property names, parameter keys and value
 * types repeat in every event: decided once per distinct name (bounded).
 */
const tokens = new Map<string, string | null>();
function tokenUpper(s: string): string | null {
  let u = tokens.get(s);
  if (u === undefined) {
    u = TOKEN.test(s) ? s.toUpperCase() : null;
    if (tokens.size < 1024) tokens.set(s, u);
  }
  return u;
}

/** The value as written, or null when it holds a control character (the line then goes the repairing way). */
function writeValue(v: unknown, type: string): string | null {
  if (type === 'text' && typeof v === 'string') {
    if (!TEXT_SPECIALS.test(v)) return v;
    // One pass escapes and notes a control character: the escaped text has one only where the value had one.
    controlSeen = false;
    const escaped = v.replace(TEXT_SPECIALS_ALL, escapeText);
    return controlSeen ? null : escaped;
  }
  const toICAL = DESIGN.value[type]?.toICAL;
  const out = toICAL ? toICAL(v) : String(v);
  return hasControl(out) ? null : out;
}

const TEXT_SPECIALS_ALL = new RegExp(TEXT_SPECIALS.source, 'g');
let controlSeen = false;

/** A text special as written: its escape, or the control character itself (noted in `controlSeen`). */
function escapeText(c: string): string {
  const e = TEXT_ESCAPED[c];
  if (e !== undefined) return e;
  controlSeen = true;
  return c;
}

/** CONTROL.test for the short values of every line (dates, addresses, numbers): a loop costs less than the regex call. */
function hasControl(s: string): boolean {
  if (s.length > 64) return CONTROL.test(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9) || c === 127) return true;
  }
  return false;
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
  const key = zoneSourceText(c) ?? JSON.stringify(c);
  lines = zoneTextByContent.get(key);
  if (!lines) {
    lines = [];
    writeLines(c, lines);
    if (zoneTextByContent.size >= MAX_ZONE_TEXTS)
      zoneTextByContent.delete(zoneTextByContent.keys().next().value as string);
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
  const name = CONTROL.test(c[0]) ? withoutControls(c[0].toUpperCase()) : c[0].toUpperCase();
  out.push(`BEGIN:${name}`);
  for (const raw of c[1]) {
    const fast = writePropertyFast(raw);
    if (fast !== null) {
      out.push(foldLine(fast));
      continue;
    }
    const p = writable(raw);
    if (!p) continue;
    // noFold: ical.js only builds the line; folding is ours.
    const line = ICAL.stringify.property(
      p as unknown as Parameters<typeof ICAL.stringify.property>[0],
      undefined as never,
      true,
    );
    out.push(foldLine(CONTROL.test(line) ? withoutControls(line) : line));
  }
  for (const sub of c[2] ?? []) writeComponent(sub, out);
  out.push(`END:${name}`);
}

/** RFC 5545 §3.1: name = iana-token / x-name, param-name likewise: letters, digits and "-" only. */
const TOKEN = /^[A-Za-z0-9-]+$/;

/**
 * The property as it may be written: a name or parameter name outside RFC 5545's token syntax (a damaged
 * "PA\uFFFDRTSTAT=" that ical.js still read) would make the file unreadable to strict readers, our own store's
 * scanner included; such a parameter is left out, and a property whose name is not a token is not written.
 * The same for the value type (jCal's third element, written as the VALUE parameter, RFC 5545 §3.2.20: a fixed
 * name, an iana-token or an x-name): ical.js writes whatever it read, so `VALUE=^n^'^^` (RFC 6868 for a newline,
 * a quote and a caret) came out as an unterminated quote; the property is written as its default type instead.
 */
function writable(p: unknown[]): unknown[] | null {
  if (typeof p[0] !== 'string' || !TOKEN.test(p[0])) return null;
  if (typeof p[2] !== 'string' || !TOKEN.test(p[2]))
    return writable([p[0], p[1], DESIGN.property[p[0]]?.defaultType ?? 'unknown', ...p.slice(3)]);
  const params = p[1] as Record<string, unknown>;
  let bad = false;
  for (const key in params) {
    if (
      !TOKEN.test(key) ||
      (key === 'group' && !(typeof params[key] === 'string' && TOKEN.test(params[key] as string)))
    )
      bad = true;
  }
  if (!bad) return p;
  const kept: Record<string, unknown> = {};
  for (const key in params) {
    if (
      TOKEN.test(key) &&
      !(key === 'group' && !(typeof params[key] === 'string' && TOKEN.test(params[key] as string)))
    )
      kept[key] = params[key];
  }
  return [p[0], kept, ...p.slice(2)];
}

/** RFC 5545 §3.1: no control character but HTAB may appear in a content line (CR and LF only end lines). */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
const CONTROLS = /[\x00-\x08\x0a-\x1f\x7f]/g;

/**
 * A bare CR inside a value (old Mac line ends) would read as a line break to other parsers, so it is written as
 * the escaped newline it meant; every other control character (NUL, ESC, form feed, a raw LF in a non-text value)
 * is dropped: written raw it makes the file unreadable to other clients or cuts the line (a NUL in a C reader).
 */
export function withoutControls(line: string): string {
  return line
    .replace(/\r(?=\\n)/g, '')
    .replace(/\r/g, '\\n')
    .replace(CONTROLS, '');
}

/** True when a value holds a control character other than HTAB (RFC 5545 §3.1 ABNF: VALUE-CHAR, SAFE-CHAR). */
export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/** The component as iCalendar text with CRLF line endings, ending in CRLF. */
export function serializeCalendar(comp: ICAL.Component): string {
  const out: string[] = [];
  writeComponent(comp.jCal as unknown as Jcal, out);
  return out.join('\r\n') + '\r\n';
}
