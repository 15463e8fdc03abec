/**
 * What I can start as an attendee besides answering: propose another time (COUNTER, RFC 5546 §3.2.7), hand my
 * place to someone else (delegation, §3.2.2.3 / §3.2.3) and ask the organizer for the current version (REFRESH,
 * §3.2.6). Each checks that I attend the event and that someone else organizes it.
 */
import { isMyAddress } from '../replyToken.js';
import ICAL from 'ical.js';
import { commentParagraph, type OutgoingItip } from '../../model/outgoing.js';
import { normalizeAddress, toMailto } from '../../util/address.js';
import { formatIso } from '../../ical/time.js';
import { ensureOverride, setMyPartstat } from '../edit.js';
import { buildRefresh, buildReply, serializeItip } from '../outgoing.js';
import { myAttendee } from '../identity.js';
import {
  cloneComponent,
  eventsOf,
  findAttendee,
  instanceKey,
  masterOf,
  organizerAddress,
  organizerProp,
  param,
  propRecipient,
  removePropertiesWhere,
  sequenceOf,
  textValue,
  type Comp,
} from '../components.js';
import type { ItipErrorCode } from '../errors.js';
import type { EngineContext, EngineResult } from '../types.js';
import { organized, organizeFailed } from './organized.js';
import { setTimeProp, startForm, timeProp } from './eventTimes.js';
import { addAttendee } from './createEvent.js';

interface Target {
  readonly work: Comp;
  /** The components the action is about: the series (every component I attend) or one override. */
  readonly comps: Comp[];
  readonly me: string;
}

/** My copy of an event someone else organizes, and the part of it the action concerns. */
function attended(stored: Comp | null, rid: ICAL.Time | null, ctx: EngineContext): Target | ItipErrorCode {
  if (!stored) return 'ITIP_NO_EVENT';
  const first = masterOf(stored) ?? eventsOf(stored)[0];
  const org = first ? organizerAddress(first) : null;
  if (!org || isMyAddress(org, ctx.me)) return 'ITIP_I_ORGANIZE';
  const mine = myAttendee(eventsOf(stored), ctx.me);
  if (!mine) return 'ITIP_NOT_ATTENDEE';
  const work = cloneComponent(stored);
  if (rid) {
    const o = masterOf(work) ? ensureOverride(work, rid) : null;
    if (!o) return 'ITIP_NO_INSTANCE';
    return { work, comps: [o], me: mine.address };
  }
  return { work, comps: eventsOf(work).filter((e) => findAttendee(e, mine.address)), me: mine.address };
}

/** COUNTER with my proposed time: the event as I have it, new DTSTART/DTEND, my COMMENT. My copy is unchanged. */
export function counterEvent(
  args: {
    uid: string;
    recurrenceId: ICAL.Time | null;
    start: string;
    end: string;
    tz: string | null;
    comment: string | null;
    stored: Comp | null;
  },
  ctx: EngineContext,
): EngineResult {
  const head = { method: 'COUNTER', uid: args.uid, recurrenceId: args.recurrenceId };
  const t = attended(args.stored, args.recurrenceId, ctx);
  if (typeof t === 'string')
    return organizeFailed(head, 'counter', t, { uid: args.uid, instance: args.recurrenceId?.toString() ?? '' });
  const c = cloneComponent(
    t.comps.find((e) => !e.hasProperty('recurrence-id') || args.recurrenceId) ?? (t.comps[0] as Comp),
  );
  const { tz: zone, allDay } = startForm(c);
  const start = timeProp({ iso: args.start, tz: args.tz ?? zone, allDay });
  const end = timeProp({ iso: args.end, tz: args.tz ?? zone, allDay });
  if (!start || !end || end.value <= start.value)
    return organizeFailed(head, 'counter', 'ITIP_BAD_VALUE', { property: 'DTSTART' });
  setTimeProp(c, 'dtstart', start);
  c.removeAllProperties('duration');
  setTimeProp(c, 'dtend', end);
  // A proposal for the series keeps its rule; RFC 5546 §3.2.7 lets the attendee propose any property change.
  cleanForSend(c, ctx.now);
  if (args.comment) c.addPropertyWithValue('comment', args.comment);
  const cal = new ICAL.Component(['vcalendar', [], []]);
  cal.addSubcomponent(c);
  for (const z of t.work.getAllSubcomponents('vtimezone')) cal.addSubcomponent(cloneComponent(z));
  const org = organizerProp(c) as ICAL.Property;
  const summary = textValue(c, 'summary') ?? 'Event';
  const title = textValue(c, 'summary');
  const msg: OutgoingItip = {
    method: 'COUNTER',
    from: { address: t.me },
    to: { address: propRecipient(org), name: param(org, 'cn') ?? undefined },
    subject: { key: 'outgoing.counter.subject', params: { summary: title } },
    text: [{ key: 'outgoing.counter.text', params: { summary: title, me: t.me } }, ...commentParagraph(args.comment)],
    ics: serializeItip('COUNTER', [c], cal),
    uid: args.uid,
    recurrenceId: args.recurrenceId ? formatIso(args.recurrenceId) : null,
    sequence: sequenceOf(c),
  };
  const done = organized(
    head,
    'counter',
    null,
    sequenceOf(c),
    {
      key: 'reason.organize.countered',
      params: { summary },
    },
    [msg],
  );
  // Sent as asked, with a word: an organizer who turned counter-proposals off (Outlook) may not look at it.
  const disallowed = /^true$/i.test(textValue(masterOf(t.work) ?? c, 'x-microsoft-disallow-counter') ?? '');
  return disallowed ? { ...done, warnings: [{ key: 'warning.counterDisallowed' }] } : done;
}

/**
 * Delegation: my PARTSTAT becomes DELEGATED with DELEGATED-TO, the delegate is added with DELEGATED-FROM and asked
 * to answer; the organizer gets my REPLY (one ATTENDEE, mine, as every client accepts), the delegate a REQUEST
 * from me with the event as I have it (RFC 5546 §3.2.2.3).
 */
export function delegateEvent(
  args: { uid: string; recurrenceId: ICAL.Time | null; to: string; comment: string | null; stored: Comp | null },
  ctx: EngineContext,
): EngineResult {
  const head = { method: 'REPLY', uid: args.uid, recurrenceId: args.recurrenceId };
  const t = attended(args.stored, args.recurrenceId, ctx);
  if (typeof t === 'string')
    return organizeFailed(head, 'reply', t, { uid: args.uid, instance: args.recurrenceId?.toString() ?? '' });
  const delegate = normalizeAddress(args.to);
  const keys = args.recurrenceId ? new Set(t.comps.map(instanceKey)) : null;
  setMyPartstat(t.work, t.me, 'DELEGATED', keys);
  for (const c of t.comps) {
    findAttendee(c, t.me)?.setParameter('delegated-to', toMailto(delegate));
    if (!findAttendee(c, delegate)) addAttendee(c, { address: delegate });
    findAttendee(c, delegate)?.setParameter('delegated-from', toMailto(t.me));
  }
  const reply = buildReply({
    components: t.comps,
    source: t.work,
    me: t.me,
    partstat: 'DELEGATED',
    comment: args.comment,
    now: ctx.now,
    extraAttendeeParams: { 'delegated-to': toMailto(delegate) },
  });
  const sent = t.comps.map((c) => cleanForSend(cloneComponent(c), ctx.now));
  const summary = textValue(t.comps[0] as Comp, 'summary') ?? 'Event';
  const title = textValue(t.comps[0] as Comp, 'summary');
  const request: OutgoingItip = {
    method: 'REQUEST',
    from: { address: t.me },
    to: { address: delegate },
    subject: { key: 'outgoing.delegate.subject', params: { summary: title } },
    text: [{ key: 'outgoing.delegate.text', params: { summary: title, me: t.me } }, ...commentParagraph(args.comment)],
    ics: serializeItip('REQUEST', sent, t.work),
    uid: args.uid,
    recurrenceId: reply?.recurrenceId ?? null,
    sequence: sequenceOf(t.comps[0] as Comp),
  };
  return organized(
    head,
    'reply',
    t.work,
    sequenceOf(t.comps[0] as Comp),
    { key: 'reason.organize.delegated', params: { summary, delegate } },
    [...(reply ? [reply] : []), request],
  );
}

/** REFRESH: asks the organizer to send the current version again. Nothing changes here. */
export function refreshEvent(args: { uid: string; stored: Comp | null }, ctx: EngineContext): EngineResult {
  const head = { method: 'REFRESH', uid: args.uid, recurrenceId: null };
  const t = attended(args.stored, null, ctx);
  if (typeof t === 'string') return organizeFailed(head, 'refresh', t, { uid: args.uid });
  const msg = buildRefresh({ component: t.comps[0] as Comp, me: t.me, now: ctx.now });
  const summary = textValue(t.comps[0] as Comp, 'summary') ?? 'Event';
  return organized(
    head,
    'refresh',
    null,
    sequenceOf(t.comps[0] as Comp),
    { key: 'reason.organize.refreshed', params: { summary } },
    msg ? [msg] : [],
  );
}

/** Our bookkeeping and local alarms out, a fresh DTSTAMP in. */
function cleanForSend(c: Comp, now: number): Comp {
  c.removeAllSubcomponents('valarm');
  removePropertiesWhere(c, (p) => p.name.startsWith('x-imip-') || p.name === 'comment');
  for (const a of c.getAllProperties('attendee'))
    for (const n of ['x-received-sequence', 'x-received-dtstamp', 'schedule-status']) a.removeParameter(n);
  c.getFirstProperty('organizer')?.removeParameter('schedule-status');
  c.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(now), true));
  return c;
}
