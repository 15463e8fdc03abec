/**
 * Cancelling an event I organize (RFC 5546 §3.2.5): the whole series, or one occurrence. The organizer's copy is
 * kept with STATUS:CANCELLED (the series, or an override for the occurrence) so the calendar still shows what was
 * called off; `remove` takes it out for good. SEQUENCE is raised so the CANCEL outranks every earlier REQUEST.
 */
import { commentParagraph } from '../../model/outgoing.js';
import ICAL from 'ical.js';
import { formatIso } from '../../ical/time.js';
import { ensureOverride } from '../edit.js';
import { cloneComponent, eventsOf, masterOf, sequenceOf, textValue, type Comp } from '../components.js';
import type { EngineContext, EngineResult } from '../types.js';
import { buildCancel } from './buildCancel.js';
import { endSeriesBefore } from './endSeries.js';
import { buildRequests } from '../outgoing.js';
import { attendeesToMail, myEvent, organized, organizeFailed } from './organized.js';

export function cancelEvent(
  args: {
    uid: string;
    recurrenceId: ICAL.Time | null;
    comment: string | null;
    stored: Comp | null;
    /** With `recurrenceId`: this occurrence and all following ones (the series ends before it). */
    thisAndFuture?: boolean;
  },
  ctx: EngineContext,
): EngineResult {
  const rid = args.recurrenceId;
  const head = { method: 'CANCEL', uid: args.uid, recurrenceId: rid };
  const mine = myEvent(args.stored, ctx);
  if (typeof mine === 'string') return organizeFailed(head, 'cancel', mine, { uid: args.uid });
  if (rid && args.thisAndFuture) return cancelFollowing(mine, rid, args.comment, ctx);
  const work = cloneComponent(mine);
  let targets: Comp[];
  if (rid) {
    const o = masterOf(work) ? ensureOverride(work, rid) : null;
    if (!o) return organizeFailed(head, 'cancel', 'ITIP_NO_INSTANCE', { instance: formatIso(rid) });
    targets = [o];
  } else {
    // The whole event: the master alone speaks for the series (RFC 5546 §3.2.5), overrides go with it.
    targets = eventsOf(work);
  }
  const { mailed: recipients, notMailed } = attendeesToMail(rid ? only(targets[0] as Comp) : work, ctx);
  const sequence = Math.max(...eventsOf(work).map(sequenceOf)) + 1;
  for (const t of targets) {
    t.updatePropertyWithValue('status', 'CANCELLED');
    t.updatePropertyWithValue('sequence', sequence);
    t.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(ctx.now), true));
  }
  const sent = rid ? targets : [masterOf(work) ?? (targets[0] as Comp)];
  const outgoing = buildCancel({
    calendar: work,
    components: sent,
    to: recipients,
    now: ctx.now,
    sequence,
    comment: args.comment,
  });
  const summary = textValue(targets[0] as Comp, 'summary') ?? '(no title)';
  const reason = {
    key: 'reason.organize.cancelled',
    params: { summary, instance: rid ? formatIso(rid) : 'all', count: outgoing.length },
  } as const;
  return organized(head, 'cancel', work, sequence, reason, outgoing, notMailed);
}

/** This occurrence and the following ones: the series ends before it and goes out again as a REQUEST. */
function cancelFollowing(mine: Comp, rid: ICAL.Time, comment: string | null, ctx: EngineContext): EngineResult {
  const uid = textValue(masterOf(mine) ?? (eventsOf(mine)[0] as Comp), 'uid') ?? '';
  const head = { method: 'REQUEST', uid, recurrenceId: rid };
  const work = cloneComponent(mine);
  if (!endSeriesBefore(work, rid))
    return organizeFailed(head, 'cancel', 'ITIP_NO_INSTANCE', { instance: formatIso(rid) });
  // A rule that changed is a significant change (RFC 5546 §2.1.4); the answers to the remaining ones still hold.
  const sequence = Math.max(...eventsOf(work).map(sequenceOf)) + 1;
  for (const e of eventsOf(work)) {
    e.updatePropertyWithValue('sequence', sequence);
    e.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(ctx.now), true));
  }
  const summary = textValue(masterOf(work) ?? (eventsOf(work)[0] as Comp), 'summary') ?? '(no title)';
  const { mailed, notMailed } = attendeesToMail(work, ctx);
  const outgoing = buildRequests({
    calendar: work,
    me: ctx.me,
    recipients: mailed,
    now: ctx.now,
    subject: 'outgoing.request.updatedInvitation',
    text: [
      { key: 'outgoing.request.endsBefore', params: { summary, instance: formatIso(rid) } },
      ...commentParagraph(comment),
    ],
  });
  const reason = {
    key: 'reason.organize.cancelledFollowing',
    params: { summary, instance: formatIso(rid), count: outgoing.length },
  } as const;
  return organized(head, 'cancel', work, sequence, reason, outgoing, notMailed);
}

/** A calendar holding just this override: whom to tell about one occurrence. */
function only(o: Comp): Comp {
  const cal = new ICAL.Component(['vcalendar', [], []]);
  cal.addSubcomponent(cloneComponent(o));
  return cal;
}

/**
 * "Remove from calendar": the event leaves my calendar; nobody is told (a cancelled one was told already). With a
 * RECURRENCE-ID only that meeting goes: its override is dropped and the master gets an EXDATE for it (RFC 5545
 * §3.8.5.1), so a series whose one meeting was called off keeps its other meetings.
 */
export function removeEvent(args: { uid: string; stored: Comp | null; recurrenceId?: ICAL.Time | null }): EngineResult {
  const rid = args.recurrenceId ?? null;
  const head = { method: 'CANCEL', uid: args.uid, recurrenceId: rid };
  if (!args.stored) return organizeFailed(head, 'cancel', 'ITIP_NO_EVENT', { uid: args.uid });
  const first = masterOf(args.stored) ?? eventsOf(args.stored)[0];
  const summary = (first ? textValue(first, 'summary') : null) ?? '(no title)';
  const sequence = first ? sequenceOf(first) : 0;
  if (rid) return removeOccurrence({ ...head, recurrenceId: rid }, args.stored, rid, summary, sequence);
  const r = organized(head, 'cancel', null, sequence, { key: 'reason.organize.removed', params: { summary } }, []);
  return { ...r, store: { type: 'delete', uid: args.uid } } as EngineResult;
}

function removeOccurrence(
  head: { method: string; uid: string; recurrenceId: ICAL.Time },
  stored: Comp,
  rid: ICAL.Time,
  summary: string,
  sequence: number,
): EngineResult {
  const work = cloneComponent(stored);
  const o = ensureOverride(work, rid);
  if (!o) return organizeFailed(head, 'cancel', 'ITIP_NO_INSTANCE', { instance: formatIso(rid) });
  const ridProp = o.getFirstProperty('recurrence-id');
  const master = masterOf(work);
  if (master && ridProp) {
    const ex = master.addPropertyWithValue('exdate', (ridProp.getFirstValue() as ICAL.Time).clone());
    const tz = ridProp.getParameter('tzid');
    if (typeof tz === 'string') ex.setParameter('tzid', tz);
  }
  work.removeSubcomponent(o);
  const reason = { key: 'reason.removedOccurrence', params: { summary, instance: formatIso(rid) } } as const;
  const r = organized(head, 'cancel', eventsOf(work).length > 0 ? work : null, sequence, reason, []);
  return eventsOf(work).length > 0 ? r : ({ ...r, store: { type: 'delete', uid: head.uid } } as EngineResult);
}
