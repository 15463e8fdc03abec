import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseIcs, zoneSourceText } from '../../../shared/ical/parse.js';

/** Both parsers' outcome: the jCal, or the exception's class and message. */
function outcome(parse: (s: string) => unknown, text: string): unknown {
  try {
    return { ok: parse(text) };
  } catch (e) {
    return { error: e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e) };
  }
}
/**
 * The deliberate differences: a line between components (a stray END, a property after END:VCALENDAR) and a
 * calendar component inside another (a VEVENT in a VEVENT, RFC 5545 §3.6) are a ParserError here, where ical.js returns a tree missing the lines it misplaced; and whatever ical.js fails on
 * with a TypeError is a ParserError here.
 */
const STRAY = /^ParserError: invalid ical body\. (a line outside every component|.+ inside .+)/;
const same = (text: string): void => {
  const ours = outcome(parseIcs, text) as { error?: string };
  const theirs = outcome((s) => ICAL.parse(s), text) as { error?: string };
  if (theirs.error?.startsWith('TypeError')) {
    // Bad input that ical.js fails on with a TypeError is a ParserError here (errors are data, never a crash).
    expect(ours.error, text).toMatch(/^ParserError: invalid ical body\./);
    return;
  }
  // Refused here for its structure; ical.js may accept it or fail later in the text for another reason.
  if (ours.error && STRAY.test(ours.error)) return;
  expect(ours, text).toEqual(theirs);
};

const root = path.resolve(import.meta.dirname, '../../fixtures');
const files = (dir: string, ext: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name), ext) : e.name.endsWith(ext) ? [path.join(dir, e.name)] : [],
  );
const calendarsIn = (eml: string): string[] =>
  [...eml.matchAll(/BEGIN:VCALENDAR[\s\S]*?END:VCALENDAR/g)].map((m) => m[0]);

const wrap = (...lines: string[]): string =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', ...lines, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');

describe('parseIcs gives what ical.js gives', () => {
  it('on every iCalendar fixture and every calendar inside a fixture mail', () => {
    const texts = [
      ...files(root, '.ics').map((f) => readFileSync(f, 'utf8')),
      ...files(root, '.eml').flatMap((f) => calendarsIn(readFileSync(f, 'utf8'))),
    ];
    expect(texts.length).toBeGreaterThan(60);
    for (const t of texts) same(t);
  });

  it('on the property shapes real clients write', () => {
    same(
      wrap(
        'UID:1',
        'DTSTART;TZID=Europe/Berlin:20260301T100000',
        'DTEND;VALUE=DATE:20260302',
        'RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10',
        'EXDATE;TZID=Europe/Berlin:20260302T100000,20260309T100000',
        'RDATE;VALUE=PERIOD:20260301T100000Z/PT1H',
        'RDATE:20260401,20260402',
        'ATTENDEE;CN="Doe, Jane";PARTSTAT=ACCEPTED:mailto:jane@example.com',
        'ATTENDEE;CN=Jane\\, Doe;ROLE=CHAIR:mailto:j@example.com',
        'ATTENDEE;DELEGATED-FROM="mailto:a@x","mailto:b@x";PARTSTAT=ACCEPTED:mailto:c@x',
        'ATTENDEE;DELEGATED-TO=mailto:d@x:mailto:c@x',
        'ORGANIZER;CN=^\'Boss^\' ^^ co;SENT-BY="mailto:s@x":mailto:o@x',
        'GEO:37.386013;-122.082932',
        'REQUEST-STATUS:2.0;Success',
        'CATEGORIES:a,b\\,c,d',
        'DESCRIPTION;ALTREP="cid:part1":Line\\nTwo\\, with\\; escapes\\\\',
        'SUMMARY;LANGUAGE=de:Grüße: ein Test',
        'X-WR-FOO;X-A=1;X-B=2=3:value:with:colons',
        'X-EMPTY:',
        'X-EMPTY-PARAM;X-A=:v',
        'SEQUENCE:3',
        'PRIORITY:5',
        'TRANSP:OPAQUE',
        'DURATION:PT1H30M',
        'FREEBUSY;FBTYPE=BUSY:20260301T100000Z/20260301T110000Z,20260302T100000Z/PT1H',
        'X-MICROSOFT-CDO-ALLDAYEVENT:FALSE',
        'ATTACH;FMTTYPE=text/plain;ENCODING=BASE64;VALUE=BINARY:SGVsbG8=',
        'URL:https://example.com/a;b?c=d',
        'CLASS:PUBLIC',
        'STATUS:CONFIRMED',
        'X-VALUED;VALUE=INTEGER:42',
        'x-lower;x-param=Mixed:Case',
        'TZOFFSETFROM:+0100',
        'COMMENT;X-A=a\\,b:c',
      ),
    );
  });

  it('on folding, line endings and framing', () => {
    same(
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a long\r\n  line\r\n\tcontinued\r\nUID:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
    );
    same('BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\n\nEND:VEVENT\nEND:VCALENDAR');
    same('  \r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n   ');
    same('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    same('begin:vcalendar\r\nbegin:vevent\r\nuid:1\r\nend:vevent\r\nend:vcalendar');
    same('');
    same('   ');
    same('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\n');
    same('UID:1\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR');
    expect(() => parseIcs('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VCALENDAR\r\nSUMMARY:x\r\n')).toThrow(
      /outside every component/,
    );
    expect(() => parseIcs('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nUID:1\r\n')).toThrow(/outside every component/);
    same('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jane\r\nitem1.EMAIL:j@x\r\nEND:VCARD\r\n');
    same('BEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\n');
  });

  it('on malformed lines (same exception and message)', () => {
    for (const bad of [
      'NOCOLON',
      'X;A=1',
      'X;=1:v',
      'X;A:v',
      'X;;A=1:v',
      'X;A="unterminated:v',
      'BEGIN;X=1:VEVENT',
      'CONSTRUCTOR:x',
      'X;__PROTO__=1:v',
      'X;CONSTRUCTOR=1:v',
      'TOSTRING:x',
      'X;VALUE=CONSTRUCTOR:x',
    ]) {
      same(wrap('UID:1', bad));
    }
  });

  it('on thousands of randomly damaged fixture lines', () => {
    const texts = files(root, '.ics').map((f) => readFileSync(f, 'utf8'));
    const noise = [
      ';',
      ':',
      '"',
      '^',
      ',',
      '=',
      '\\',
      ' ',
      '\t',
      '\r\n',
      '\n',
      '\r\n ',
      'n',
      "'",
      'VALUE=DATE',
      'BEGIN:VEVENT',
      'END:VEVENT',
    ];
    let seed = 20261121;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      const t = texts[rand(texts.length)] as string;
      let s = t;
      for (let k = 1 + rand(3); k > 0; k--) {
        const at = rand(s.length);
        s =
          rand(4) === 0
            ? s.slice(0, at) + s.slice(at + 1 + rand(5))
            : s.slice(0, at) + (noise[rand(noise.length)] as string) + s.slice(at);
      }
      same(s);
    }
  });
});

describe('parseIcs extras', () => {
  const zone = [
    'BEGIN:VTIMEZONE',
    'TZID:Europe/Berlin',
    'BEGIN:STANDARD',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');
  const text = `BEGIN:VCALENDAR\r\n${zone}\r\nBEGIN:VEVENT\r\nUID:1\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;

  it('remembers the text each VTIMEZONE came from, and only for those', () => {
    const cal = parseIcs(text) as [string, unknown[], unknown[][]];
    const [vtz, vevent] = cal[2] as [object, object];
    expect(zoneSourceText(vtz)).toBe(`${zone}\r\n`);
    expect(zoneSourceText(vevent)).toBeUndefined();
    expect(zoneSourceText(JSON.parse(JSON.stringify(vtz)) as object)).toBeUndefined();
  });

  it('hands out a separate RRULE structure to each parse', () => {
    const rrule = (): Record<string, unknown> => {
      const vevent = (parseIcs(text) as [string, unknown[], [string, unknown[][], unknown[]][]])[2][1];
      return vevent?.[1][1]?.[3] as Record<string, unknown>;
    };
    const a = rrule();
    (a.byday as string[]).push('WE');
    a.count = 3;
    expect(rrule()).toEqual(Object.assign(Object.create(null), { freq: 'WEEKLY', byday: ['MO', 'TU'] }));
  });

  it('builds every list of the tree anew: editing one parse changes no other', () => {
    type Tree = [string, unknown[][], Tree[]];
    const small = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const multi = wrap('UID:1', 'CATEGORIES:A,B', 'SUMMARY:x');
    const a = parseIcs(small) as Tree;
    const event = a[2][0] as Tree;
    expect(a[1]).not.toBe(event[1]);
    expect(a[2]).not.toBe(event[2]);
    a[1].push(['x-a', {}, 'unknown', '1']);
    event[1].push(['x-b', {}, 'unknown', '2']);
    event[2].push(['valarm', [], []]);
    const m = parseIcs(multi) as Tree;
    const [uid, categories, summary] = (m[2][0] as Tree)[1];
    categories?.push('C');
    (uid as unknown[])[3] = 'changed';
    expect(parseIcs(small)).toEqual(['vcalendar', [], [['vevent', [], []]]]);
    expect(parseIcs(multi)).toEqual(ICAL.parse(multi));
    expect(summary).toEqual(['summary', {}, 'text', 'x']);
  });
});
