/**
 * Bad input never throws (errors at boundaries are data with a code). Broken iCalendar, missing or
 * mixed UIDs, missing DTSTART, to-dos, unknown methods, absurd rules and oversized input each yield a result with a
 * clear reason, nothing stored and nothing sent.
 */
import { describe, expect, it } from 'vitest';
import { decideItip, type EngineResult } from '../../../shared/itip/index.js';
import type { PendingDecision } from '../../../shared/model/decisions.js';
import { Calendar, envelope, ics, instanceOf, vevent, say } from '../../helpers/itip.js';

const ORG = 'olga@example.org';
const ME = 'me@example.com';
const good = [
  'UID:inv-1',
  'DTSTAMP:20260301T100000Z',
  'SEQUENCE:0',
  'DTSTART:20260310T100000Z',
  'DTEND:20260310T110000Z',
  'SUMMARY:Valid',
  `ORGANIZER:mailto:${ORG}`,
  `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${ME}`,
];

function expectRefused(r: EngineResult, kind: string, outcome: string, code?: string): void {
  expect(r.kind).toBe(kind);
  expect(r.outcome).toBe(outcome);
  if (code) expect('errorCode' in r ? r.errorCode : undefined).toBe(code);
  expect(r.store).toBeNull();
  expect(r.outgoing).toHaveLength(0);
  expect(r.pending).toBeNull();
  expect(say(r.reason).length).toBeGreaterThan(15);
}

describe('structurally broken input', () => {
  const cases: [string, string, string][] = [
    ['plain text', 'Hello, see you Tuesday!', 'ITIP_PARSE'],
    ['empty', '', 'ITIP_NOT_CALENDAR'],
    ['truncated mid-event', 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x\r\n', 'ITIP_PARSE'],
    ['a VCARD instead', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Olga\r\nEND:VCARD\r\n', 'ITIP_NOT_CALENDAR'],
    ['an unreadable RRULE', ics('REQUEST', vevent(...good, 'RRULE:FREQ=FORTNIGHTLY')), 'ITIP_PARSE'],
    [
      'an unreadable DTSTART',
      ics('REQUEST', vevent(...good.filter((l) => !l.startsWith('DTSTART')), 'DTSTART:2026-13-45')),
      'ITIP_BAD_VALUE',
    ],
    ['an unreadable RECURRENCE-ID', ics('CANCEL', vevent(...good, 'RECURRENCE-ID:tomorrow')), 'ITIP_BAD_VALUE'],
    ['no event at all', ics('REQUEST', 'BEGIN:VTIMEZONE', 'TZID:X', 'END:VTIMEZONE'), 'ITIP_NO_COMPONENT'],
    ['an event without UID', ics('REQUEST', vevent(...good.filter((l) => !l.startsWith('UID')))), 'ITIP_NO_UID'],
    [
      'a REQUEST without DTSTART',
      ics('REQUEST', vevent(...good.filter((l) => !l.startsWith('DTSTART')))),
      'ITIP_NO_DTSTART',
    ],
    [
      'a COUNTER without DTSTART',
      ics('COUNTER', vevent(...good.filter((l) => !l.startsWith('DTSTART')))),
      'ITIP_NO_DTSTART',
    ],
    [
      'a year outside 1000-9999',
      ics('REQUEST', vevent(...good.filter((l) => !l.startsWith('DTSTART')), 'DTSTART:00010101T000000Z')),
      'ITIP_NO_DTSTART',
    ],
    [
      'events with different UIDs',
      ics('REQUEST', vevent(...good), vevent(...good.map((l) => (l.startsWith('UID') ? 'UID:inv-2' : l)))),
      'ITIP_MIXED_UID',
    ],
  ];
  for (const [name, text, code] of cases) {
    it(`${name}: invalid (${code})`, () => {
      const cal = new Calendar([ME], 'always');
      const r = cal.process(text, ORG);
      expectRefused(r, 'invalid', 'error', code);
      expect(cal.events.size).toBe(0);
    });
  }

  it('more than 4 MB of data: refused before parsing', () => {
    const description = `DESCRIPTION:${'x'.repeat(5 * 1024 * 1024)}`;
    const r = new Calendar([ME], 'always').process(ics('REQUEST', vevent(...good, description)), ORG);
    expectRefused(r, 'invalid', 'error', 'ITIP_TOO_LARGE');
  });

  it('thousands of components: refused', () => {
    const many = Array.from({ length: 2100 }, (_, i) =>
      vevent(
        ...good,
        `RECURRENCE-ID:2026${String(3 + (i % 9)).padStart(2, '0')}01T${String(i % 24).padStart(2, '0')}0000Z`,
      ),
    );
    const r = new Calendar([ME], 'always').process(ics('REQUEST', ...many), ORG);
    expectRefused(r, 'invalid', 'error', 'ITIP_TOO_LARGE');
  });
});

describe('not for this engine', () => {
  it('a VTODO-only message is unsupported', () => {
    const r = new Calendar([ME], 'always').process(
      ics(
        'REQUEST',
        'BEGIN:VTODO',
        'UID:todo-1',
        'DTSTAMP:20260301T100000Z',
        `ORGANIZER:mailto:${ORG}`,
        `ATTENDEE:mailto:${ME}`,
        'SUMMARY:Write report',
        'END:VTODO',
      ),
      ORG,
    );
    expectRefused(r, 'unsupported', 'ignored', 'ITIP_UNSUPPORTED');
    expect(say(r.reason)).toContain('VTODO');
  });

  it('a VJOURNAL message is unsupported', () => {
    const r = new Calendar([ME]).process(
      ics('PUBLISH', 'BEGIN:VJOURNAL', 'UID:j-1', 'DTSTAMP:20260301T100000Z', 'END:VJOURNAL'),
      ORG,
    );
    expectRefused(r, 'unsupported', 'ignored', 'ITIP_UNSUPPORTED');
  });

  it('an unknown METHOD is unsupported', () => {
    const r = new Calendar([ME], 'always').process(ics('X-MS-PROPOSE', vevent(...good)), ORG);
    expectRefused(r, 'unsupported', 'ignored', 'ITIP_UNSUPPORTED');
    expect(say(r.reason)).toContain('X-MS-PROPOSE');
  });

  it('no METHOD anywhere: not a scheduling message, left alone', () => {
    const r = new Calendar([ME], 'always').process(ics(null, vevent(...good)), ORG);
    expectRefused(r, 'not-scheduling', 'ignored', 'ITIP_NO_METHOD');
  });

  it('no METHOD in the body but method=REQUEST in the MIME header (Proton Bridge): processed, with a note', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(ics(null, vevent(...good)), ORG, {}, 'request');
    expect(r.kind).toBe('invitation');
    expect(r.method).toBe('REQUEST');
    expect(r.warnings.map(say).join(' ')).toContain('method=request was used');
  });
});

describe('odd but survivable input', () => {
  it('an unknown TZID is read as floating time, with a note', () => {
    const cal = new Calendar([ME], 'always');
    const text = ics(
      'REQUEST',
      vevent(
        ...good.filter((l) => !l.startsWith('DTSTART') && !l.startsWith('DTEND')),
        'DTSTART;TZID=Mars/Olympus_Mons:20260310T100000',
      ),
    );
    const r = cal.process(text, ORG);
    expect(r.kind).toBe('invitation');
    expect(r.warnings.map(say).join(' ')).toContain('Mars/Olympus_Mons');
  });

  it('absurd RRULEs on a stored series: instance messages finish quickly', () => {
    for (const rule of [
      'FREQ=SECONDLY',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
      'FREQ=DAILY;COUNT=999999999',
      'FREQ=MINUTELY;BYSECOND=1,2,3,4,5,6,7,8,9',
    ]) {
      const cal = new Calendar([ORG], 'always');
      cal.put(ics(null, vevent(...good, `RRULE:${rule}`)));
      // Unbounded expansion would not end inside the test's timeout; the bound is maxIterations.
      const r = cal.process(
        ics(
          'REPLY',
          vevent(
            'UID:inv-1',
            'DTSTAMP:20260302T100000Z',
            'SEQUENCE:0',
            'RECURRENCE-ID:20310310T100000Z',
            `ORGANIZER:mailto:${ORG}`,
            `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
          ),
        ),
        ME,
      );
      expect(['applied', 'ignored']).toContain(r.outcome);
      expect(say(r.reason).length).toBeGreaterThan(10);
    }
  });

  it('a pending decision whose stored message is corrupt fails with an error result', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(ics('REQUEST', vevent(...good)), ORG);
    const p: PendingDecision = {
      ...(r.pending as NonNullable<typeof r.pending>),
      id: 'p',
      createdAt: '2026-03-01T12:00:00Z',
      message: { ics: 'BEGIN:VCALENDAR\r\nbroken', envelope: envelope(ORG) },
    };
    const d = decideItip(p, 'accept', null, () => null, cal.ctx());
    expect(d.outcome).toBe('error');
    expect(d.outgoing).toHaveLength(0);
  });

  it('every prefix of a valid invitation is handled without throwing', () => {
    const text = ics('REQUEST', vevent(...good, 'RRULE:FREQ=WEEKLY;COUNT=3', 'DESCRIPTION:Line one\\nLine two'));
    const cal = new Calendar([ME], 'always');
    for (let n = 0; n <= text.length; n += 3) {
      const r = cal.process(text.slice(0, n), ORG);
      expect(say(r.reason).length).toBeGreaterThan(0);
      cal.events.clear();
    }
  });

  it('random byte damage is handled without throwing', () => {
    const text = ics(
      'REQUEST',
      vevent(...good, 'RRULE:FREQ=WEEKLY;COUNT=3;BYDAY=MO,WE'),
      vevent(...good, 'RECURRENCE-ID:20260311T100000Z'),
    );
    let seed = 42;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const junk = ':;=,"\\\r\nZT0123456789-';
    for (let i = 0; i < 400; i++) {
      const chars = text.split('');
      for (let k = 0; k < 3; k++) chars[rand(chars.length)] = junk[rand(junk.length)] ?? 'x';
      const cal = new Calendar([ME, ORG], 'always');
      cal.put(ics(null, vevent(...good, 'RRULE:FREQ=WEEKLY;COUNT=3')));
      for (const method of ['REQUEST', 'CANCEL', 'REPLY', 'COUNTER']) {
        const r = cal.process(chars.join('').replace('METHOD:REQUEST', `METHOD:${method}`), ORG);
        expect(typeof say(r.reason)).toBe('string');
      }
    }
  });

  it('a stored event without a master or DTSTART does not break a reply to it', () => {
    const cal = new Calendar([ORG], 'always');
    cal.put(
      ics(null, vevent('UID:inv-1', 'DTSTAMP:20260301T100000Z', `ORGANIZER:mailto:${ORG}`, `ATTENDEE:mailto:${ME}`)),
    );
    const r = cal.process(
      ics(
        'REPLY',
        vevent(
          'UID:inv-1',
          'DTSTAMP:20260302T100000Z',
          `ORGANIZER:mailto:${ORG}`,
          `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
        ),
      ),
      ME,
    );
    expect(r.outcome).toBe('applied');
    expect(instanceOf(cal.get('inv-1'))).not.toBeNull();
  });
});
