/**
 * A quick structural read of iCalendar text without building ical.js objects. Owns: unfolding (RFC 5545 §3.1),
 * splitting a content line into name, parameters and value, and finding an object's UIDs and the calendar user
 * addresses it mentions.
 *
 * The calendar store runs this over every file at start-up instead of a full parse: thousands of events are
 * indexed in milliseconds and parsed only when an event is actually looked at. It is strict where ical.js would
 * throw (no BEGIN:VCALENDAR, unbalanced BEGIN/END, malformed parameters), so files it accepts almost always parse.
 */
import { normalizeAddress } from '../../shared/util/address.js';
import { ownedString } from '../../shared/util/ownedString.js';

export interface ContentLine {
  /** Upper-case property name, group prefix included (`ITEM1.EMAIL`). */
  readonly name: string;
  /** Upper-case parameter names to their values, quotes removed. */
  readonly params: ReadonlyMap<string, readonly string[]>;
  readonly value: string;
}

/** Parses one unfolded content line (`name *(";" param) ":" value`), or null when it is malformed. */
export function parseContentLine(line: string): ContentLine | null {
  let pos = 0;
  while (pos < line.length && line[pos] !== ';' && line[pos] !== ':') pos++;
  const name = line.slice(0, pos).toUpperCase();
  if (!/^[A-Z0-9-]+(\.[A-Z0-9-]+)?$/.test(name)) return null;
  const params = new Map<string, string[]>();
  while (line[pos] === ';') {
    const eq = line.indexOf('=', pos + 1);
    if (eq < 0) return null;
    const pname = line.slice(pos + 1, eq).toUpperCase();
    if (!/^[A-Z0-9-]+$/.test(pname)) return null;
    pos = eq + 1;
    const values: string[] = [];
    for (;;) {
      if (line[pos] === '"') {
        const close = line.indexOf('"', pos + 1);
        if (close < 0) return null;
        values.push(line.slice(pos + 1, close));
        pos = close + 1;
      } else {
        const start = pos;
        while (pos < line.length && line[pos] !== ',' && line[pos] !== ';' && line[pos] !== ':') pos++;
        values.push(line.slice(start, pos));
      }
      if (line[pos] !== ',') break;
      pos++;
    }
    params.set(pname, values);
  }
  if (line[pos] !== ':') return null;
  return { name, params, value: line.slice(pos + 1) };
}

/** TEXT value unescaping (RFC 5545 §3.3.11), so a scanned UID equals what ical.js returns for it. */
export function unescapeText(value: string): string {
  return value.includes('\\')
    ? value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c))
    : value;
}

/** Logical lines of a text: line breaks of any kind, continuation lines (leading space or tab) joined. */
export function unfoldLines(text: string): string[] {
  const physical = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\n|\r/);
  const out: string[] = [];
  for (const line of physical) {
    const first = line.charCodeAt(0);
    if ((first === 0x20 || first === 0x09) && out.length > 0) out[out.length - 1] += line.slice(1);
    else out.push(line);
  }
  return out;
}

export interface IcsScan {
  /** Distinct UIDs of the calendar's top-level components (VEVENT, VTODO, …; not VALARM or VTIMEZONE). */
  readonly uids: readonly string[];
  /** Normalised ORGANIZER and ATTENDEE addresses and their SENT-BY, outside VALARMs, without duplicates. */
  readonly addresses: readonly string[];
  /** Why the text is not one well-formed VCALENDAR, or null. */
  readonly error: string | null;
}

const fail = (error: string): IcsScan => ({ uids: [], addresses: [], error });

export function scanIcs(text: string): IcsScan {
  const uids = new Set<string>();
  const addresses = new Set<string>();
  const stack: string[] = [];
  let calendars = 0;
  const lines = unfoldLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const where = `line ${i + 1}`;
    const stop = line.search(/[;:]/);
    if (stop < 0) return fail(`${where} is not an iCalendar content line: ${preview(line)}`);
    const name = line.slice(0, stop).toUpperCase();
    // Lines without parameters are the common case and need no further parsing.
    const parsed = line[stop] === ':' ? null : parseContentLine(line);
    if (line[stop] === ';' && !parsed) return fail(`${where} has malformed parameters: ${preview(line)}`);
    const value = parsed ? parsed.value : line.slice(stop + 1);
    if (stack.length === 0) {
      if (calendars > 0) return fail(`${where}: text after END:VCALENDAR (one calendar per file)`);
      if (name !== 'BEGIN' || value.trim().toUpperCase() !== 'VCALENDAR')
        return fail(`${where}: expected BEGIN:VCALENDAR`);
      calendars++;
    }
    if (name === 'BEGIN') {
      stack.push(value.trim().toUpperCase());
      continue;
    }
    if (name === 'END') {
      const open = stack.pop();
      if (open !== value.trim().toUpperCase())
        return fail(`${where}: END:${value.trim()} does not close BEGIN:${open ?? '(nothing)'}`);
      continue;
    }
    if (name === 'UID' && stack.length === 2 && stack[1] !== 'VTIMEZONE') {
      // Trimmed as the engine and the calendar queries read it: a UID with stray spaces is the same event.
      uids.add(unescapeText(value).trim());
    } else if ((name === 'ORGANIZER' || name === 'ATTENDEE') && !stack.includes('VALARM')) {
      // VALARM attendees (RFC 5545 §3.6.6, EMAIL action) are reminder recipients, not meeting participants.
      addAddress(addresses, value);
      const sentBy = (parsed ?? parseContentLine(line))?.params.get('SENT-BY');
      for (const s of sentBy ?? []) addAddress(addresses, s);
    }
  }
  if (calendars === 0) return fail('no BEGIN:VCALENDAR found');
  if (stack.length > 0) return fail(`the text ends inside ${stack[stack.length - 1]} (truncated file?)`);
  // Kept in indexes for as long as the object is stored: copies, not slices that would keep the whole text.
  return { uids: [...uids].map(ownedString), addresses: [...addresses].map(ownedString), error: null };
}

function addAddress(into: Set<string>, raw: string): void {
  const n = normalizeAddress(raw);
  if (n !== '') into.add(n);
}

function preview(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
}
