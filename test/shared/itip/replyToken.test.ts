/**
 * Plus-address reply tokens (RFC 5233): events I create carry `me+token@…` as ORGANIZER when a secret is given; a
 * REPLY addressed to that address finds its event even when the attendee's client rewrote the UID or ORGANIZER;
 * `me+anything@` is me. Each case runs the attendee's and the organizer's engines on what the other sent.
 */
import { describe, expect, it } from 'vitest';
import {
  cancelEvent,
  counterEvent,
  createEvent,
  updateEvent,
  type EngineContext,
  type NewEvent,
} from '../../../shared/itip/index.js';
import { isMyAddress, replyToken, replyTokenIn, subaddress, tokenAddress } from '../../../shared/itip/replyToken.js';
import { Calendar, ics, partstatIn, say, vevent } from '../../helpers/itip.js';

const ORG = 'olga@example.org';
const BOB = 'bob@example.com';
const SECRET = 'installation-secret-1';
const TOKEN = replyToken('org-1', SECRET);
const TOKEN_ORG = `olga+${TOKEN}@example.org`;

/** The organizer's calendar with reply tokens on: the store answers which event carries a token. */
class TokenCalendar extends Calendar {
  secret: string | null = SECRET;
  override ctx(): EngineContext {
    return {
      ...super.ctx(),
      replyTokenSecret: this.secret,
      eventByReplyToken: (token) =>
        [...this.events.entries()].find(([, c]) => c.toString().includes(`+${token}@`))?.[0] ?? null,
    };
  }
}

function newEvent(extra: Partial<NewEvent> = {}): NewEvent {
  return {
    uid: 'org-1',
    summary: 'Planning',
    start: '2026-03-10T10:00',
    end: '2026-03-10T11:00',
    tz: 'Europe/Berlin',
    allDay: false,
    location: null,
    description: null,
    rrule: null,
    attendees: [{ address: BOB }],
    ...extra,
  };
}

function organizer(): TokenCalendar {
  const cal = new TokenCalendar([ORG]);
  cal.apply(createEvent(newEvent(), cal.ctx()));
  return cal;
}

/** Bob's REPLY as his client writes it, with the UID and ORGANIZER it chose. */
function reply(opts: { uid?: string; organizer?: string; partstat?: string } = {}): string {
  return ics(
    'REPLY',
    vevent(
      `UID:${opts.uid ?? 'org-1'}`,
      'SEQUENCE:0',
      'DTSTAMP:20260301T100000Z',
      'DTSTART;TZID=Europe/Berlin:20260310T100000',
      'DTEND;TZID=Europe/Berlin:20260310T110000',
      `ORGANIZER:mailto:${opts.organizer ?? TOKEN_ORG}`,
      `ATTENDEE;PARTSTAT=${opts.partstat ?? 'ACCEPTED'}:mailto:${BOB}`,
    ),
  );
}

describe('the token', () => {
  it('is stable per UID and secret, eight base32 characters, and differs by UID and by secret', () => {
    expect(replyToken('org-1', SECRET)).toBe(TOKEN);
    expect(TOKEN).toMatch(/^[a-z2-7]{8}$/);
    expect(replyToken('org-2', SECRET)).not.toBe(TOKEN);
    expect(replyToken('org-1', 'another-secret')).not.toBe(TOKEN);
  });

  it('reads subaddresses and knows me+anything as me', () => {
    expect(tokenAddress('Olga@Example.org', 'abc')).toBe('olga+abc@example.org');
    expect(subaddress('mailto:olga+abc@example.org')).toEqual({ base: ORG, detail: 'abc' });
    expect(subaddress(ORG)).toEqual({ base: ORG, detail: null });
    expect(isMyAddress('olga+anything@example.org', [ORG])).toBe(true);
    expect(isMyAddress('olga@example.org', [ORG])).toBe(true);
    expect(isMyAddress('olga+x@example.com', [ORG])).toBe(false);
    expect(isMyAddress('bob+olga@example.org', [ORG])).toBe(false);
    expect(replyTokenIn([BOB, `olga+notatoken!@example.org`, TOKEN_ORG], [ORG])).toBe(TOKEN);
    expect(replyTokenIn([`bob+${TOKEN}@example.com`], [ORG])).toBeNull();
  });
});

describe('creating with reply tokens', () => {
  it('writes the token into ORGANIZER and my own ATTENDEE, and sends from it', () => {
    const cal = organizer();
    expect(cal.text('org-1')).toContain(`ORGANIZER:mailto:${TOKEN_ORG}`);
    expect(partstatIn(cal.get('org-1'), TOKEN_ORG)).toBe('ACCEPTED');
    const r = cal.apply(createEvent(newEvent({ uid: 'org-2' }), cal.ctx()));
    expect(r.outgoing.map((o) => [o.from.address, o.to.address])).toEqual([
      [`olga+${replyToken('org-2', SECRET)}@example.org`, BOB],
    ]);
    expect(r.outgoing[0]?.ics).toContain(`ORGANIZER:mailto:olga+${replyToken('org-2', SECRET)}@example.org`);
  });

  it('is off without a secret: ORGANIZER is my plain address', () => {
    const cal = new TokenCalendar([ORG]);
    cal.secret = null;
    const r = cal.apply(createEvent(newEvent(), cal.ctx()));
    expect(r.outgoing[0]?.from.address).toBe(ORG);
    expect(cal.text('org-1')).toContain(`ORGANIZER:mailto:${ORG}`);
  });

  it("the attendee's engine takes the tokenized organizer as it is and answers it", () => {
    const olga = organizer();
    const request = createEvent(newEvent(), olga.ctx()).outgoing[0];
    const bob = new Calendar([BOB]);
    const invited = bob.process(request?.ics ?? '', TOKEN_ORG);
    expect(invited.outcome).toBe('pending');
    expect(invited.warnings).toEqual([]);
    const answered = bob.decide(invited, 'accept');
    expect(answered.outgoing.map((o) => o.to.address)).toEqual([TOKEN_ORG]);
    const back = olga.process(answered.outgoing[0]?.ics ?? '', BOB, { to: [{ address: TOKEN_ORG }] });
    expect(back).toMatchObject({ outcome: 'applied', kind: 'reply', uid: 'org-1' });
    expect(partstatIn(olga.get('org-1'), BOB)).toBe('ACCEPTED');
  });
});

describe('a REPLY finds its event by the token', () => {
  it('addressed to me+token with a UID its client rewrote: applied to the event, and said so', () => {
    const cal = organizer();
    const r = cal.process(reply({ uid: 'outlook-copy-77' }), BOB, { to: [{ address: TOKEN_ORG }] });
    expect(r).toMatchObject({ outcome: 'applied', kind: 'reply', uid: 'org-1' });
    expect(partstatIn(cal.get('org-1'), BOB)).toBe('ACCEPTED');
    expect(cal.get('outlook-copy-77')).toBeNull();
    expect(r.warnings.map(say)).toContain(
      'This answer named another UID (outlook-copy-77); it was matched to the event org-1 by the reply address it was sent to.',
    );
  });

  it('with the rewritten UID and the token only in its ORGANIZER: matched by the ORGANIZER', () => {
    const cal = organizer();
    const r = cal.process(reply({ uid: 'gw-1', partstat: 'DECLINED' }), BOB, { to: [{ address: ORG }] });
    expect(r).toMatchObject({ outcome: 'applied', uid: 'org-1' });
    expect(partstatIn(cal.get('org-1'), BOB)).toBe('DECLINED');
  });

  it('with ORGANIZER rewritten to my plain address and the UID kept: the event is still mine', () => {
    const cal = organizer();
    const r = cal.process(reply({ organizer: ORG, partstat: 'TENTATIVE' }), BOB, { to: [{ address: ORG }] });
    expect(r).toMatchObject({ outcome: 'applied', uid: 'org-1' });
    expect(partstatIn(cal.get('org-1'), BOB)).toBe('TENTATIVE');
  });

  it('a token that is no event of mine, or a rewritten UID without a token, finds nothing', () => {
    const cal = organizer();
    const wrong = cal.process(reply({ uid: 'x-1', organizer: ORG }), BOB, {
      to: [{ address: `olga+${replyToken('other', SECRET)}@example.org` }],
    });
    expect(wrong.outcome).toBe('ignored');
    expect(say(wrong.reason)).toMatch(/no event with this UID/);
    const plain = cal.process(reply({ uid: 'x-2', organizer: ORG }), BOB, { to: [{ address: ORG }] });
    expect(plain.outcome).toBe('ignored');
    expect(partstatIn(cal.get('org-1'), BOB)).toBe('NEEDS-ACTION');
  });

  it("the token on somebody else's address is not mine to follow", () => {
    const cal = organizer();
    const r = cal.process(reply({ uid: 'x-3', organizer: `mallory+${TOKEN}@example.org` }), BOB, {
      to: [{ address: `mallory+${TOKEN}@example.org` }],
    });
    expect(r.outcome).toBe('ignored');
  });

  it('a party crasher answering under a rewritten UID is asked about, and approving it uses the event', () => {
    const cal = organizer();
    const text = ics(
      'REPLY',
      vevent(
        'UID:fwd-9',
        'SEQUENCE:0',
        'DTSTAMP:20260301T100000Z',
        `ORGANIZER:mailto:${TOKEN_ORG}`,
        'ATTENDEE;PARTSTAT=ACCEPTED:mailto:dave@example.net',
      ),
    );
    const r = cal.process(text, 'dave@example.net', { to: [{ address: TOKEN_ORG }] });
    expect(r).toMatchObject({ outcome: 'pending', kind: 'party-crasher', uid: 'org-1' });
    const approved = cal.decide(r, 'approve');
    expect(approved.outcome).toBe('applied');
    expect(partstatIn(cal.get('org-1'), 'dave@example.net')).toBe('ACCEPTED');
    expect(approved.outgoing[0]?.from.address).toBe(TOKEN_ORG);
  });
});

describe('changing an event that carries a token', () => {
  it('is mine to organize: proposing a new time to myself is refused', () => {
    const cal = organizer();
    const r = counterEvent(
      {
        uid: 'org-1',
        recurrenceId: null,
        start: '2026-03-10T12:00',
        end: '2026-03-10T13:00',
        tz: null,
        comment: null,
        stored: cal.get('org-1'),
      },
      cal.ctx(),
    );
    expect(r).toMatchObject({ outcome: 'error', errorCode: 'ITIP_I_ORGANIZE' });
  });

  it('update and cancel keep the tokenized organizer and know the event as mine', () => {
    const cal = organizer();
    const u = cal.apply(
      updateEvent({ uid: 'org-1', start: '2026-03-10T12:00', end: '2026-03-10T13:00' }, cal.get('org-1'), cal.ctx()),
    );
    expect(u).toMatchObject({ outcome: 'applied', sequence: 1 });
    expect(u.outgoing.map((o) => [o.method, o.from.address])).toEqual([['REQUEST', TOKEN_ORG]]);
    const c = cal.apply(
      cancelEvent({ uid: 'org-1', recurrenceId: null, comment: null, stored: cal.get('org-1') }, cal.ctx()),
    );
    expect(c.outgoing.map((o) => [o.method, o.from.address, o.to.address])).toEqual([['CANCEL', TOKEN_ORG, BOB]]);
    expect(c.outgoing[0]?.ics).toContain(`ORGANIZER:mailto:${TOKEN_ORG}`);
  });
});
