/**
 * VFREEBUSY (RFC 5546 §3.3): a REQUEST gets my busy periods, only for known, verified senders and a bounded window;
 * a REPLY to my request is recognised as what it is — the attendee's busy time, checked against that attendee —
 * and nothing is stored (there is no free/busy view to keep it for).
 */
import ICAL from 'ical.js';
import type { MailEnvelope } from '../../model/mail.js';
import type { OutgoingItip } from '../../model/outgoing.js';
import { formatIso, toUtcMs } from '../../ical/time.js';
import { toMailto } from '../../util/address.js';
import { attendeeProps, organizerProp, propAddress, textValue, timeValue, type Comp } from '../components.js';
import { noEffect, nothingToDo, type Analysis, type Effect } from '../analysis.js';
import { isMe, originatorOfProp, verifySender } from '../identity.js';
import { serializeItip } from '../outgoing.js';
import type { ItipMessage } from '../message.js';
import type { EngineContext } from '../types.js';

/** Longest free/busy window answered, so a request cannot make us expand years of events. */
const MAX_FREEBUSY_MS = 366 * 86_400_000;

export function analyzeFreeBusy(msg: ItipMessage, env: MailEnvelope, ctx: EngineContext): Analysis {
  const fb = msg.components[0] as Comp;
  if (msg.method === 'REPLY') return analyzeFreeBusyReply(msg, fb, env, ctx);
  const originator = originatorOfProp(organizerProp(fb));
  const verification = verifySender(originator, env);
  const base = { kind: 'freebusy' as const, originator, verification, proposed: null, current: null, notes: msg.notes };
  if (msg.method !== 'REQUEST')
    return { ...base, ignore: { key: 'reason.freebusy.noAction', params: { method: msg.method } }, act: nothingToDo };
  const mine = attendeeProps(fb).find((a) => isMe(propAddress(a), ctx.me));
  const start = timeValue(fb, 'dtstart');
  const end = timeValue(fb, 'dtend');
  if (!mine || !start || !end || !originator)
    return { ...base, ignore: { key: 'reason.freebusy.notForMe' }, act: nothingToDo };
  const fromMs = toUtcMs(start);
  const toMs = Math.min(toUtcMs(end), fromMs + MAX_FREEBUSY_MS);
  const me = propAddress(mine);
  const send = (): Effect => {
    const periods = ctx.busyPeriods ? ctx.busyPeriods(fromMs, toMs) : [];
    const r = new ICAL.Component('vfreebusy');
    r.addPropertyWithValue('uid', textValue(fb, 'uid') ?? `freebusy-${fromMs}`);
    r.addProperty(ICAL.Property.fromString((organizerProp(fb) as ICAL.Property).toICALString()));
    const att = new ICAL.Property('attendee');
    att.setValue(toMailto(me));
    r.addProperty(att);
    r.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(ctx.now), true));
    r.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(new Date(fromMs), true));
    r.addPropertyWithValue('dtend', ICAL.Time.fromJSDate(new Date(toMs), true));
    for (const p of periods) {
      const prop = new ICAL.Property('freebusy');
      prop.setValue(
        new ICAL.Period({
          start: ICAL.Time.fromJSDate(new Date(p.startMs), true),
          end: ICAL.Time.fromJSDate(new Date(p.endMs), true),
        }),
      );
      prop.setParameter('fbtype', p.type);
      r.addProperty(prop);
    }
    const out: OutgoingItip = {
      method: 'REPLY',
      from: { address: me },
      to: { address: originator.address },
      subject: { key: 'outgoing.freebusy.subject' },
      text: [{ key: 'outgoing.freebusy.text', params: { me, start: formatIso(start), end: formatIso(end) } }],
      ics: serializeItip('REPLY', [r], null),
      uid: textValue(fb, 'uid') ?? '',
      recurrenceId: null,
      sequence: 0,
    };
    return {
      store: null,
      outgoing: [out],
      reason: { key: 'reason.freebusy.sent', params: { count: periods.length, who: originator.address } },
    };
  };
  if (!ctx.isKnownAddress(originator.address) && !(originator.sentBy && ctx.isKnownAddress(originator.sentBy))) {
    return {
      ...base,
      ignore: { key: 'reason.freebusy.unknown', params: { who: originator.address } },
      act: nothingToDo,
    };
  }
  return {
    ...base,
    hold: { action: 'sendBusy', who: originator.address },
    auto: send,
    act: (c) => (c === 'apply' ? send() : noEffect({ key: 'reason.dismissedNothingSent' })),
  };
}

/**
 * A VFREEBUSY REPLY (RFC 5546 §3.3.3) speaks for its ATTENDEE, who must be the mail's sender; its ORGANIZER is the
 * one who asked, which must be me. Nothing is stored or sent; the result says whose busy time arrived.
 */
function analyzeFreeBusyReply(msg: ItipMessage, fb: Comp, env: MailEnvelope, ctx: EngineContext): Analysis {
  const replier = attendeeProps(fb)[0] ?? null;
  const originator = originatorOfProp(replier);
  const verification = verifySender(originator, env);
  const base = { kind: 'freebusy' as const, originator, verification, proposed: null, current: null, notes: msg.notes };
  const asker = organizerProp(fb);
  if (!originator || !asker || !isMe(propAddress(asker), ctx.me))
    return { ...base, ignore: { key: 'reason.freebusy.replyNotMine' }, act: nothingToDo };
  const periods = fb.getAllProperties('freebusy').reduce((n, p) => n + p.getValues().length, 0);
  const start = timeValue(fb, 'dtstart');
  const end = timeValue(fb, 'dtend');
  return {
    ...base,
    ignore: {
      key: 'reason.freebusy.replyReceived',
      params: {
        who: originator.address,
        count: periods,
        from: start ? formatIso(start) : '?',
        to: end ? formatIso(end) : '?',
      },
    },
    act: nothingToDo,
  };
}
