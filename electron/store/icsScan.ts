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
  // The logical lines of unfoldLines(), walked in place: a line without continuations is a range of `text` and
  // becomes a string of its own only when its value is kept or compared. Start-up scans every stored file, and
  // cutting every line into name, parameters and value was most of what loading the calendar allocated.
  const end = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let lineNo = 1; ; lineNo++) {
    let stop = lineEnd(text, pos);
    let next = stop === end ? -1 : stop + (text.charCodeAt(stop) === 13 && text.charCodeAt(stop + 1) === 10 ? 2 : 1);
    let line = text;
    let from = pos;
    let to = stop;
    if (next >= 0 && isFoldStart(text.charCodeAt(next))) {
      line = text.slice(pos, stop);
      while (next >= 0 && isFoldStart(text.charCodeAt(next))) {
        stop = lineEnd(text, next);
        line += text.slice(next + 1, stop);
        next = stop === end ? -1 : stop + (text.charCodeAt(stop) === 13 && text.charCodeAt(stop + 1) === 10 ? 2 : 1);
      }
      from = 0;
      to = line.length;
    }
    const problem = scanLine(line, from, to, lineNo);
    if (problem !== null) return fail(problem);
    if (next < 0) break;
    pos = next;
  }
  if (calendars === 0) return fail('no BEGIN:VCALENDAR found');
  if (stack.length > 0) return fail(`the text ends inside ${stack[stack.length - 1]} (truncated file?)`);
  // Kept in indexes for as long as the object is stored: copies, not slices that would keep the whole text.
  return { uids: [...uids].map(ownedString), addresses: [...addresses].map(ownedString), error: null };

  /** One logical line, `line` from `from` to `to`: null when it is fine, else why the text is not usable. */
  function scanLine(line: string, from: number, to: number, lineNo: number): string | null {
    if (isBlank(line, from, to)) return null;
    let stop = from;
    while (stop < to && line.charCodeAt(stop) !== 59 && line.charCodeAt(stop) !== 58) stop++;
    if (stop === to) return `line ${lineNo} is not an iCalendar content line: ${preview(line.slice(from, to))}`;
    const name = knownName(line, from, stop);
    // Lines without parameters are the common case and need no further parsing.
    let valueAt = stop + 1;
    let parsed: ContentLine | null = null;
    let sentBy = false;
    if (line.charCodeAt(stop) === 59) {
      valueAt = valueStart(line, from, to);
      if (valueAt === NEEDS_PARSE) {
        parsed = parseContentLine(line.slice(from, to));
        valueAt = parsed ? to - parsed.value.length : -1;
        sentBy = parsed?.params.has('SENT-BY') ?? false;
      } else {
        sentBy = sawSentBy;
      }
      if (valueAt < 0) return `line ${lineNo} has malformed parameters: ${preview(line.slice(from, to))}`;
    }
    if (stack.length === 0) {
      if (calendars > 0) return `line ${lineNo}: text after END:VCALENDAR (one calendar per file)`;
      if (name !== 'BEGIN' || line.slice(valueAt, to).trim().toUpperCase() !== 'VCALENDAR')
        return `line ${lineNo}: expected BEGIN:VCALENDAR`;
      calendars++;
    }
    if (name === 'BEGIN') {
      stack.push(line.slice(valueAt, to).trim().toUpperCase());
    } else if (name === 'END') {
      const open = stack.pop();
      const closed = line.slice(valueAt, to).trim();
      if (open !== closed.toUpperCase())
        return `line ${lineNo}: END:${closed} does not close BEGIN:${open ?? '(nothing)'}`;
    } else if (name === 'UID' && stack.length === 2 && stack[1] !== 'VTIMEZONE') {
      // Trimmed as the engine and the calendar queries read it: a UID with stray spaces is the same event.
      uids.add(unescapeText(line.slice(valueAt, to)).trim());
    } else if ((name === 'ORGANIZER' || name === 'ATTENDEE') && !stack.includes('VALARM')) {
      // VALARM attendees (RFC 5545 §3.6.6, EMAIL action) are reminder recipients, not meeting participants.
      addAddress(addresses, line.slice(valueAt, to));
      if (sentBy) {
        const values = (parsed ?? parseContentLine(line.slice(from, to)))?.params.get('SENT-BY');
        for (const s of values ?? []) addAddress(addresses, s);
      }
    }
    return null;
  }
}

const NAMES = ['BEGIN', 'END', 'UID', 'ORGANIZER', 'ATTENDEE'] as const;
type KnownName = (typeof NAMES)[number];

/** The property name from `from` to `stop`, upper-cased, when it is one the scan looks at; otherwise null. */
function knownName(line: string, from: number, stop: number): KnownName | null {
  for (let i = from; i < stop; i++) {
    // toUpperCase turns a few non-ASCII letters into ASCII ones (ı → I, ſ → S): compare as the full scan did.
    if (line.charCodeAt(i) > 0x7f) return NAMES.find((n) => n === line.slice(from, stop).toUpperCase()) ?? null;
  }
  const length = stop - from;
  for (const n of NAMES) {
    if (n.length !== length) continue;
    let i = 0;
    while (i < length && (line.charCodeAt(from + i) & ~0x20) === n.charCodeAt(i)) i++;
    if (i === length) return n;
  }
  return null;
}

/**
 * Where the value of a content line with parameters starts (after its `:`), or -1 when parseContentLine would
 * refuse the line: the same walk, without building the parameters. `NEEDS_PARSE` when a name holds non-ASCII,
 * where upper-casing decides (ſ → S, ı → I): the caller parses that line as it is. Sets `sawSentBy`.
 */
function valueStart(line: string, from: number, to: number): number {
  let pos = from;
  while (pos < to && line.charCodeAt(pos) !== 59 && line.charCodeAt(pos) !== 58) pos++;
  const name = nameCheck(line, from, pos, true);
  if (name !== NAME_OK) return name === NAME_NON_ASCII ? NEEDS_PARSE : -1;
  sawSentBy = false;
  while (pos < to && line.charCodeAt(pos) === 59) {
    const eq = line.indexOf('=', pos + 1);
    if (eq < 0 || eq >= to) return -1;
    const param = nameCheck(line, pos + 1, eq, false);
    if (param !== NAME_OK) return param === NAME_NON_ASCII ? NEEDS_PARSE : -1;
    if (eq - pos - 1 === 7 && equalsAsciiUpper(line, pos + 1, 'SENT-BY')) sawSentBy = true;
    pos = eq + 1;
    for (;;) {
      if (line.charCodeAt(pos) === 34) {
        const close = line.indexOf('"', pos + 1);
        if (close < 0 || close >= to) return -1;
        pos = close + 1;
      } else {
        while (pos < to) {
          const c = line.charCodeAt(pos);
          if (c === 44 || c === 59 || c === 58) break;
          pos++;
        }
      }
      if (pos >= to || line.charCodeAt(pos) !== 44) break;
      pos++;
    }
  }
  return pos < to && line.charCodeAt(pos) === 58 ? pos + 1 : -1;
}

const NEEDS_PARSE = -2;
/** Whether the line valueStart() walked last has a parameter named SENT-BY. */
let sawSentBy = false;
const NAME_OK = 0;
const NAME_BAD = 1;
const NAME_NON_ASCII = 2;

/** ASCII `[A-Za-z0-9-]+`, and with `group` one optional `.`-separated second part (`ITEM1.EMAIL`). */
function nameCheck(line: string, from: number, to: number, group: boolean): number {
  let partStart = from;
  let dots = 0;
  let result = NAME_OK;
  for (let i = from; i < to; i++) {
    const c = line.charCodeAt(i);
    if (c > 0x7f) return NAME_NON_ASCII;
    if (c === 46 && group && dots === 0 && i > partStart) {
      dots++;
      partStart = i + 1;
      continue;
    }
    const letterOrDigit = (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122) || c === 45;
    if (!letterOrDigit) result = NAME_BAD;
  }
  return to > partStart ? result : NAME_BAD;
}

/** Whether `line` at `from` is `upper` (upper-case ASCII letters and `-`), ignoring ASCII case. */
function equalsAsciiUpper(line: string, from: number, upper: string): boolean {
  for (let i = 0; i < upper.length; i++) {
    const c = line.charCodeAt(from + i);
    const u = upper.charCodeAt(i);
    if (c !== u && !(u >= 65 && u <= 90 && c === u + 32)) return false;
  }
  return true;
}

/** The end of the physical line starting at `pos`: the next CR or LF, or the end of the text. */
function lineEnd(text: string, pos: number): number {
  let i = pos;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    i++;
  }
  return i;
}

/** A continuation line starts with a space or a tab (RFC 5545 §3.1). */
function isFoldStart(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isBlank(line: string, from: number, to: number): boolean {
  if (from === to) return true;
  const c = line.charCodeAt(from);
  if (c > 0x20 && c < 0x7f) return false;
  return line.slice(from, to).trim() === '';
}

function addAddress(into: Set<string>, raw: string): void {
  const n = normalizeAddress(raw);
  if (n !== '') into.add(n);
}

function preview(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
}
