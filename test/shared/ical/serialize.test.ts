import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { foldLine, serializeCalendar } from '../../../shared/ical/serialize.js';

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
    const text = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//x//EN', 'BEGIN:VEVENT', 'UID:1', 'DTSTAMP:20260101T000000Z', 'DTSTART;TZID=Europe/Berlin:20260301T100000',
      'SUMMARY:Über den Wolken', `DESCRIPTION:${'long text, with commas; and semicolons '.repeat(8)}`, 'ATTENDEE;CN="Doe, Jane";PARTSTAT=ACCEPTED:mailto:jane@example.com', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const comp = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const out = serializeCalendar(comp);
    expect(out.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(out).not.toMatch(/[^\r]\n/);
    const again = new ICAL.Component(ICAL.parse(out) as unknown[]);
    expect(again.toJSON()).toEqual(comp.toJSON());
  });

  it('writes a bare carriage return inside a value as an escaped newline', () => {
    const comp = new ICAL.Component(['vcalendar', [], [['vevent', [['uid', {}, 'text', '1'], ['summary', {}, 'text', 'a\rb']], []]]]);
    const out = serializeCalendar(comp);
    expect(out).toContain('SUMMARY:a\\nb\r\n');
  });
});
