/**
 * CANCEL messages from the organizer (RFC 5546 §3.2.5): one per recipient, for the whole event or the given
 * instances, STATUS:CANCELLED, the SEQUENCE the organizer's copy has after the change, fresh DTSTAMP.
 */
import ICAL from 'ical.js';
import { commentParagraph, type OutgoingItip } from '../../model/outgoing.js';
import { formatIso } from '../../ical/time.js';
import {
  findAttendee,
  organizerProp,
  param,
  propAddress,
  recurrenceIdOf,
  textValue,
  type Comp,
} from '../components.js';
import { serializeItip } from '../outgoing.js';

const KEEP = ['uid', 'recurrence-id', 'dtstart', 'dtend', 'duration', 'summary', 'location', 'rrule'];

export function buildCancel(args: {
  calendar: Comp;
  components: readonly Comp[];
  to: readonly string[];
  now: number;
  sequence: number;
  comment?: string | null;
}): OutgoingItip[] {
  const first = args.components[0];
  const org = first ? organizerProp(first) : null;
  if (!first || !org) return [];
  const summary = textValue(first, 'summary');
  return args.to.map((addr) => {
    const comps = args.components.map((c) => cancelComponent(c, org, addr, args));
    // Read from the organizer's copy, where the TZID resolves to its VTIMEZONE (the bare copy would be floating).
    const rid = args.components.length === 1 ? recurrenceIdOf(first) : null;
    return {
      method: 'CANCEL' as const,
      from: { address: propAddress(org), name: param(org, 'cn') ?? undefined },
      to: { address: addr },
      subject: { key: 'outgoing.cancel.subject', params: { summary } },
      text: [
        rid
          ? { key: 'outgoing.cancel.textOccurrence', params: { summary, instance: formatIso(rid) } }
          : { key: 'outgoing.cancel.text', params: { summary } },
        ...commentParagraph(args.comment),
      ],
      ics: serializeItip('CANCEL', comps, args.calendar),
      uid: textValue(first, 'uid') ?? '',
      recurrenceId: rid ? formatIso(rid) : null,
      sequence: args.sequence,
    };
  });
}

function cancelComponent(
  c: Comp,
  org: ICAL.Property,
  addr: string,
  args: { now: number; sequence: number; comment?: string | null },
): Comp {
  const r = new ICAL.Component('vevent');
  for (const name of KEEP) {
    const p = c.getFirstProperty(name);
    if (p) r.addProperty(ICAL.Property.fromString(p.toICALString()));
  }
  r.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(args.now), true));
  r.addPropertyWithValue('sequence', args.sequence);
  const o = ICAL.Property.fromString(org.toICALString());
  o.removeParameter('schedule-status');
  r.addProperty(o);
  const a = findAttendee(c, addr);
  const att = a ? ICAL.Property.fromString(a.toICALString()) : new ICAL.Property('attendee');
  if (!a) att.setValue(`mailto:${addr}`);
  for (const p of ['schedule-status', 'x-received-sequence', 'x-received-dtstamp', 'rsvp']) att.removeParameter(p);
  r.addProperty(att);
  r.addPropertyWithValue('status', 'CANCELLED');
  if (args.comment) r.addPropertyWithValue('comment', args.comment);
  return r;
}
