/**
 * Who is who in a message: the originator per method (RFC 5546 §1.4 roles), my own identity among the attendees
 * (all my addresses count, nextcloud/server#40891), and whether the mail's sender is entitled to speak for the
 * originator (From/Sender vs ORGANIZER/ATTENDEE and their SENT-BY; DMARC).
 */
import type { Message } from '../i18n/index.js';
import { normalizeAddress } from '../util/address.js';
import type { MailEnvelope } from '../model/mail.js';
import type { ItipMessage } from './message.js';
import { senderAuthentication } from './senderTrust.js';
import { isMyAddress } from './replyToken.js';
import {
  addressListParam,
  attendeeProps,
  cloneComponent,
  eventsOf,
  findAttendee,
  organizerProp,
  param,
  propAddress,
  propRecipient,
  type Comp,
  type Prop,
} from './components.js';

export interface Originator {
  readonly address: string;
  readonly sentBy: string | null;
  readonly name: string | null;
}

export function originatorOfProp(p: Prop | null): Originator | null {
  if (!p) return null;
  const address = propAddress(p);
  if (!address) return null;
  const sb = param(p, 'sent-by');
  return { address, sentBy: sb ? normalizeAddress(sb) : null, name: param(p, 'cn') };
}

export function organizerOf(components: readonly Comp[]): Originator | null {
  for (const c of components) {
    const o = originatorOfProp(organizerProp(c));
    if (o) return o;
  }
  return null;
}

/**
 * The replying attendee of a REPLY/COUNTER/REFRESH: the single ATTENDEE; when a client sent several
 * (djcb/mu#1403), the one the mail comes from; when delegating, the one with PARTSTAT=DELEGATED.
 */
export function replierOf(components: readonly Comp[], envelope: MailEnvelope): Prop | null {
  const all = components.flatMap((c) => attendeeProps(c));
  if (all.length === 0) return null;
  const senders = senderAddresses(envelope);
  const bySender = all.find(
    (p) => senders.includes(propAddress(p)) || senders.includes(normalizeAddress(param(p, 'sent-by'))),
  );
  if (bySender) return bySender;
  const distinct = new Set(all.map(propAddress));
  if (distinct.size === 1) return all[0] ?? null;
  const delegating = all.find((p) => (param(p, 'partstat') ?? '').toUpperCase() === 'DELEGATED');
  if (delegating) return delegating;
  // Several attendees and none matches the sender: the one that is not merely a delegate echo.
  return all.find((p) => addressListParam(p, 'delegated-from').length === 0) ?? all[0] ?? null;
}

export function senderAddresses(envelope: MailEnvelope): string[] {
  const out: string[] = [];
  for (const a of [envelope.from, envelope.sender]) {
    const n = normalizeAddress(a?.address);
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

export interface Verification {
  readonly verified: boolean;
  /** What failed (`warning.*`); empty when verified. */
  readonly warnings: readonly Message[];
}

/**
 * The mail must come from the originator or from whoever the originator names in SENT-BY (RFC 5546 §2.1.4 acting
 * on behalf), and the person's own receiving server must not have reported a DMARC failure (RFC 8601
 * Authentication-Results; the envelope holds only that server's headers, see senderTrust.ts).
 * `alsoAllowed` admits other senders for specific flows (the delegator forwarding a REQUEST to a delegate).
 */
export function verifySender(
  originator: Originator | null,
  envelope: MailEnvelope,
  alsoAllowed: readonly string[] = [],
): Verification {
  const warnings: Message[] = [];
  const senders = senderAddresses(envelope);
  // The engine hands analyzers an envelope holding only the person's own server's headers (senderTrust.ts).
  if (senderAuthentication(envelope.authenticationResults) === 'fail') {
    warnings.push({ key: 'warning.dmarcFailed' });
  }
  if (!originator) {
    warnings.push({ key: 'warning.noOriginator' });
  } else if (senders.length === 0) {
    warnings.push({ key: 'warning.noFrom', params: { originator: originator.address } });
  } else {
    const allowed = [
      originator.address,
      ...(originator.sentBy ? [originator.sentBy] : []),
      ...alsoAllowed.map(normalizeAddress),
    ];
    if (!senders.some((s) => allowed.includes(s))) {
      const params = { senders: senders.join(' / '), originator: originator.address };
      warnings.push(
        originator.sentBy
          ? { key: 'warning.notFromOriginatorOrSentBy', params: { ...params, sentBy: originator.sentBy } }
          : { key: 'warning.notFromOriginator', params },
      );
    }
  }
  return { verified: warnings.length === 0, warnings };
}

/** My address among the attendees of these components, or null. */
export function myAttendee(
  components: readonly Comp[],
  me: readonly string[],
): { prop: Prop; address: string; component: Comp } | null {
  for (const c of components) {
    for (const p of attendeeProps(c)) {
      const a = propAddress(p);
      if (isMyAddress(a, me)) return { prop: p, address: a, component: c };
      const r = propRecipient(p);
      if (r !== a && isMyAddress(r, me)) return { prop: p, address: r, component: c };
    }
  }
  return null;
}

/** Whether the address is mine; `me+anything@example.com` is me too (RFC 5233, see replyToken.ts). */
export function isMe(address: string | null | undefined, me: readonly string[]): boolean {
  return isMyAddress(address, me);
}

/**
 * A REQUEST or PUBLISH naming another organizer than the stored event (RFC 5546 §4.2.11 replacing the organizer;
 * Google moving an event between calendars, cyrus-imapd#3965; or an attendee taking the event over) is never
 * applied automatically.
 */
export function organizerChange(v: Verification, stored: Comp | null, organizer: Originator | null): Verification {
  const before = stored ? organizerOf(eventsOf(stored)) : null;
  if (!before || !organizer || before.address === organizer.address) return v;
  return {
    verified: false,
    warnings: [
      ...v.warnings,
      { key: 'warning.organizerChanged', params: { before: before.address, after: organizer.address } },
    ],
  };
}

/**
 * Outlook.com answers from a per-account alias (`outlook_<hex>@outlook.com`) in ATTENDEE while the mail's From is
 * the address that was invited. When the message's one replying attendee answers (PARTSTAT other than
 * NEEDS-ACTION) but is not on the event (nor a delegate of anyone), the mail comes from an invited attendee who has
 * not delegated their place (a delegate answers for themselves), and the person's own server reported no DMARC
 * failure for it, the answer is that attendee's: the message is read with the From address in ATTENDEE, and a
 * warning names both. Null when the message is not such a reply. Accepting a forged From here gives no more than a
 * forged From with the invited address in ATTENDEE would.
 */
export function underInvitedSender(msg: ItipMessage, stored: Comp, envelope: MailEnvelope): ItipMessage | null {
  const all = msg.components.flatMap((c) => attendeeProps(c));
  const alias = all[0] ? propAddress(all[0]) : '';
  if (!alias || all.some((p) => propAddress(p) !== alias)) return null;
  // A delegate's echo is no alias, and an attendee without an answer is Exchange's forward notification (the
  // forwarder's mail naming the new invitee), which asks whether to invite them.
  if (all.some((p) => addressListParam(p, 'delegated-from').length > 0)) return null;
  if (all.some((p) => ['NEEDS-ACTION', ''].includes((param(p, 'partstat') ?? '').toUpperCase()))) return null;
  const events = eventsOf(stored);
  const knownAlias = events.some(
    (e) =>
      !!findAttendee(e, alias) || attendeeProps(e).some((a) => addressListParam(a, 'delegated-to').includes(alias)),
  );
  const from = normalizeAddress(envelope.from?.address);
  if (knownAlias || !from || senderAuthentication(envelope.authenticationResults) === 'fail') return null;
  const invited = events.map((e) => findAttendee(e, from)).filter((a): a is Prop => !!a);
  if (invited.length === 0 || invited.some((a) => (param(a, 'partstat') ?? '').toUpperCase() === 'DELEGATED'))
    return null;
  const components = msg.components.map((c) => {
    const copy = cloneComponent(c);
    for (const a of attendeeProps(copy)) {
      a.setValue(`mailto:${from}`);
      a.removeParameter('email');
    }
    return copy;
  });
  const note: Message = { key: 'warning.replyAlias', params: { alias, attendee: from } };
  return { ...msg, components, notes: [...msg.notes, note] };
}
