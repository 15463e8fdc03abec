/**
 * A bounce of a scheduling message I sent: a delivery status notification (RFC 3464) that returns my REQUEST,
 * CANCEL or other organizer message, or my REPLY, COUNTER or REFRESH. The returned message is not news about the
 * event (reading it as an incoming REQUEST would ask me to "apply my own invitation"); what it tells is that the
 * named recipients never got it. As Apple's calendar server does, that is written on the event as
 * SCHEDULE-STATUS=5.1 ("could not be delivered", RFC 6638 §3.2.9): on each attendee who did not get my invitation,
 * or on the organizer who did not get my answer. A delay warning changes nothing. Nothing here trusts the report
 * further: it never changes an answer, a time or an attendee list. The agent hands over refusals by its own SMTP
 * server in the same shape (electron/agent/agent.ts), so both ways of not being delivered look alike.
 */
import type { DeliveryReport, DeliveryStatusEntry } from '../model/mail.js';
import { failedRecipients } from '../mail/deliveryStatus.js';
import {
  attendeeProps,
  cloneComponent,
  eventsOf,
  organizerProp,
  propAddress,
  textValue,
  type Comp,
} from './components.js';
import { isMe } from './identity.js';
import { parseItip } from './message.js';
import { putCalendar } from './analysis.js';
import type { EngineContext, EngineResult, IgnoredResult, IncomingItip } from './types.js';
import type { StoredLookup } from './engine.js';

/** RFC 6638 §3.2.9: the scheduling message could not be delivered. */
export const UNDELIVERED = '5.1';

const FROM_ORGANIZER = new Set(['REQUEST', 'CANCEL', 'ADD', 'DECLINECOUNTER', 'PUBLISH']);
const FROM_ATTENDEE = new Set(['REPLY', 'COUNTER', 'REFRESH']);

/** Processes a delivery status notification whose returned message is the iTIP text in `incoming`. */
export function processDeliveryReport(
  incoming: IncomingItip,
  report: DeliveryReport,
  lookup: StoredLookup,
  ctx: EngineContext,
): EngineResult {
  const base = {
    uid: null,
    recurrenceId: null,
    sequence: null,
    kind: 'not-scheduling' as const,
    store: null,
    outgoing: [],
    pending: null,
    obsoletes: [],
    warnings: [],
  } as const;
  const parsed = parseItip(incoming.ics, incoming.headerMethod);
  if (!parsed.ok)
    return {
      ...base,
      method: null,
      outcome: 'ignored',
      reason: { key: 'reason.bounce.unreadable', params: { code: parsed.error.code } },
    };
  const msg = parsed.value;
  const head = {
    ...base,
    method: msg.method,
    uid: msg.uid || null,
    outcome: 'ignored',
  } as const satisfies Partial<IgnoredResult>;
  const method = msg.method;
  const failed = failedRecipients(report);
  if (failed.length === 0) {
    const delayed = report.recipients.filter((r) => r.action === 'delayed').map((r) => r.recipient);
    if (delayed.length)
      return { ...head, reason: { key: 'reason.bounce.delayed', params: { method, recipients: delayed.join(', ') } } };
    return { ...head, reason: { key: 'reason.bounce.noFailure', params: { method } } };
  }
  const failures = failed.map(describe).join('; ');
  const first = msg.components[0];
  const title = (first ? textValue(first, 'summary') : null) ?? null;

  const sentByMe = FROM_ORGANIZER.has(msg.method)
    ? msg.components.some((c) => isMe(organizerAddressOf(c), ctx.me))
    : FROM_ATTENDEE.has(msg.method) &&
      msg.components.some((c) => attendeeProps(c).some((a) => isMe(propAddress(a), ctx.me)));
  if (!sentByMe) {
    return { ...head, reason: { key: 'reason.bounce.notMine', params: { method, failures } } };
  }

  return noteUndelivered(head, title, failed, msg.componentType === 'vevent' ? lookup(msg.uid) : null, ctx.me);
}

/**
 * Recipients my own SMTP server refused (RFC 5321 §4.2.2 / §3.3: 5yz to RCPT TO or to the message) while it took
 * the message from me: the outbox knows the method and UID it sent, so there is nothing to parse and nothing to
 * verify (the mail is mine by construction). Noted on the event exactly like a bounce.
 */
export function processRefusal(
  sent: { readonly method: string; readonly uid: string },
  report: DeliveryReport,
  lookup: StoredLookup,
  ctx: EngineContext,
): EngineResult {
  const method = sent.method.toUpperCase();
  const head = {
    uid: sent.uid || null,
    recurrenceId: null,
    sequence: null,
    kind: 'not-scheduling' as const,
    store: null,
    outgoing: [],
    pending: null,
    obsoletes: [],
    warnings: [],
    method,
    outcome: 'ignored',
  } as const satisfies Partial<IgnoredResult>;
  const failed = failedRecipients(report);
  if (failed.length === 0) return { ...head, reason: { key: 'reason.bounce.refusalNoRecipient', params: { method } } };
  return noteUndelivered(head, null, failed, sent.uid ? lookup(sent.uid) : null, ctx.me);
}

type ResultHead = Omit<IgnoredResult, 'reason' | 'method'> & { readonly method: string };

/** SCHEDULE-STATUS=5.1 on each failed recipient the stored event names (attendees, or the organizer for an answer). */
function noteUndelivered(
  head: ResultHead,
  title: string | null,
  failed: readonly DeliveryStatusEntry[],
  stored: Comp | null,
  me: EngineContext['me'],
): EngineResult {
  const method = head.method;
  const failures = failed.map(describe).join('; ');
  const named = title ?? (stored ? eventTitle(stored) : null);
  const about = { method, titled: named ? 'yes' : 'no', summary: named ?? '', failures };
  if (!stored || !head.uid) return { ...head, reason: { key: 'reason.bounce.noEvent', params: about } };
  const uid = head.uid;

  const work = cloneComponent(stored);
  const undelivered = new Set(failed.map((f) => f.recipient));
  const marked = new Set<string>();
  for (const c of eventsOf(work)) {
    if (FROM_ORGANIZER.has(method)) {
      if (!isMe(organizerAddressOf(c), me)) continue;
      for (const a of attendeeProps(c)) {
        const address = propAddress(a);
        if (!undelivered.has(address)) continue;
        a.setParameter('schedule-status', UNDELIVERED);
        marked.add(address);
      }
    } else {
      const org = organizerProp(c);
      const address = org ? propAddress(org) : '';
      if (!org || !undelivered.has(address)) continue;
      org.setParameter('schedule-status', UNDELIVERED);
      marked.add(address);
    }
  }
  if (marked.size === 0) {
    return {
      ...head,
      reason: {
        key: 'reason.bounce.nobodyMarked',
        params: { ...about, role: FROM_ORGANIZER.has(method) ? 'attendee' : 'organizer' },
      },
    };
  }
  const reason = FROM_ORGANIZER.has(method)
    ? ({
        key: 'reason.bounce.attendeesMarked',
        params: { ...about, marked: [...marked].join(', '), count: marked.size },
      } as const)
    : ({ key: 'reason.bounce.organizerMarked', params: about } as const);
  return { ...head, outcome: 'applied', reason, store: putCalendar(uid, work) };
}

function organizerAddressOf(c: Comp): string | null {
  const p = organizerProp(c);
  return p ? propAddress(p) : null;
}

function eventTitle(stored: Comp): string | null {
  for (const c of eventsOf(stored)) {
    const t = textValue(c, 'summary');
    if (t) return t;
  }
  return null;
}

function describe(f: DeliveryStatusEntry): string {
  const why = f.diagnostic ?? f.status;
  return why ? `${f.recipient}: ${why}` : f.recipient;
}
