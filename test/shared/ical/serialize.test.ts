import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { foldLine, serializeCalendar, writePropertyFast } from '../../../shared/ical/serialize.js';

const octets = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('foldLine (RFC 5545 §3.1)', () => {
  it('leaves short lines alone', () => {
    expect(foldLine('SUMMARY:Short')).toBe('SUMMARY:Short');
    expect(foldLine('X:' + 'a'.repeat(73))).toBe('X:' + 'a'.repeat(73));
  });

  it('folds long ASCII lines into lines of at most 75 octets', () => {
    const line = 'DESCRIPTION:' + 'abcdefghij'.repeat(30);
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) expect(octets(p)).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('never splits a UTF-8 sequence and counts octets, not characters', () => {
    const line = 'SUMMARY:' + 'Grüße aus Köln 😀 '.repeat(12);
    const parts = foldLine(line).split('\r\n');
    for (const p of parts) {
      expect(octets(p)).toBeLessThanOrEqual(75);
      expect(p).not.toMatch(/\uFFFD/);
    }
    expect(parts.join('\r\n').replace(/\r\n /g, '')).toBe(line);
  });
});

describe('serializeCalendar', () => {
  it('round-trips through ical.js with CRLF endings and a final CRLF', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//x//EN',
      'BEGIN:VEVENT',
      'UID:1',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;TZID=Europe/Berlin:20260301T100000',
      'SUMMARY:Über den Wolken',
      `DESCRIPTION:${'long text, with commas; and semicolons '.repeat(8)}`,
      'ATTENDEE;CN="Doe, Jane";PARTSTAT=ACCEPTED:mailto:jane@example.com',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const comp = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const out = serializeCalendar(comp);
    expect(out.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(out).not.toMatch(/[^\r]\n/);
    const again = new ICAL.Component(ICAL.parse(out) as unknown[]);
    expect(again.toJSON()).toEqual(comp.toJSON());
  });

  it('writes a bare carriage return inside a value as an escaped newline', () => {
    const comp = new ICAL.Component([
      'vcalendar',
      [],
      [
        [
          'vevent',
          [
            ['uid', {}, 'text', '1'],
            ['summary', {}, 'text', 'a\rb'],
          ],
          [],
        ],
      ],
    ]);
    const out = serializeCalendar(comp);
    expect(out).toContain('SUMMARY:a\\nb\r\n');
  });

  it('finds a control character in a text value wherever it stands among the escapes', () => {
    const texts = ['a, b\u0001c', 'a\u001b, b; c\\d', 'x,\ry', 'line\nbreak, then\u007f', '\u0000'];
    for (const t of texts) expect(writePropertyFast(['description', {}, 'text', t]), JSON.stringify(t)).toBeNull();
    expect(writePropertyFast(['description', {}, 'text', 'a, b;\nc\\d\te'])).toBe('DESCRIPTION:a\\, b\\;\\nc\\\\d\te');
    const comp = new ICAL.Component(['vcalendar', [], [['vevent', texts.map((t) => ['comment', {}, 'text', t]), []]]]);
    const out = serializeCalendar(comp);
    expect(out).toContain('COMMENT:a\\, bc\r\n');
    expect(out).toContain('COMMENT:x\\,\\ny\r\n');
    expect(out).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/);
  });
});

describe('writePropertyFast', () => {
  const root = path.resolve(import.meta.dirname, '../../fixtures');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ics') ? [path.join(dir, e.name)] : [],
    );
  const properties = (c: ICAL.Component): unknown[][] => [
    ...(c.jCal[1] as unknown[][]),
    ...c.getAllSubcomponents().flatMap(properties),
  ];

  it('writes exactly what ical.js writes, for every property of every iCalendar fixture', () => {
    let fast = 0;
    let total = 0;
    for (const file of files(root)) {
      let comp: ICAL.Component;
      try {
        comp = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')) as unknown[]);
      } catch {
        continue; // fixtures of broken input
      }
      for (const p of properties(comp)) {
        total++;
        const mine = writePropertyFast(p);
        if (mine === null) continue;
        fast++;
        expect(mine, `${file}: ${String(p[0])}`).toBe(ICAL.stringify.property(p as never, undefined as never, true));
      }
    }
    expect(total).toBeGreaterThan(1_000);
    expect(fast / total).toBeGreaterThan(0.9);
  });

  it.each([
    ['ATTENDEE;CN="Doe, Jane";ROLE=REQ-PARTICIPANT:mailto:jane@example.com'],
    ['ATTENDEE;CN="Ann ^^ ^\' Quote":mailto:ann@example.com'],
    ['ATTENDEE;DELEGATED-TO="mailto:a@example.com","mailto:b@example.com":mailto:c@example.com'],
    ['DTSTART;VALUE=DATE:20260301'],
    ['EXDATE;TZID=Europe/Berlin:20260301T100000,20260308T100000'],
    ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T000000Z'],
    ['REQUEST-STATUS:2.0;Success'],
    ['CATEGORIES:a\\,b,c'],
    ['DESCRIPTION:Line one\\nLine two\\; with\\, specials \\\\ backslash'],
    ['X-CUSTOM;X-PARAM=v:anything: goes'],
    ['FREEBUSY;FBTYPE=BUSY:20260301T090000Z/20260301T100000Z'],
    ['TZOFFSETFROM:+0100'],
    ['DURATION:PT1H30M'],
    ['SEQUENCE:3'],
    ['GEO:37.386013;-122.082932'],
  ])('%s', (line) => {
    const p = ICAL.Property.fromString(line).toJSON() as unknown[];
    const mine = writePropertyFast(p);
    const theirs = ICAL.stringify.property(p as never, undefined as never, true);
    if (mine !== null) expect(mine).toBe(theirs);
    expect(serializeCalendar(new ICAL.Component(['vcalendar', [], [['vevent', [p], []]]]))).toContain(
      theirs.slice(0, 60),
    );
  });
});
