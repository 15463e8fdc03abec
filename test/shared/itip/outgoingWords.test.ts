/**
 * The words of outgoing mail leave the engine as catalogue messages (key and data), never as sentences; rendered at
 * the edge they read as they always did in English and in the person's language otherwise.
 */
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import {
  cancelEvent,
  counterEvent,
  createEvent,
  delegateEvent,
  refreshEvent,
  respondToEvent,
  type NewEvent,
} from '../../../shared/itip/index.js';
import { createTranslator, english } from '../../../shared/i18n/index.js';
import { renderItipMail, type OutgoingItip } from '../../../shared/model/outgoing.js';
import { Calendar } from '../../helpers/itip.js';

const ORG = 'olga@example.org';
const BOB = 'bob@example.com';
const german = createTranslator('de');

const EVENT: NewEvent = {
  uid: 'w-1',
  summary: 'Review',
  start: '2026-03-10T10:00',
  end: '2026-03-10T11:00',
  tz: 'Europe/Berlin',
  allDay: false,
  rrule: 'FREQ=WEEKLY;COUNT=3',
  attendees: [{ address: BOB }],
};

function pair(event: NewEvent = EVENT): { olga: Calendar; bob: Calendar; invitation: OutgoingItip } {
  const olga = new Calendar([ORG], 'always');
  const created = olga.apply(createEvent(event, olga.ctx()));
  const bob = new Calendar([BOB], 'always');
  bob.process(created.outgoing[0]?.ics ?? '', ORG);
  return { olga, bob, invitation: created.outgoing[0] as OutgoingItip };
}

describe('outgoing words as codes', () => {
  it('an invitation carries its subject and text as keys with the title', () => {
    const { invitation } = pair();
    expect(invitation.subject).toEqual({ key: 'outgoing.request.invitation', params: { summary: 'Review' } });
    expect(invitation.text).toEqual([{ key: 'outgoing.request.created', params: { summary: 'Review' } }]);
    expect(renderItipMail(invitation, english)).toMatchObject({
      subject: 'Invitation: Review',
      text: 'You are invited to "Review".',
    });
    expect(renderItipMail(invitation, german)).toMatchObject({
      subject: 'Einladung: Review',
      text: 'Sie sind zu „Review“ eingeladen.',
    });
  });

  it('a REPLY names the answer, the title and me; a comment is its own paragraph', () => {
    const { bob } = pair();
    const r = bob.apply(
      respondToEvent({
        stored: bob.get('w-1'),
        uid: 'w-1',
        recurrenceId: null,
        partstat: 'TENTATIVE',
        comment: 'Maybe late',
        ctx: bob.ctx(),
      }),
    );
    const reply = r.outgoing[0] as OutgoingItip;
    expect(reply.subject).toEqual({
      key: 'outgoing.reply.subject',
      params: { partstat: 'TENTATIVE', summary: 'Review' },
    });
    expect(reply.text).toEqual([
      { key: 'outgoing.reply.text', params: { partstat: 'TENTATIVE', summary: 'Review', me: BOB } },
      { key: 'outgoing.comment', params: { comment: 'Maybe late' } },
    ]);
    // English exactly as the engine wrote it before the words became codes.
    expect(renderItipMail(reply, english)).toMatchObject({
      subject: 'Tentative: Review',
      text: `${BOB} has tentatively accepted "Review".\n\nComment: Maybe late`,
    });
    expect(renderItipMail(reply, german)).toMatchObject({
      subject: 'Vorläufig zugesagt: Review',
      text: `${BOB} hat „Review“ vorläufig zugesagt.\n\nKommentar: Maybe late`,
    });
  });

  it('a cancelled occurrence names its instant; counter, delegation and refresh have their own keys', () => {
    const { olga, bob } = pair();
    const rid = ICAL.Time.fromString('2026-03-17T09:00:00Z', null as unknown as ICAL.Property);
    const cancelled = olga.apply(
      cancelEvent({ uid: 'w-1', recurrenceId: rid, comment: null, stored: olga.get('w-1') }, olga.ctx()),
    ).outgoing[0] as OutgoingItip;
    expect(cancelled.subject).toEqual({ key: 'outgoing.cancel.subject', params: { summary: 'Review' } });
    expect(cancelled.text).toEqual([
      {
        key: 'outgoing.cancel.textOccurrence',
        params: { summary: 'Review', instance: expect.stringMatching(/^2026-03-17/) },
      },
    ]);
    expect(renderItipMail(cancelled, german).text).toMatch(/^„Review“ am 2026-03-17.* wurde abgesagt\.$/);

    const counter = counterEvent(
      {
        uid: 'w-1',
        recurrenceId: null,
        start: '2026-03-10T14:00',
        end: '2026-03-10T15:00',
        tz: null,
        comment: null,
        stored: bob.get('w-1'),
      },
      bob.ctx(),
    ).outgoing[0] as OutgoingItip;
    expect(counter.subject.key).toBe('outgoing.counter.subject');
    expect(counter.text).toEqual([{ key: 'outgoing.counter.text', params: { summary: 'Review', me: BOB } }]);

    const delegated = delegateEvent(
      { uid: 'w-1', recurrenceId: null, to: 'dan@example.org', comment: null, stored: bob.get('w-1') },
      bob.ctx(),
    ).outgoing.find((o) => o.method === 'REQUEST') as OutgoingItip;
    expect(delegated.subject).toEqual({ key: 'outgoing.delegate.subject', params: { summary: 'Review' } });
    expect(renderItipMail(delegated, german).subject).toBe('An Sie weitergeleitet: Review');

    const refresh = refreshEvent({ uid: 'w-1', stored: bob.get('w-1') }, bob.ctx()).outgoing[0] as OutgoingItip;
    expect(refresh.text).toEqual([{ key: 'outgoing.refresh.text' }]);
    expect(renderItipMail(refresh, english).text).toBe('Asking the organizer for the current version of this event.');
  });

  it('an event without a title is named in the language of the mail', () => {
    const { invitation } = pair({ ...EVENT, summary: '' });
    const untitled = {
      ...invitation,
      subject: { key: 'outgoing.request.invitation', params: { summary: null } },
    } as const;
    expect(renderItipMail(untitled, english).subject).toBe('Invitation: Event');
    expect(renderItipMail(untitled, german).subject).toBe('Einladung: Termin');
  });
});
