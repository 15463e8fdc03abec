/**
 * Changing an event I organize (RFC 5546 §3.2.2.1–3.2.2.6): the whole series, one occurrence, or this occurrence
 * and the following ones (an override with RANGE=THISANDFUTURE, RFC 5545 §3.2.13), and adding or removing
 * attendees (the removed ones get a CANCEL, §3.2.5).
 *
 * SEQUENCE (RFC 5545 §3.8.7.4, RFC 5546 §2.1.4) is raised when the time changes (DTSTART, DTEND, DURATION,
 * RRULE): then every answer is reset to NEEDS-ACTION with RSVP=TRUE, since an "accepted" for another time says
 * nothing. A new LOCATION raises SEQUENCE too (the attendee must go somewhere else, and clients show an update with a
 * higher SEQUENCE as one to look at) but keeps the answers: people usually still come. A new title, description or
 * attendee list is a minor change: same SEQUENCE, newer DTSTAMP, answers kept.
 */
import ICAL from 'ical.js';
import { completeTimezones } from '../../ical/zones.js';
import { normalizeAddress } from '../../util/address.js';
import { ensureOverride } from '../edit.js';
import { moveSeries } from '../moveSeries.js';
import { buildRequests } from '../outgoing.js';
import {
  ANSWERS_SINCE,
  answersSinceOf,
  attendeeProps,
  cloneComponent,
  eventsOf,
  findAttendee,
  masterOf,
  organizerAddress,
  partstatOf,
  propAddress,
  sequenceOf,
  textValue,
  type Comp,
} from '../components.js';
import type { EngineContext, EngineResult } from '../types.js';
import { addAttendee, type NewAttendee } from './createEvent.js';
import { buildCancel } from './buildCancel.js';
import { isMyAddress } from '../replyToken.js';
import { attendeesToMail, mailable, myEvent, organized, organizeFailed } from './organized.js';
import { setTimeProp, startForm, timeProp, type TimeProp } from './eventTimes.js';

export interface EventChange {
  readonly uid: string;
  readonly recurrenceId?: ICAL.Time | null;
  readonly thisAndFuture?: boolean;
  readonly summary?: string | null;
  readonly start?: string | null;
  readonly end?: string | null;
  /** The zone for `start`/`end` without offset; default: the zone DTSTART has now. */
  readonly tz?: string | null;
  readonly location?: string | null;
  readonly description?: string | null;
  readonly addAttendees?: readonly NewAttendee[];
  readonly removeAttendees?: readonly string[];
}

export function updateEvent(change: EventChange, stored: Comp | null, ctx: EngineContext): EngineResult {
  const rid = change.recurrenceId ?? null;
  const head = { method: 'REQUEST', uid: change.uid, recurrenceId: rid };
  const mine = myEvent(stored, ctx);
  if (typeof mine === 'string') return organizeFailed(head, 'update', mine, { uid: change.uid });
  const work = cloneComponent(mine);
  const targets = targetsOf(work, rid, change.thisAndFuture === true);
  if (!targets) return organizeFailed(head, 'update', 'ITIP_NO_INSTANCE', { instance: rid?.toString() ?? '' });
  const series = rid ? null : masterOf(work);
  const times = newTimes(change, series ?? (targets[0] as Comp));
  if (times === 'bad') return organizeFailed(head, 'update', 'ITIP_BAD_VALUE', { property: 'DTSTART' });
  const reschedule = times !== null;
  const moved = change.location != null && targets.some((t) => textValue(t, 'location') !== change.location);
  const removed = new Set((change.removeAttendees ?? []).map(normalizeAddress));
  // Told of the cancellation: removed attendees who were invited to the changed part (and whom we may mail).
  const mailed = new Set(mailable(work, ctx));
  const gone = [...removed].filter((r) => mailed.has(r) && targets.some((t) => findAttendee(t, r)));
  const setTimes = (t: Comp, when: { start: TimeProp; end: TimeProp }): void => {
    setTimeProp(t, 'dtstart', when.start);
    t.removeAllProperties('duration');
    setTimeProp(t, 'dtend', when.end);
  };
  // The series' new time moves its instances, and what names them moves along (moveSeries.ts); an occurrence's
  // own new time is written into its override.
  if (times && series)
    moveSeries(work, series, () => {
      setTimes(series, times);
      completeTimezones(work);
    });
  for (const t of targets) {
    if (times && !series) setTimes(t, times);
    setText(t, 'summary', change.summary);
    setText(t, 'location', change.location);
    setText(t, 'description', change.description);
    for (const a of attendeeProps(t)) if (removed.has(propAddress(a))) t.removeProperty(a);
    for (const a of change.addAttendees ?? []) if (!findAttendee(t, normalizeAddress(a.address))) addAttendee(t, a);
    if (reschedule) resetAnswers(t, ctx.me);
    t.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(ctx.now), true));
  }
  const sequence = Math.max(...eventsOf(work).map(sequenceOf)) + (reschedule || moved ? 1 : 0);
  for (const t of targets) {
    // Answers given to the version before still count after a change that asks nobody again.
    if (reschedule) t.removeAllProperties(ANSWERS_SINCE);
    else if (sequence > sequenceOf(t)) t.updatePropertyWithValue(ANSWERS_SINCE, answersSinceOf(t));
    t.updatePropertyWithValue('sequence', sequence);
  }
  completeTimezones(work);
  const still = attendeesToMail(work, ctx);
  const summary = textValue(targets[0] as Comp, 'summary') ?? '(no title)';
  const requests = buildRequests({
    calendar: work,
    me: ctx.me,
    recipients: still.mailed,
    now: ctx.now,
    subject: reschedule ? 'outgoing.request.updatedInvitation' : 'outgoing.request.updated',
    text: [{ key: 'outgoing.request.changed', params: { summary } }],
  });
  const cancels = gone.length
    ? buildCancel({ calendar: work, components: targets, to: gone, now: ctx.now, sequence })
    : [];
  const reason = {
    key: 'reason.organize.updated',
    params: { summary, reschedule: reschedule ? 'yes' : 'no', sequence, removed: gone.length },
  } as const;
  const kind = reschedule ? 'reschedule' : 'update';
  return organized(head, kind, work, sequence, reason, [...requests, ...cancels], still.notMailed);
}

/**
 * The components a change applies to: the series (master and overrides: a new title, place or attendee list is
 * theirs too, a new time moves them with the series), or one instance's override.
 */
function targetsOf(work: Comp, rid: ICAL.Time | null, thisAndFuture: boolean): Comp[] | null {
  if (!rid) return eventsOf(work);
  if (!masterOf(work)) return null;
  const o = ensureOverride(work, rid);
  if (!o) return null;
  if (thisAndFuture) o.getFirstProperty('recurrence-id')?.setParameter('range', 'THISANDFUTURE');
  return [o];
}

/** The new DTSTART/DTEND when the change gives times; null when it does not, 'bad' when they are unreadable. */
function newTimes(change: EventChange, first: Comp): { start: TimeProp; end: TimeProp } | null | 'bad' {
  if (!change.start && !change.end) return null;
  const { tz: zone, allDay } = startForm(first);
  const tz = change.tz ?? zone;
  const start = change.start ? timeProp({ iso: change.start, tz, allDay }) : null;
  const end = change.end ? timeProp({ iso: change.end, tz, allDay }) : null;
  if (!start || !end || end.value <= start.value) return 'bad';
  return { start, end };
}

function setText(c: Comp, name: string, value: string | null | undefined): void {
  if (value === undefined || value === null) return;
  if (value === '') c.removeAllProperties(name);
  else c.updatePropertyWithValue(name, value);
}

/** RFC 5546 §2.1.4: after a reschedule every attendee answers again. */
function resetAnswers(c: Comp, me: readonly string[]): void {
  const org = organizerAddress(c);
  for (const a of attendeeProps(c)) {
    const addr = propAddress(a);
    if (isMyAddress(addr, me) || addr === org) continue;
    // A delegator handed the place over (RFC 5546 §4.2.5): the delegate answers again, the delegator stays out.
    if (partstatOf(a) === 'DELEGATED') continue;
    a.setParameter('partstat', 'NEEDS-ACTION');
    a.setParameter('rsvp', 'TRUE');
  }
}
