/**
 * iCalendar text → jCal (RFC 7265), with exactly ical.js' result. Parsing the message was the largest single cost
 * of handling one; most content lines have the same few shapes (a name, plain parameters, one value), and those
 * are split here in one pass. Every other line (quoted or RFC 6868-escaped parameters, multi-valued parameters,
 * malformed lines) goes to ical.js' own line handler with the same parser state, so the output, the errors and
 * their messages stay ical.js'. Value decoding always uses ical.js' design set. A test compares both parsers on
 * every fixture and on thousands of mutated lines.
 */
import ICAL from 'ical.js';
import { recurOutOfRange } from './recurRanges.js';

type Params = Record<string, unknown>;
type JProp = unknown[];
type JComp = [string, JProp[], JComp[]];

interface PropertyDesign {
  readonly defaultType?: string;
  readonly multiValue?: string;
  readonly structuredValue?: string;
  readonly detectType?: (value: string) => string;
}
interface ParamDesign {
  readonly valueType?: string;
  readonly multiValue?: string;
}
interface DesignSet {
  readonly value: Record<string, { fromICAL?: (v: string, structured?: unknown) => unknown } | undefined>;
  readonly param: Record<string, ParamDesign | undefined>;
  readonly property: Record<string, PropertyDesign | undefined>;
}
/** ical.js' parser state, shared with its line handler for the lines handed to it. */
class State {
  component: JComp | JComp[];
  stack: (JComp | JComp[])[];
  designSet: DesignSet | undefined = undefined;
  /** Ours: where the current content line starts and ends in the input, and the VTIMEZONE being read. */
  lineStart = 0;
  lineEnd = 0;
  zone: JComp | null = null;
  zoneStart = 0;
  constructor(
    root: JComp[],
    readonly input: string,
  ) {
    this.component = root;
    this.stack = newList();
    this.stack.push(root);
  }
}
interface IcalParser {
  (input: string): unknown;
  _handleContentLine(line: string, state: State): void;
  _parseMultiValue(
    buffer: string,
    delim: string,
    type: string,
    result: unknown[],
    innerMulti: string | null,
    designSet: DesignSet,
    structured: string | false,
  ): unknown;
}

const icalParse = ICAL.parse as unknown as IcalParser;
const ICAL_SET = ICAL.design.icalendar as unknown as DesignSet;
const LEADING = /[^ \t]/;
/**
 * The ical.js internals used here (its line handler, multi-value splitter and error class). Should a later
 * ical.js drop one of them, everything is parsed by ical.js: slower, never different.
 */
const INTERNALS_PRESENT =
  typeof icalParse._handleContentLine === 'function' &&
  typeof icalParse._parseMultiValue === 'function' &&
  typeof (ICAL.parse as unknown as { ParserError?: unknown }).ParserError === 'function' &&
  typeof ICAL_SET?.property === 'object' &&
  typeof ICAL_SET?.param === 'object' &&
  typeof ICAL_SET?.value === 'object';

/**
 * Parses iCalendar text like `ICAL.parse` (same jCal, same exceptions), except that bad input never surfaces as a
 * TypeError from inside ical.js (an RRULE part without "=", a line outside every component): that is a ParserError
 * like every other syntax error. Non-iCalendar data goes to ical.js.
 */
export function parseIcs(input: string): unknown {
  try {
    return parseLines(input);
  } catch (e) {
    throw asParserError(e);
  }
}

function asParserError(e: unknown): unknown {
  if (!(e instanceof TypeError)) return e;
  const frame = ((e as { stack?: string }).stack ?? '').split('\n').find((l) => l.trimStart().startsWith('at ')) ?? '';
  return /ical\.js/.test(frame) ? new icalParseError(`invalid ical body. ${e.message}`) : e;
}

function parseLines(input: string): unknown {
  if (!INTERNALS_PRESENT) return icalParse(input);
  const root = newList<JComp>();
  const state = new State(root, input);
  let first = true;
  let line: string | null = null;
  const len = input.length;
  let lastPos = input.search(LEADING);
  let pos = lastPos;
  // Line splitting and unfolding as ical.js does it (a line starting with a space or a tab continues the last one).
  do {
    pos = input.indexOf('\n', lastPos) + 1;
    let nl = pos > 1 && input.charCodeAt(pos - 2) === 13 ? 2 : 1;
    if (pos === 0) {
      pos = len;
      nl = 0;
    }
    const c = input.charCodeAt(lastPos);
    if (c === 32 || c === 9) {
      line += input.slice(lastPos + 1, pos - nl);
    } else {
      if (line) {
        if (first) {
          // The first component picks the design set; only iCalendar is handled here.
          if (!line.toUpperCase().startsWith('BEGIN:VCALENDAR')) return icalParse(input);
          first = false;
        }
        state.lineEnd = lastPos;
        contentLine(line, state);
      }
      line = input.slice(lastPos, pos - nl);
      state.lineStart = lastPos;
    }
    lastPos = pos;
  } while (pos !== len);
  line = (line ?? '').trim();
  if (line.length) {
    if (first && !line.toUpperCase().startsWith('BEGIN:VCALENDAR')) return icalParse(input);
    state.lineEnd = len;
    contentLine(line, state);
  }
  if (state.stack.length > 1) throw new icalParseError('invalid ical body. component began but did not end');
  return root.length === 1 ? root[0] : root;
}

const TOP_LEVEL = new Set(['vevent', 'vtodo', 'vjournal', 'vfreebusy', 'vtimezone', 'vavailability']);

/** Components nested deeper than this are refused (see the BEGIN branch of contentLine). */
export const MAX_DEPTH = 16;

const icalParseError = (ICAL.parse as unknown as { ParserError: new (m: string) => Error }).ParserError;

// contentLine runs for every line of every message: what only BEGIN lines or only lines between components need is
// kept in functions of its own, so the per-line path stays small enough for V8 to optimize as a whole.

function contentLine(line: string, state: State): void {
  if (state.stack.length <= 1) outsideComponents(line);
  const n = line.length;
  let i = 0;
  let c = 0;
  for (; i < n; i++) {
    c = line.charCodeAt(i);
    if (c === COLON || c === SEMI) break;
  }
  if (i === n) return icalParse._handleContentLine(line, state);
  const name = lower(line.slice(0, i));
  if (name === 'constructor' || name === '__proto__') return icalParse._handleContentLine(line, state);
  const params: Params = {};
  let valueStart = i + 1;
  if (c === SEMI) {
    // Parameters: the plain shape only (every parameter NAME=value, no quotes, no RFC 6868 escapes, none of the
    // multi-valued ones); ical.js handles the rest.
    let start = i + 1;
    let j = start;
    for (;;) {
      j = start;
      for (; j < n; j++) {
        c = line.charCodeAt(j);
        if (c === EQUALS) break;
        if (c === SEMI || c === COLON || c === QUOTE || c === CARET) return icalParse._handleContentLine(line, state);
      }
      if (j === n || j === start) return icalParse._handleContentLine(line, state);
      const eq = j;
      for (j = eq + 1; j < n; j++) {
        c = line.charCodeAt(j);
        if (c === SEMI || c === COLON) break;
        if (c === QUOTE || c === CARET) return icalParse._handleContentLine(line, state);
      }
      if (j === n) return icalParse._handleContentLine(line, state);
      const key = lower(line.slice(start, eq));
      if (key === 'constructor' || key === '__proto__') return icalParse._handleContentLine(line, state);
      const pd = ICAL_SET.param[key];
      if (pd?.multiValue) return icalParse._handleContentLine(line, state);
      params[key] = decodeValue(line.slice(eq + 1, j), pd?.valueType ?? 'text');
      if (c === COLON) break;
      start = j + 1;
    }
    valueStart = j + 1;
  }
  const value = line.slice(valueStart);
  if (c === COLON && valueStart === i + 1) {
    if (name === 'begin') return beginComponent(value, state);
    if (name === 'end') {
      if (state.zone !== null && state.zone === state.component) {
        sourceTexts.set(state.zone, state.input.slice(state.zoneStart, state.lineEnd));
        state.zone = null;
      }
      state.component = state.stack.pop() as JComp;
      return;
    }
  }
  if (state.designSet === undefined) return icalParse._handleContentLine(line, state);
  const design = ICAL_SET.property[name];
  let type: string | undefined = value && design?.detectType ? design.detectType(value) : undefined;
  if (!type) {
    if ('value' in params) type = String(params.value).toLowerCase();
    else type = design ? (design.defaultType as string) : 'unknown';
  }
  if ('value' in params) delete params.value;
  const multi = design?.multiValue;
  const structured = design?.structuredValue;
  let result: JProp;
  if (multi && structured) {
    const parts = icalParse._parseMultiValue(value, structured, type, newList(), multi, ICAL_SET, structured);
    result = jprop(name, params, type, parts);
  } else if (multi) {
    result = PROPERTY_HEAD.slice();
    result[0] = name;
    result[1] = params;
    result[2] = type;
    icalParse._parseMultiValue(value, multi, type, result, null, ICAL_SET, false);
  } else if (structured) {
    const parts = icalParse._parseMultiValue(value, structured, type, newList(), null, ICAL_SET, structured);
    result = jprop(name, params, type, parts);
  } else {
    result = jprop(name, params, type, decodeValue(value, type));
  }
  (state.component as JComp)[1].push(result);
}

/**
 * Between components only BEGIN may come. ical.js pops past the root on a stray END and writes a stray property
 * into `undefined` (a TypeError, or a damaged tree returned as if valid).
 */
function outsideComponents(line: string): void {
  if (!/^begin:/i.test(line))
    throw new icalParseError(`invalid ical body. a line outside every component: ${line.slice(0, 40)}`);
}

function beginComponent(value: string, state: State): void {
  // RFC 5545 nests three deep (VCALENDAR > VEVENT > VALARM); a deeper tree is an attack on every recursive
  // walk after this one (zone completion, serialization), so it is refused here.
  if (state.stack.length > MAX_DEPTH)
    throw new icalParseError(`invalid ical body. components nested deeper than ${MAX_DEPTH}`);
  const comp = COMPONENT.slice() as JComp;
  comp[0] = lower(value);
  comp[1] = newList();
  comp[2] = newList();
  // RFC 5545 §3.6: calendar components sit directly in VCALENDAR. A VEVENT inside a VEVENT would be stored
  // with its owner and make one file hold two UIDs.
  if (TOP_LEVEL.has(comp[0]) && (state.stack.length === 1 || (state.component as JComp)[0] !== 'vcalendar')) {
    if (state.stack.length > 1)
      throw new icalParseError(`invalid ical body. ${value} inside ${(state.component as JComp)[0].toUpperCase()}`);
  }
  if (state.stack.length === 1) (state.component as JComp[]).push(comp);
  else (state.component as JComp)[2].push(comp);
  state.stack.push(state.component);
  state.component = comp;
  state.designSet ??= ICAL_SET;
  if (comp[0] === 'vtimezone') {
    state.zone = comp;
    state.zoneStart = state.lineStart;
  }
}

/**
 * The text each VTIMEZONE was parsed from. Time zone definitions repeat verbatim in every message from a sender;
 * caches of what is derived from them (offset tables, serialized lines) use this text as their key instead of
 * serializing the jCal to compare it.
 */
const sourceTexts = new WeakMap<object, string>();

/** The text a VTIMEZONE's jCal was parsed from, when `parseIcs` read it. Two equal texts parse to equal jCal. */
export function zoneSourceText(jcal: object): string | undefined {
  return sourceTexts.get(jcal);
}

/*
 * The jCal of a message lives as long as the message is handled; the store's calendars, parsed by this same code,
 * live as long as the app. V8 follows what becomes of the arrays and objects each literal in the code creates, and
 * once the store has been read (every array of a literal kept) it allocates all later ones of that literal straight
 * into the old generation. A message's tree there is garbage only a full collection finds, and until then everything
 * it points to survives each young collection and is copied: most of the garbage collector's work while handling
 * messages. So the tree is built from copies of fixed arrays, `new` and empty object literals, which V8 does not
 * follow that way.
 */
const NOTHING: never[] = [];
const PROPERTY: JProp = ['', null, '', null];
const PROPERTY_HEAD: JProp = ['', null, ''];
const COMPONENT: unknown[] = ['', NOTHING, NOTHING];

function newList<T>(): T[] {
  return NOTHING.slice();
}

/** [name, parameters, type, value]: one property's jCal. */
function jprop(name: string, params: Params, type: string, value: unknown): JProp {
  const p = PROPERTY.slice();
  p[0] = name;
  p[1] = params;
  p[2] = type;
  p[3] = value;
  return p;
}

const COLON = 58;
const SEMI = 59;
const EQUALS = 61;
const QUOTE = 34;
const CARET = 94;

/** Names and parameter keys repeat in every line: their lower-case forms are kept (bounded). */
const lowered = new Map<string, string>();
function lower(s: string): string {
  let l = lowered.get(s);
  if (l === undefined) {
    l = s.toLowerCase();
    if (lowered.size < 1024) lowered.set(s, l);
  }
  return l;
}

/**
 * A property or parameter value, as ical.js' `_parseValue` decodes it (ical.js passes a structured flag of false
 * or none; no value type reads it).
 */
function decodeValue(value: string, type: string): unknown {
  if (type === 'text' && value.indexOf('\\') === -1) return value;
  if (type === 'recur') return recurData(value);
  const d = ICAL_SET.value[type];
  return d && 'fromICAL' in d && d.fromICAL ? d.fromICAL(value, false) : value;
}

type RecurData = Record<string, unknown>;
/** The same RRULEs come again and again (every update of a series): decoded once, handed out as copies. */
const recurs = new Map<string, RecurData>();

function recurData(value: string): RecurData {
  let data = recurs.get(value);
  if (!data) {
    data = (ICAL_SET.value.recur?.fromICAL as (v: string) => RecurData)(value);
    const outside = recurOutOfRange(data);
    if (outside) throw new icalParseError(`invalid ical body. ${outside}`);
    if (recurs.size >= 512) recurs.delete(recurs.keys().next().value as string);
    recurs.set(value, data);
  }
  const copy: RecurData = Object.create(null) as RecurData;
  for (const k in data) {
    const v = data[k];
    copy[k] = Array.isArray(v) ? v.slice() : v;
  }
  return copy;
}
