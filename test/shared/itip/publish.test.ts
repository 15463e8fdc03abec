/**
 * PUBLISH (RFC 5546 §3.2.1, examples §4.1): an event posted without attendees, added or updated like a REQUEST
 * from its organizer but with no answer expected.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, canonical, ics, instanceOf, vevent, say } from '../../helpers/itip.js';

const ORG = 'events@example.org';
const ME = 'me@example.com';
const UID = 'pub-1@example.org';

function published(o: { seq?: number; stamp?: string; summary?: string } = {}): string[] {
  return [
    `UID:${UID}`,
    `DTSTAMP:${o.stamp ?? '20260301T100000Z'}`,
    `SEQUENCE:${o.seq ?? 0}`,
    'DTSTART:20260320T180000Z',
    'DTEND:20260320T200000Z',
    `SUMMARY:${o.summary ?? 'Open day'}`,
    `ORGANIZER;CN=Events:mailto:${ORG}`,
  ];
}

describe('PUBLISH', () => {
  it('from a known sender: added as published, nothing sent', () => {
    const cal = new Calendar([ME], 'known');
    cal.contacts.add(ORG);
    const r = cal.process(ics('PUBLISH', vevent(...published())), ORG);
    expect(r.kind).toBe('publish');
    expect(r.outcome).toBe('applied');
    expect(r.outgoing).toHaveLength(0);
    expect(say(r.reason)).toBe('Added the published event "Open day".');
    expect(canonical(cal.text(UID))).toBe(canonical(ics(null, vevent(...published()))));
  });

  it('from an unknown sender: waits with apply/ignore; apply adds it', () => {
    const cal = new Calendar([ME], 'known');
    const r = cal.process(ics('PUBLISH', vevent(...published())), ORG);
    expect(r.kind).toBe('publish');
    expect(r.outcome).toBe('pending');
    expect(r.pending?.choices).toEqual(['apply', 'ignore']);
    expect(r.store).toBeNull();
    const d = cal.decide(r, 'apply');
    expect(d.outcome).toBe('applied');
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('summary')).toBe('Open day');
  });

  it('an update (higher SEQUENCE) replaces the published event (§4.1.2)', () => {
    const cal = new Calendar([ME], 'known');
    cal.put(ics(null, vevent(...published())));
    const r = cal.process(
      ics('PUBLISH', vevent(...published({ seq: 1, stamp: '20260302T100000Z', summary: 'Open day (moved hall)' }))),
      ORG,
    );
    expect(r.kind).toBe('publish');
    expect(r.outcome).toBe('applied');
    expect(say(r.reason)).toBe('Updated the published event "Open day (moved hall)".');
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('sequence')).toBe(1);
  });

  it('the same PUBLISH twice is outdated', () => {
    const cal = new Calendar([ME], 'known');
    cal.put(ics(null, vevent(...published())));
    const r = cal.process(ics('PUBLISH', vevent(...published())), ORG);
    expect(r.kind).toBe('outdated');
    expect(r.store).toBeNull();
  });

  it('a published event is cancelled by CANCEL (§4.1.3)', () => {
    const cal = new Calendar([ME], 'known');
    cal.put(ics(null, vevent(...published())));
    const r = cal.process(
      ics(
        'CANCEL',
        vevent(`UID:${UID}`, 'DTSTAMP:20260303T100000Z', 'SEQUENCE:1', `ORGANIZER:mailto:${ORG}`, 'STATUS:CANCELLED'),
      ),
      ORG,
    );
    expect(r.kind).toBe('cancel');
    expect(r.outcome).toBe('applied');
    expect(instanceOf(cal.get(UID))?.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('not from the organizer: waits with a warning, even under always', () => {
    const cal = new Calendar([ME], 'always');
    const r = cal.process(ics('PUBLISH', vevent(...published())), 'eve@example.org');
    expect(r.outcome).toBe('pending');
    expect(r.warnings.length).toBeGreaterThan(0);
  });
});
