/**
 * ADD received as attendee (RFC 5546 §3.2.4): new instances for a series I have become RDATEs with their
 * overrides; for a series I lack, or instances that come as a new rule, the organizer is asked for the whole
 * series (REFRESH, §3.2.6).
 */
import type ICAL from 'ical.js';
import type { MailEnvelope } from '../../model/mail.js';
import { timeKey } from '../../ical/time.js';
import {
  cloneComponent,
  forgetInstanceKey,
  masterOf,
  overrideOf,
  sequenceOf,
  timeValue,
  type Comp,
} from '../components.js';
import { noEffect, nothingToDo, putCalendar, type Analysis, type Effect } from '../analysis.js';
import { myAttendee, organizerOf, verifySender } from '../identity.js';
import { carryAttendeeData } from '../attendeeData.js';
import { mergeWithZones } from '../edit.js';
import { buildRefresh } from '../outgoing.js';
import { lazyEventView } from '../views.js';
import type { ItipMessage } from '../message.js';
import type { EngineContext } from '../types.js';

export function analyzeAdd(msg: ItipMessage, stored: Comp | null, env: MailEnvelope, ctx: EngineContext): Analysis {
  const comps = msg.components;
  const organizer = organizerOf(comps);
  const verification = verifySender(organizer, env);
  const proposed = lazyEventView(comps[0] as Comp, msg.uid);
  const summary = proposed.summary;
  const base = {
    kind: 'add' as const,
    originator: organizer,
    verification,
    proposed,
    current: null,
    notes: msg.notes,
    hold: { action: 'addInstances', summary } as const,
  };
  const master = stored ? masterOf(stored) : null;
  // A new rule of instances (RFC 5546 §4.4.7) cannot be merged as RDATEs: ask for the whole series instead.
  const newRule = comps.some((c) => c.hasProperty('rrule'));
  if (!stored || !master || newRule) {
    // Ask as the address that was invited (one of several of mine), not just the first one.
    const me = myAttendee(comps, ctx.me)?.address ?? ctx.me[0];
    const refresh = (): Effect => {
      const r = me ? buildRefresh({ component: comps[0] as Comp, me, now: ctx.now }) : null;
      return {
        store: null,
        outgoing: r ? [r] : [],
        reason: {
          key: stored && master ? 'reason.add.refreshNewRule' : 'reason.add.refreshMissing',
          params: { summary },
        },
      };
    };
    return {
      ...base,
      hold: { action: 'askRefresh' },
      auto: refresh,
      act: (c) => (c === 'apply' ? refresh() : noEffect({ key: 'reason.dismissed' })),
    };
  }
  if (sequenceOf(comps[0] as Comp) < sequenceOf(master)) {
    return { ...base, kind: 'outdated', ignore: { key: 'reason.add.outdated' }, act: nothingToDo };
  }
  const fresh = comps.filter((c) => {
    const start = timeValue(c, 'dtstart');
    return start && !overrideOf(stored, timeKey(start));
  });
  if (fresh.length === 0) {
    return { ...base, kind: 'outdated', ignore: { key: 'reason.add.known' }, act: nothingToDo };
  }
  const apply = (): Effect => {
    const cal = cloneComponent(stored);
    mergeWithZones(cal, msg.calendar, () => {
      const m = masterOf(cal) as Comp;
      for (const c of fresh) {
        const start = timeValue(c, 'dtstart') as ICAL.Time;
        const rdate = m.addPropertyWithValue('rdate', start.clone());
        const tz = c.getFirstProperty('dtstart')?.getParameter('tzid');
        if (typeof tz === 'string') rdate.setParameter('tzid', tz);
        const inst = cloneComponent(c);
        // An added instance is mine like the rest of the series: my alarms, categories and TRANSP, not the sender's.
        carryAttendeeData(m, inst);
        const rid = inst.updatePropertyWithValue('recurrence-id', start.clone());
        forgetInstanceKey(inst);
        if (typeof tz === 'string') rid.setParameter('tzid', tz);
        cal.addSubcomponent(inst);
      }
    });
    return {
      store: putCalendar(msg.uid, cal),
      outgoing: [],
      reason: { key: 'reason.add.applied', params: { count: fresh.length, summary } },
    };
  };
  return { ...base, auto: apply, act: (c) => (c === 'apply' ? apply() : noEffect({ key: 'reason.add.dismissed' })) };
}
