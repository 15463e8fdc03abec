/**
 * COUNTER received as organizer (RFC 5546 §3.2.7). A counter-proposal always waits for a person; accepting it
 * reschedules the event (SEQUENCE + 1) and sends the update to every attendee, declining it sends DECLINECOUNTER
 * to the proposer (§3.2.8). Accepted for a whole series, it moves the series with its overrides (moveSeries.ts).
 */
import ICAL from 'ical.js';
import type { Message } from '../../i18n/index.js';
import type { MailEnvelope } from '../../model/mail.js';
import { exactTime, isFloating, timeInZone, timeKey, toUtcMs } from '../../ical/time.js';
import {
  ANSWERS_SINCE,
  attendeeProps,
  cloneComponent,
  eventsOf,
  findAttendee,
  masterOf,
  overrideOf,
  partstatOf,
  propAddress,
  recurrenceIdOf,
  sequenceOf,
  textValue,
  timeValue,
  type Comp,
  type Prop,
} from '../components.js';
import { noEffect, nothingToDo, putCalendar, NOTHING, type Analysis, type Effect } from '../analysis.js';
import { organizerPreconditions } from '../organizerPreconditions.js';
import { isMe, originatorOfProp, organizerOf, replierOf, underInvitedSender, verifySender } from '../identity.js';
import { ensureOverride, mergeWithZones } from '../edit.js';
import { moveSeries, timeProperty } from '../moveSeries.js';
import { buildDeclineCounter, buildRequests } from '../outgoing.js';
import { lazyEventView } from '../views.js';
import type { ItipMessage } from '../message.js';
import type { EngineContext } from '../types.js';

/** What a COUNTER may change: when and where (other properties stay the organizer's). */
const COUNTER_FIELDS = ['dtstart', 'dtend', 'duration', 'location'];

export function analyzeCounter(
  received: ItipMessage,
  stored: Comp | null,
  env: MailEnvelope,
  ctx: EngineContext,
): Analysis {
  // Outlook.com proposes from the same alias it answers from (identity.ts).
  const msg = (stored && underInvitedSender(received, stored, env)) || received;
  const counter = msg.components[0] as Comp;
  const replier = replierOf(msg.components, env);
  const originator = originatorOfProp(replier);
  const verification = verifySender(originator, env);
  const proposed = lazyEventView(counter, msg.uid);
  const base = {
    kind: 'counter' as const,
    originator,
    verification,
    proposed,
    current: null,
    notes: msg.notes,
    attendee: originator?.address ?? null,
  };
  const pre = organizerPreconditions(msg, stored, ctx);
  if (pre || !stored) return { ...base, ignore: pre ?? NOTHING, act: nothingToDo };
  const who = originator?.address;
  if (!who) return { ...base, ignore: { key: 'reason.counter.noAttendee' }, act: nothingToDo };
  const rid = recurrenceIdOf(counter);
  const comp = rid
    ? (overrideOf(stored, timeKey(rid)) ?? ensureOverride(cloneComponent(stored), rid))
    : masterOf(stored);
  const identity = organizerOf(eventsOf(stored))?.address ?? null;
  if (!comp) return { ...base, identity, ignore: { key: 'reason.counter.noInstance' }, act: nothingToDo };
  const current = lazyEventView(comp, msg.uid);
  if (!findAttendee(comp, who) && !eventsOf(stored).some((e) => findAttendee(e, who))) {
    return {
      ...base,
      current,
      identity,
      ignore: { key: 'reason.counter.notAttendee', params: { who, summary: current.summary } },
      act: nothingToDo,
    };
  }
  if (sequenceOf(counter) < sequenceOf(comp)) {
    return {
      ...base,
      kind: 'outdated',
      current,
      identity,
      ignore: { key: 'reason.counter.outdated', params: { summary: current.summary } },
      act: nothingToDo,
    };
  }
  const warnings: Message[] = [];
  if (/^true$/i.test(textValue(masterOf(stored) ?? comp, 'x-microsoft-disallow-counter') ?? ''))
    warnings.push({ key: 'warning.counterDisallowed' });

  const accept = (comment: string | null): Effect => {
    const cal = cloneComponent(stored);
    const t = rid ? ensureOverride(cal, rid) : masterOf(cal);
    if (!t) return noEffect({ key: 'reason.counter.instanceGone' });
    // A proposal for a recurring series is written in the series' zone, so the series keeps its wall-clock
    // recurrence across summer time whichever zone the proposer wrote (Google: UTC). Otherwise it is written in the
    // proposer's zone (Outlook: its Windows zone and VTIMEZONE): without that definition my copy would hold a
    // floating time, and the update would name a zone it does not define; a zone of mine with the same TZID and
    // other rules is kept apart (mergeWithZones).
    const seriesZone = rid ? null : recurringZoneOf(t);
    const propose = (): void =>
      mergeWithZones(cal, msg.calendar, () => {
        for (const name of COUNTER_FIELDS) {
          const p = counter.getFirstProperty(name);
          if (!p) continue;
          t.removeAllProperties(name);
          if (name === 'dtend') t.removeAllProperties('duration');
          if (name === 'duration') t.removeAllProperties('dtend');
          t.addProperty(seriesZone ? inZone(p, seriesZone) : ICAL.Property.fromString(p.toICALString()));
        }
      });
    // Accepted for the series, the proposal moves the series: its overrides, EXDATEs and RDATEs move along.
    if (rid) propose();
    else moveSeries(cal, t, propose);
    // A moved series moves its overrides: they are rescheduled with it, so they get its SEQUENCE (an attendee's
    // copy drops an override older than the master) and ask again.
    const changed = rid ? [t] : eventsOf(cal);
    const sequence = Math.max(...changed.map(sequenceOf)) + 1;
    if (comment) t.updatePropertyWithValue('comment', comment);
    const proposerAnswer = partstatOf(findAttendee(counter, who));
    for (const e of changed) {
      e.updatePropertyWithValue('sequence', sequence);
      e.removeAllProperties(ANSWERS_SINCE);
    }
    for (const a of changed.flatMap(attendeeProps)) {
      const addr = propAddress(a);
      if (isMe(addr, ctx.me)) continue;
      // A delegator handed the place over (RFC 5546 §4.2.5): a new time asks the delegate, not them, again.
      if (partstatOf(a) === 'DELEGATED') continue;
      const answer = addr === who && proposerAnswer !== 'NEEDS-ACTION' ? proposerAnswer : 'NEEDS-ACTION';
      a.setParameter('partstat', answer);
      if (answer === 'NEEDS-ACTION') a.setParameter('rsvp', 'TRUE');
      a.removeParameter('x-received-sequence');
      a.removeParameter('x-received-dtstamp');
      a.removeParameter('schedule-status');
    }
    const requests = buildRequests({
      calendar: cal,
      me: ctx.me,
      patterns: ctx.imipAddressPatterns,
      now: ctx.now,
      subject: 'outgoing.request.updatedInvitation',
      text: [{ key: 'outgoing.request.counterAccepted', params: { summary: current.summary, who } }],
    });
    const start = lazyEventView(t, msg.uid).start ?? '?';
    return {
      store: putCalendar(msg.uid, cal),
      outgoing: requests,
      reason: {
        key: 'reason.counter.accepted',
        params: { who, summary: current.summary, start, count: requests.length },
      },
    };
  };
  const decline = (comment: string | null): Effect => {
    const me = identity ?? ctx.me[0] ?? '';
    const out = buildDeclineCounter({ stored, component: comp, attendee: who, me, comment, now: ctx.now, counter });
    return {
      store: null,
      outgoing: out ? [out] : [],
      reason: { key: 'reason.counter.declined', params: { who, summary: current.summary } },
    };
  };
  const from = current.start ?? '?';
  const to = proposed.start ?? '?';
  const movesPlace = !!proposed.location && proposed.location !== current.location;
  return {
    ...base,
    current,
    identity,
    notes: [...msg.notes, ...warnings],
    act: (c, comment) =>
      c === 'accept-counter'
        ? accept(comment)
        : c === 'decline-counter'
          ? decline(comment)
          : noEffect({ key: 'reason.counter.ignored' }),
    person: {
      choices: ['accept-counter', 'decline-counter', 'ignore'],
      reason: {
        key: 'reason.counter.proposal',
        params: {
          name: originator?.name ?? who,
          summary: current.summary,
          moved: from !== to ? 'yes' : 'no',
          from,
          to,
          moves: movesPlace ? 'yes' : 'no',
          location: proposed.location ?? '',
        },
      },
    },
  };
}

/** The zone of a recurring master's DTSTART; null for a single event, an all-day or a floating series. */
function recurringZoneOf(master: Comp): ICAL.Timezone | null {
  if (!master.hasProperty('rrule') && !master.hasProperty('rdate')) return null;
  const start = timeValue(master, 'dtstart');
  if (!start || start.isDate || isFloating(start)) return null;
  return start.zone ?? null;
}

/** A proposed DTSTART/DTEND as the same instant in `zone`; other properties (and dates) as they are. */
function inZone(p: Prop, zone: ICAL.Timezone): Prop {
  const v = p.getFirstValue();
  if (!(v instanceof ICAL.Time) || v.isDate || isFloating(v)) return ICAL.Property.fromString(p.toICALString());
  const ms = toUtcMs(v);
  return timeProperty(p.name, exactTime(timeInZone(ms, zone), ms));
}
