/**
 * iMIP address patterns: attendees outside them stay on the event but get no mail, as SCHEDULE-AGENT=NONE, and
 * the organizer's operations say who was not mailed. Also the REQUEST the engine sends on its own (an approved
 * party crasher) follows them.
 */
import { describe, expect, it } from 'vitest';
import {
  cancelEvent,
  createEvent,
  updateEvent,
  type EngineContext,
  type NewEvent,
} from '../../../shared/itip/index.js';
import { MAX_PATTERN_LENGTH, imipAllowed, patternProblem, patternProblems } from '../../../shared/itip/imipPatterns.js';
import { Calendar, attendeeIn, ics, instanceOf, say, vevent } from '../../helpers/itip.js';

const ORG = 'olga@example.org';
const BOB = 'bob@example.com';
const ROOM = 'room-4@rooms.example.org';
const CAROL = 'carol@partner.example.net';

class PatternCalendar extends Calendar {
  patterns: string[] = ['*@example.com', 'partner.example.net'];
  override ctx(): EngineContext {
    return { ...super.ctx(), imipAddressPatterns: this.patterns };
  }
}

function newEvent(extra: Partial<NewEvent> = {}): NewEvent {
  return {
    uid: 'p-1',
    summary: 'Review',
    start: '2026-03-10T10:00',
    end: '2026-03-10T11:00',
    tz: 'Europe/Berlin',
    allDay: false,
    rrule: 'FREQ=WEEKLY;COUNT=3',
    attendees: [{ address: BOB }, { address: ROOM }, { address: CAROL }],
    ...extra,
  };
}

describe('the patterns', () => {
  it('match globs over the whole address, bare domains and /regular expressions/, case-insensitive', () => {
    expect(imipAllowed('Bob@Example.com', ['*@example.com'])).toBe(true);
    expect(imipAllowed('bob@example.com.evil', ['*@example.com'])).toBe(false);
    expect(imipAllowed('bob@sub.example.com', ['example.com'])).toBe(false);
    expect(imipAllowed('bob@example.com', ['example.com'])).toBe(true);
    expect(imipAllowed('b1@example.com', ['b?@example.com'])).toBe(true);
    expect(imipAllowed('room-4@rooms.example.org', ['/^(?!room-)/'])).toBe(false);
    expect(imipAllowed('Carol@x.org', ['/^carol@/'])).toBe(true);
    expect(imipAllowed('anyone@anywhere', [])).toBe(true);
    expect(imipAllowed('anyone@anywhere', ['/(/'])).toBe(false);
    expect(patternProblems(['*@a.b', '/(/', ' '])).toEqual([
      { pattern: '/(/', problem: 'regexp' },
      { pattern: ' ', problem: 'empty' },
    ]);
  });

  it('say why a pattern cannot be used: two typed on one line, two @, too long', () => {
    expect(patternProblem('example.com, partner.org')).toBe('spaces');
    expect(patternProblem('*@example.com *@b.org')).toBe('spaces');
    expect(patternProblem('a@b@example.com')).toBe('at-signs');
    expect(patternProblem(`${'a'.repeat(MAX_PATTERN_LENGTH)}.org`)).toBe('too-long');
    // A regular expression may hold spaces, commas and @ signs: only whether it compiles counts.
    expect(patternProblem('/^(a|b) ?@x, y$/')).toBeNull();
    expect(patternProblem('/[/')).toBe('regexp');
    expect(patternProblem(' partner.org ')).toBeNull();
    expect(patternProblem('mailto:*@example.com')).toBeNull();
  });
});

describe('organizing under patterns', () => {
  it('create: everyone stays on the event, only those matched are mailed, the rest are named', () => {
    const cal = new PatternCalendar([ORG]);
    const r = cal.apply(createEvent(newEvent(), cal.ctx()));
    expect(r.outgoing.map((o) => o.to.address)).toEqual([BOB, CAROL]);
    expect(r.outcome === 'applied' && r.notMailed).toEqual([ROOM]);
    expect(attendeeIn(instanceOf(cal.get('p-1')), ROOM)).not.toBeNull();
    // The invitation the others get still lists the room: it attends, it is just not mailed.
    expect(r.outgoing[0]?.ics.replace(/\r\n /g, '')).toContain(`mailto:${ROOM}`);
    expect(say(r.reason)).toBe('Created "Review"; 2 invitations sent.');
  });

  it('without patterns everyone is mailed and nobody is named', () => {
    const cal = new PatternCalendar([ORG]);
    cal.patterns = [];
    const r = cal.apply(createEvent(newEvent(), cal.ctx()));
    expect(r.outgoing.map((o) => o.to.address)).toEqual([BOB, ROOM, CAROL]);
    expect(r.outcome === 'applied' && r.notMailed).toBeUndefined();
  });

  it('update and cancel of the series and of one occurrence leave the unmatched out', () => {
    const cal = new PatternCalendar([ORG]);
    cal.apply(createEvent(newEvent(), cal.ctx()));
    const u = cal.apply(updateEvent({ uid: 'p-1', location: 'Room 5' }, cal.get('p-1'), cal.ctx()));
    expect(u.outgoing.map((o) => o.to.address)).toEqual([BOB, CAROL]);
    expect(u.outcome === 'applied' && u.notMailed).toEqual([ROOM]);
    const removed = cal.apply(updateEvent({ uid: 'p-1', removeAttendees: [ROOM] }, cal.get('p-1'), cal.ctx()));
    expect(removed.outgoing.map((o) => o.method)).toEqual(['REQUEST', 'REQUEST']);
    cal.apply(updateEvent({ uid: 'p-1', addAttendees: [{ address: ROOM }] }, cal.get('p-1'), cal.ctx()));
    const rid = instanceOf(cal.get('p-1'))?.getFirstPropertyValue('dtstart');
    const one = cal.apply(
      cancelEvent({ uid: 'p-1', recurrenceId: rid as never, comment: null, stored: cal.get('p-1') }, cal.ctx()),
    );
    expect(one.outgoing.map((o) => [o.method, o.to.address])).toEqual([
      ['CANCEL', BOB],
      ['CANCEL', CAROL],
    ]);
    expect(one.outcome === 'applied' && one.notMailed).toEqual([ROOM]);
    const all = cal.apply(
      cancelEvent({ uid: 'p-1', recurrenceId: null, comment: null, stored: cal.get('p-1') }, cal.ctx()),
    );
    expect(all.outgoing.map((o) => o.to.address)).toEqual([BOB, CAROL]);
  });

  it('an approved party crasher outside the patterns is added but not sent the invitation', () => {
    const cal = new PatternCalendar([ORG]);
    cal.apply(createEvent(newEvent({ rrule: null }), cal.ctx()));
    const crash = ics(
      'REPLY',
      vevent(
        'UID:p-1',
        'SEQUENCE:0',
        'DTSTAMP:20260301T100000Z',
        `ORGANIZER:mailto:${ORG}`,
        'ATTENDEE;PARTSTAT=ACCEPTED:mailto:dave@elsewhere.example',
      ),
    );
    const r = cal.process(crash, 'dave@elsewhere.example');
    expect(r.kind).toBe('party-crasher');
    const approved = cal.decide(r, 'approve');
    expect(approved.outcome).toBe('applied');
    expect(attendeeIn(instanceOf(cal.get('p-1')), 'dave@elsewhere.example')).not.toBeNull();
    expect(approved.outgoing).toEqual([]);
  });
});
