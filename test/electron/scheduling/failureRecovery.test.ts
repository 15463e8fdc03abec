/**
 * Exactly once under every failure: each file operation of the data dir fails in turn (ENOSPC, EROFS, or a
 * simulated kill: the seam throws and the rest of the run is dropped), then the data dir is opened again and the
 * same mail processed again (or the decision retried). The calendar, the open decisions, the processed record, the
 * decision log and the outbox must equal those of an uninterrupted run: no lost decision, no second answer.
 */
import { describe, it } from 'vitest';
import { mail } from '../../helpers/cli.js';
import { ics } from '../../helpers/itip.js';
import { decideStep, ME, processStep, scenario, useFaultHarness } from './faultHarness.js';

useFaultHarness();

const invite = Buffer.from(
  mail({
    from: 'olga@example.org',
    to: ME,
    messageId: 'inv@example.org',
    ics: ics(
      'REQUEST',
      'BEGIN:VEVENT',
      'UID:f-inv',
      'DTSTAMP:20260228T000000Z',
      'SEQUENCE:0',
      'DTSTART:20260312T090000Z',
      'DTEND:20260312T100000Z',
      'SUMMARY:Lunch',
      'ORGANIZER:mailto:olga@example.org',
      `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
      'END:VEVENT',
    ),
  }),
);
const reply = Buffer.from(
  mail({
    from: 'bob@example.net',
    to: ME,
    messageId: 'rep@example.net',
    ics: ics(
      'REPLY',
      'BEGIN:VEVENT',
      'UID:f-org',
      'DTSTAMP:20260228T000000Z',
      'SEQUENCE:0',
      `ORGANIZER:mailto:${ME}`,
      'ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.net',
      'END:VEVENT',
    ),
  }),
);
const cancel = Buffer.from(
  mail({
    from: 'olga@example.org',
    to: ME,
    messageId: 'can@example.org',
    ics: ics(
      'CANCEL',
      'BEGIN:VEVENT',
      'UID:f-inv',
      'DTSTAMP:20260228T010000Z',
      'SEQUENCE:1',
      'ORGANIZER:mailto:olga@example.org',
      `ATTENDEE:mailto:${ME}`,
      'END:VEVENT',
    ),
  }),
);

describe('exactly once under every failure', () => {
  it('an invitation under "always" (stored as not answered, a decision opened)', () =>
    scenario('always', [], processStep(invite)));
  it('an invitation under "never" (a decision only)', () => scenario('never', [], processStep(invite)));
  it('a reply to my event', () => scenario('always', [], processStep(reply)));
  it('a cancellation of a stored invitation', () => scenario('always', [processStep(invite)], processStep(cancel)));
  for (const choice of ['accept', 'tentative', 'decline'] as const) {
    it(`the decision "${choice}" on an invitation`, () =>
      scenario('always', [processStep(invite)], decideStep(choice)));
  }
});
