/**
 * iCalendar-aware mutations: whole content lines duplicated or dropped, random parameters, huge values, deep
 * component nesting, random RRULE parts, odd TZIDs, odd date-times, METHOD/SEQUENCE changes and control
 * characters in values (RFC 5545 §3.1 allows no CTL but HTAB). Each works on latin1 text and keeps the input
 * recognisably iCalendar, so the mutation reaches past the first syntax check.
 */
import type { Random } from './random.js';
import { utf8Bytes } from './byteMutations.js';

const PROPERTY_LINE = /^[A-Za-z][A-Za-z0-9-]*[;:]/;

function lines(s: string): string[] {
  return s.split(/\r?\n/);
}

function eol(s: string): string {
  return s.includes('\r\n') ? '\r\n' : '\n';
}

function propertyIndexes(ls: readonly string[], name?: RegExp): number[] {
  const out: number[] = [];
  ls.forEach((l, i) => {
    if (PROPERTY_LINE.test(l) && !/^(BEGIN|END):/i.test(l) && (!name || name.test(l))) out.push(i);
  });
  return out;
}

function withLines(s: string, edit: (ls: string[]) => void): string {
  const ls = lines(s);
  edit(ls);
  return ls.join(eol(s));
}

/** Index of a line to insert a new property before: after some BEGIN:VEVENT when there is one. */
function insertPoint(ls: readonly string[], r: Random): number {
  const begins = ls.flatMap((l, i) => (/^BEGIN:V(EVENT|FREEBUSY|TODO)/i.test(l) ? [i + 1] : []));
  return begins.length > 0 && r.chance(0.8) ? r.pick(begins) : r.int(ls.length + 1);
}

export function duplicateProperty(s: string, r: Random): string {
  return withLines(s, (ls) => {
    const idx = propertyIndexes(ls);
    if (idx.length === 0) return;
    const i = r.pick(idx);
    ls.splice(r.chance(0.5) ? i : r.int(ls.length), 0, ls[i] as string);
  });
}

export function dropProperty(s: string, r: Random): string {
  const important =
    /^(UID|DTSTART|DTEND|DURATION|ORGANIZER|ATTENDEE|METHOD|SEQUENCE|DTSTAMP|RECURRENCE-ID|RRULE|TZID|END|BEGIN)/i;
  return withLines(s, (ls) => {
    const idx = propertyIndexes(ls, r.chance(0.6) ? important : undefined);
    if (idx.length > 0) ls.splice(r.pick(idx), 1);
  });
}

const PARAM_NAMES = [
  'TZID',
  'VALUE',
  'RANGE',
  'PARTSTAT',
  'ROLE',
  'RSVP',
  'CN',
  'SENT-BY',
  'DELEGATED-FROM',
  'DELEGATED-TO',
  'CUTYPE',
  'X-FOO',
  'ENCODING',
  'FMTTYPE',
  'RELATED',
  'SCHEDULE-AGENT',
  'SCHEDULE-STATUS',
  'X-RECEIVED-SEQUENCE',
  'X-RECEIVED-DTSTAMP',
  'EMAIL',
  'LANGUAGE',
  'ALTREP',
  'MEMBER',
];
const PARAM_VALUES = [
  '',
  'DATE',
  'DATE-TIME',
  'PERIOD',
  'DURATION',
  'BINARY',
  'TEXT',
  'THISANDFUTURE',
  'THISANDPRIOR',
  'ACCEPTED',
  'DECLINED',
  'TENTATIVE',
  'DELEGATED',
  'NEEDS-ACTION',
  'TRUE',
  'FALSE',
  '"mailto:a@b.example"',
  '"mailto:x@y", "mailto:z@w"',
  '"unterminated',
  'a"b',
  "^n^'^^",
  'BASE64',
  '"Müller; Jr."',
  'Europe/Berlin',
  '-1',
  '99999999999999999999999',
];

export function randomParameter(s: string, r: Random): string {
  return withLines(s, (ls) => {
    const idx = propertyIndexes(ls);
    if (idx.length === 0) return;
    const i = r.pick(idx);
    const line = ls[i] as string;
    const colon = line.search(/[;:]/);
    const value = r.chance(0.7) ? r.pick(PARAM_VALUES) : r.pick(ODD_TZIDS);
    const param = `;${r.pick(PARAM_NAMES)}=${utf8Bytes(value)}`.repeat(r.chance(0.05) ? r.range(2, 500) : 1);
    ls[i] = line.slice(0, colon) + param + line.slice(colon);
  });
}

export function hugeValue(s: string, r: Random): string {
  return withLines(s, (ls) => {
    const idx = propertyIndexes(ls);
    if (idx.length === 0) return;
    const i = r.pick(idx);
    const unit = r.pick(['A', 'é', '\\,', ',', ';', 'x\\n', '€', ' ', '\\']);
    // Mostly sizes that stay fast; now and then one up to the input bound (the whole input is cut to it anyway).
    const n = Math.min(r.maxLen, r.chance(0.03) ? r.range(100_000, 1_000_000) : r.pick([100, 1_000, 10_000]));
    ls[i] = (ls[i] as string) + utf8Bytes(unit.repeat(Math.max(1, Math.floor(n / unit.length))));
  });
}

export function deepNesting(s: string, r: Random): string {
  return withLines(s, (ls) => {
    // A BEGIN line is at least 10 bytes: deeper than the input bound allows would only be cut off.
    const depth = Math.min(
      Math.ceil(r.maxLen / 10),
      r.chance(0.03) ? r.pick([1_000, 50_000]) : r.pick([2, 5, 15, 16, 17, 100]),
    );
    const name = r.pick(['VEVENT', 'VALARM', 'X-THING', 'VCALENDAR', 'VTIMEZONE', 'STANDARD']);
    const at = insertPoint(ls, r);
    const open = Array.from({ length: depth }, () => `BEGIN:${name}`);
    const close = r.chance(0.7) ? Array.from({ length: depth }, () => `END:${name}`) : [];
    ls.splice(at, 0, ...open, ...close);
  });
}

const FREQS = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'FORTNIGHTLY', ''];
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU', '1MO', '-1FR', '53SU', '-53MO', '0TU', '+2WE', 'XX'];

function numberList(r: Random, lo: number, hi: number): string {
  const n = r.range(1, r.chance(0.1) ? 60 : 4);
  return Array.from({ length: n }, () => String(r.chance(0.1) ? r.pick([0, -0, 999, -999]) : r.range(lo, hi))).join(
    ',',
  );
}

export function randomRrule(r: Random): string {
  const parts = [`FREQ=${r.pick(FREQS)}`];
  if (r.chance(0.5)) parts.push(`INTERVAL=${r.pick(['1', '2', '0', '-1', '1000', '99999999', 'x'])}`);
  const bound = r.chance(0.4) ? 'count' : r.chance(0.4) ? 'until' : null;
  if (bound === 'count') parts.push(`COUNT=${r.pick(['1', '10', '0', '-5', '100000', '4294967297'])}`);
  else if (bound === 'until')
    parts.push(
      `UNTIL=${r.pick(['20261231T235959Z', '20261231', '99991231T235959Z', '19000101T000000Z', '2026', 'TZID=X'])}`,
    );
  const by: [string, () => string][] = [
    ['BYSECOND', () => numberList(r, 0, 60)],
    ['BYMINUTE', () => numberList(r, 0, 59)],
    ['BYHOUR', () => numberList(r, 0, 23)],
    ['BYDAY', () => Array.from({ length: r.range(1, 7) }, () => r.pick(DAYS)).join(',')],
    ['BYMONTHDAY', () => numberList(r, -31, 31)],
    ['BYYEARDAY', () => numberList(r, -366, 366)],
    ['BYWEEKNO', () => numberList(r, -53, 53)],
    ['BYMONTH', () => numberList(r, 1, 13)],
    ['BYSETPOS', () => numberList(r, -366, 366)],
    ['WKST', () => r.pick(DAYS)],
  ];
  for (const [name, value] of by) if (r.chance(0.25)) parts.push(`${name}=${value()}`);
  if (r.chance(0.1)) parts.push(parts[r.int(parts.length)] as string);
  return `RRULE:${parts.join(';')}`;
}

export function rruleMutation(s: string, r: Random): string {
  return withLines(s, (ls) => {
    const existing = propertyIndexes(ls, /^(RRULE|EXRULE)/i);
    const line = r.chance(0.2)
      ? `EXDATE:${Array.from({ length: r.chance(0.03) ? 3000 : r.range(1, 30) }, (_, k) => `2026${String((k % 12) + 1).padStart(2, '0')}01T100000Z`).join(',')}`
      : randomRrule(r);
    if (existing.length > 0 && r.chance(0.6)) ls[r.pick(existing)] = line;
    else ls.splice(insertPoint(ls, r), 0, line);
  });
}

export const ODD_TZIDS = [
  '',
  ' ',
  'Europe/Berlin',
  '/mozilla.org/20050126_1/Europe/Berlin',
  'W. Europe Standard Time',
  '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
  'Customized Time Zone',
  'Etc/GMT+14',
  'Etc/GMT-15',
  'UTC',
  'GMT',
  'Z',
  'America/Argentina/ComodRivadavia',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'Australia/Lord_Howe',
  'Tokyo Standard Time',
  'tzone://Microsoft/Custom',
  '"quoted"',
  'Europe/../../etc/passwd',
  'Ünïcödé/Zone',
  'x'.repeat(300),
  'America/New_York;X=1',
  'Africa/Casablanca',
  'Antarctica/Troll',
];

export function oddTzid(s: string, r: Random): string {
  const tzid = utf8Bytes(r.pick(ODD_TZIDS));
  if (r.chance(0.5))
    return s.replace(/TZID=("[^"]*"|[^;:\r\n]*)/gi, () =>
      tzid.includes(';') || tzid.includes(':') ? `TZID="${tzid}"` : `TZID=${tzid}`,
    );
  return withLines(s, (ls) => {
    const idx = propertyIndexes(ls, /^(DTSTART|DTEND|RECURRENCE-ID|EXDATE|RDATE|DUE)/i);
    if (idx.length === 0) return;
    const i = r.pick(idx);
    const line = ls[i] as string;
    const colon = line.indexOf(':');
    ls[i] = `${line.slice(0, colon).replace(/;TZID=[^;:]*/i, '')};TZID=${tzid}${line.slice(colon)}`;
  });
}

const ODD_TIMES = [
  '99991231T235959Z',
  '00000101T000000',
  '20260230T100000',
  '20261301T000000Z',
  '20260615T250000',
  '20260615',
  '2026-06-15T10:00:00Z',
  '20260615T100000+0100',
  '20260615T100000Z/PT1H',
  '-20260615T100000',
  'P1D',
  'TRUE',
  '',
  '2026061',
  '20260615T1000',
  '10000101T000000Z',
  '09991231T000000Z',
];

export function oddTime(s: string, r: Random): string {
  return withLines(s, (ls) => {
    const idx = propertyIndexes(
      ls,
      /^(DTSTART|DTEND|RECURRENCE-ID|DTSTAMP|EXDATE|RDATE|DURATION|UNTIL|LAST-MODIFIED|CREATED)/i,
    );
    if (idx.length === 0) return;
    const i = r.pick(idx);
    const line = ls[i] as string;
    const value = /^DURATION/i.test(line)
      ? r.pick(['P', 'PT0S', '-PT1H', 'P99999999W', 'P1Y', 'PT1H30', 'P1DT'])
      : r.pick(ODD_TIMES);
    ls[i] = `${line.slice(0, line.indexOf(':') + 1)}${value}`;
  });
}

const METHODS = [
  'REQUEST',
  'REPLY',
  'CANCEL',
  'ADD',
  'REFRESH',
  'COUNTER',
  'DECLINECOUNTER',
  'PUBLISH',
  'request',
  'X-FOO',
  '',
];

export function schedulingFields(s: string, r: Random): string {
  const op = r.int(4);
  if (op === 0) return s.replace(/^METHOD:.*$/im, `METHOD:${r.pick(METHODS)}`);
  if (op === 1)
    return s.replace(
      /^SEQUENCE:.*$/gim,
      `SEQUENCE:${r.pick(['0', '1', '-1', '2147483648', '1e3', 'x', '99999999999999999999'])}`,
    );
  if (op === 2)
    return s.replace(
      /PARTSTAT=[A-Z-]+/gi,
      `PARTSTAT=${r.pick(['ACCEPTED', 'DECLINED', 'TENTATIVE', 'DELEGATED', 'X-ODD', ''])}`,
    );
  return withLines(s, (ls) => {
    const what = r.pick(['ATTENDEE', 'ORGANIZER']);
    const who = r.pick([
      'mailto:me@example.com',
      'mailto:someone@example.org',
      'MAILTO:ME@EXAMPLE.COM',
      'mailto:',
      'urn:x',
      'mailto:"a b"@c',
      `mailto:${'a'.repeat(500)}@x`,
    ]);
    ls.splice(insertPoint(ls, r), 0, `${what};CN=X;PARTSTAT=${r.pick(['ACCEPTED', 'NEEDS-ACTION'])}:${who}`);
  });
}

/** RFC 5545 §3.1 forbids these in values; they must never reach a stored file raw. */
const CONTROLS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u001f',
  '\u007f',
  '\r',
  '\u0085',
];

export function controlCharacters(s: string, r: Random): string {
  return withLines(s, (ls) => {
    const idx = propertyIndexes(
      ls,
      r.chance(0.5) ? /^(UID|SUMMARY|DESCRIPTION|LOCATION|ATTENDEE|ORGANIZER|COMMENT)/i : undefined,
    );
    if (idx.length === 0) return;
    const i = r.pick(idx);
    const line = ls[i] as string;
    const at = r.range(Math.max(0, line.indexOf(':') + 1), line.length);
    ls[i] = line.slice(0, at) + r.pick(CONTROLS).repeat(r.range(1, 3)) + line.slice(at);
  });
}

export const ICAL_MUTATIONS = [
  duplicateProperty,
  dropProperty,
  randomParameter,
  hugeValue,
  deepNesting,
  rruleMutation,
  oddTzid,
  oddTime,
  schedulingFields,
  controlCharacters,
] as const;
