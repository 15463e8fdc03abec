/**
 * When a REQUEST asks me again (RFC 5546 §2.1.5, §3.2.2): a re-invitation after the organizer cancelled the event,
 * a reschedule resetting my answer whatever it was, a newer version of an invitation I have not answered yet, and an
 * invitation to the whole series after invitations to single instances of it.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, ics, instanceOf, outgoingEvents, partstatIn, say, vevent } from '../../helpers/itip.js';

const ORG = 'hans@contoso.example';
const ME = 'me@example.com';
const UID = '040000008200E00074C5B7101A82E00800000000D0E2A5B3F16BDB01';

function meeting(
  o: { seq?: number; stamp?: string; start?: string; mine?: string; status?: string; extra?: string[] } = {},
): string {
  const start = o.start ?? '20260310T140000';
  return vevent(
    `ORGANIZER;CN="Müller, Hans":mailto:${ORG}`,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=${o.mine ?? 'NEEDS-ACTION'};RSVP=TRUE;CN=${ME}:mailto:${ME}`,
    'ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="Dupont, Zoë":mailto:zoe@contoso.example',
    `UID:${UID}`,
    'SUMMARY:Q4 Review',
    `DTSTART;TZID=Europe/Berlin:${start}`,
    `DTEND;TZID=Europe/Berlin:${start.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`)}`,
    `DTSTAMP:${o.stamp ?? '20260301T101532Z'}`,
    `STATUS:${o.status ?? 'CONFIRMED'}`,
    `SEQUENCE:${o.seq ?? 0}`,
    ...(o.extra ?? []),
  );
}

/** Invited, then answered as `choice`. */
function answered(choice: 'accept' | 'tentative' | 'decline', policy: 'always' | 'never' = 'always'): Calendar {
  const cal = new Calendar([ME], policy);
  const first = cal.process(ics('REQUEST', meeting()), ORG);
  expect(first.kind).toBe('invitation');
  cal.decide(first, choice);
  return cal;
}

describe('a re-invitation after a cancellation asks me again', () => {
  it('Outlook: removed (CANCEL), then added again with the same SEQUENCE: a new invitation, not an update', () => {
    const cal = answered('accept');
    const cancel = cal.process(ics('CANCEL', meeting({ stamp: '20260302T100000Z', status: 'CANCELLED' })), ORG);
    expect(cancel.outcome).toBe('applied');
    const again = cal.process(ics('REQUEST', meeting({ stamp: '20260302T110000Z' })), ORG);
    expect(again.kind).toBe('invitation');
    expect(again.outcome).toBe('pending');
    expect(again.pending?.choices).toEqual(['accept', 'tentative', 'decline', 'ignore']);
    expect(say(again.reason)).toMatch(/invites you to "Q4 Review".*It was added to your calendar as not yet answered/);
    // The copy in the calendar is the live meeting again, waiting for my answer (not my old one).
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(partstatIn(cal.get(UID), ME)).toBe('NEEDS-ACTION');
    const d = cal.decide(again, 'accept');
    expect(d.outgoing).toHaveLength(1);
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
  });

  it('a cancelled series invited again with a higher SEQUENCE (master and its exception): a new invitation', () => {
    const cal = new Calendar([ME], 'known');
    cal.contacts.add(ORG);
    const series = (seq: number, stamp: string, status: string): string =>
      ics(
        status === 'CANCELLED' ? 'CANCEL' : 'REQUEST',
        meeting({ seq, stamp, status, extra: ['RRULE:FREQ=WEEKLY;COUNT=6'] }),
        vevent(
          `ORGANIZER:mailto:${ORG}`,
          `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
          `UID:${UID}`,
          'SUMMARY:Q4 Review',
          'RECURRENCE-ID;TZID=Europe/Berlin:20260324T140000',
          'DTSTART;TZID=Europe/Berlin:20260324T160000',
          'DTEND;TZID=Europe/Berlin:20260324T170000',
          `DTSTAMP:${stamp}`,
          `STATUS:${status}`,
          `SEQUENCE:${seq}`,
        ),
      );
    const first = cal.process(series(0, '20260301T100000Z', 'CONFIRMED'), ORG);
    cal.decide(first, 'accept');
    expect(cal.process(series(2, '20260302T100000Z', 'CANCELLED'), ORG).outcome).toBe('applied');
    const again = cal.process(series(3, '20260302T110000Z', 'CONFIRMED'), ORG);
    expect(again.kind).toBe('invitation');
    expect(again.outcome).toBe('pending');
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(partstatIn(cal.get(UID), ME)).toBe('NEEDS-ACTION');
    expect(partstatIn(cal.get(UID), ME, '2026-03-24T13:00:00Z')).toBe('NEEDS-ACTION');
  });
});

describe('a reschedule asks me again whatever I answered', () => {
  it('declined, then moved with a higher SEQUENCE and my answer reset: asked again, naming my old answer', () => {
    const cal = answered('decline');
    const moved = cal.process(
      ics('REQUEST', meeting({ seq: 1, stamp: '20260302T100000Z', start: '20260310T160000' })),
      ORG,
    );
    expect(moved.kind).toBe('reschedule');
    expect(moved.outcome).toBe('pending');
    expect(say(moved.reason)).toBe(
      '"Q4 Review", which you had declined, was moved from 2026-03-10T14:00:00+01:00 to 2026-03-10T16:00:00+01:00: confirm or change your answer. The new time is in your calendar, waiting for your answer.',
    );
    expect(partstatIn(cal.get(UID), ME)).toBe('NEEDS-ACTION');
    const d = cal.decide(moved, 'tentative');
    expect(outgoingEvents(d.outgoing[0])[0]?.getFirstPropertyValue('sequence')).toBe(1);
    expect(partstatIn(cal.get(UID), ME)).toBe('TENTATIVE');
  });

  it('declined, then moved while the organizer still lists me as declined: my answer stands', () => {
    const cal = answered('decline');
    const moved = cal.process(
      ics('REQUEST', meeting({ seq: 1, stamp: '20260302T100000Z', start: '20260310T160000', mine: 'DECLINED' })),
      ORG,
    );
    expect(moved.kind).toBe('update');
    expect(moved.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), ME)).toBe('DECLINED');
  });

  it('an accepted meeting that is moved is still the reschedule decision', () => {
    const cal = answered('accept');
    const moved = cal.process(
      ics('REQUEST', meeting({ seq: 1, stamp: '20260302T100000Z', start: '20260310T160000' })),
      ORG,
    );
    expect(moved.kind).toBe('reschedule');
    expect(say(moved.reason)).toMatch(/which you had accepted, was moved from 2026-03-10T14:00:00\+01:00 to /);
  });
});

describe('an update while my answer to the invitation is still open replaces the question', () => {
  it('the invitation stored unanswered, then moved: a new question about the new time supersedes the open one', () => {
    const cal = new Calendar([ME], 'always');
    const first = cal.process(ics('REQUEST', meeting()), ORG);
    expect(first.outcome).toBe('pending');
    const moved = cal.process(
      ics('REQUEST', meeting({ seq: 1, stamp: '20260302T100000Z', start: '20260310T160000' })),
      ORG,
    );
    expect(moved.kind).toBe('invitation');
    expect(moved.outcome).toBe('pending');
    expect(moved.pending?.proposed?.start).toBe('2026-03-10T16:00:00+01:00');
    expect(moved.pending?.current?.start).toBe('2026-03-10T14:00:00+01:00');
    expect(moved.obsoletes).toContainEqual({
      uid: UID,
      recurrenceId: null,
      kinds: ['invitation', 'reschedule', 'update'],
    });
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-10T16:00:00');
    expect(partstatIn(cal.get(UID), ME)).toBe('NEEDS-ACTION');
  });

  it('the same under policy never (nothing stored): the newer invitation supersedes the open one', () => {
    const cal = new Calendar([ME], 'never');
    cal.process(ics('REQUEST', meeting()), ORG);
    const moved = cal.process(
      ics('REQUEST', meeting({ seq: 1, stamp: '20260302T100000Z', start: '20260310T160000' })),
      ORG,
    );
    expect(moved.kind).toBe('invitation');
    expect(moved.obsoletes.map((o) => o.kinds)).toContainEqual(['invitation', 'reschedule', 'update']);
  });
});

describe('an invitation to the whole series after invitations to single instances', () => {
  const G_ORG = 'alice@gmail.example';
  const G_UID = '0p9o8i7u6y5t4r3e2w1q0a9s8d@google.com';
  const google = (o: { rid?: string; seq: number; stamp: string; start: string }, mine = 'NEEDS-ACTION'): string =>
    vevent(
      `DTSTART;TZID=Europe/Berlin:${o.start}`,
      `DTEND;TZID=Europe/Berlin:${o.start.replace('T10', 'T11')}`,
      ...(o.rid ? [`RECURRENCE-ID;TZID=Europe/Berlin:${o.rid}`] : ['RRULE:FREQ=WEEKLY;BYDAY=TU']),
      `DTSTAMP:${o.stamp}`,
      `ORGANIZER;CN=Alice:mailto:${G_ORG}`,
      `UID:${G_UID}`,
      `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE;CN=Alice:mailto:${G_ORG}`,
      `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${mine};RSVP=TRUE;CN=${ME}:mailto:${ME}`,
      `SEQUENCE:${o.seq}`,
      'STATUS:CONFIRMED',
      'SUMMARY:Team standup',
    );

  it('Google: invited to one Tuesday, then added to the series: an invitation to the series', () => {
    const cal = new Calendar([ME], 'always');
    const one = cal.process(
      ics('REQUEST', google({ rid: '20260317T100000', seq: 1, stamp: '20260301T082500Z', start: '20260317T100000' })),
      G_ORG,
    );
    expect(one.kind).toBe('invitation');
    cal.decide(one, 'accept');
    const all = cal.process(
      ics('REQUEST', google({ seq: 0, stamp: '20260301T090500Z', start: '20260310T100000' })),
      G_ORG,
    );
    expect(all.kind).toBe('invitation');
    expect(all.outcome).toBe('pending');
    expect(say(all.reason)).toMatch(/invites you to "Team standup": accept/);
    expect(partstatIn(cal.get(G_UID), ME)).toBe('NEEDS-ACTION');
    // The Tuesday I answered keeps my answer.
    expect(partstatIn(cal.get(G_UID), ME, '2026-03-17T09:00:00Z')).toBe('ACCEPTED');
    const d = cal.decide(all, 'accept');
    expect(d.outgoing).toHaveLength(1);
    expect(partstatIn(cal.get(G_UID), ME)).toBe('ACCEPTED');
  });
});
