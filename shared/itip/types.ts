/**
 * The engine's inputs and outputs. Everything the engine needs is an argument (the user's addresses, the policy,
 * the clock, who is known); everything it wants done is in the result (what to store, what to send, what to ask).
 */
import type { Message } from '../i18n/index.js';
import type { MailEnvelope } from '../model/mail.js';
import type { MessageKind, PendingDecision, PendingDraft, Policy } from '../model/decisions.js';
import type { ItipErrorCode } from './errors.js';
import type { OutgoingItip } from '../model/outgoing.js';
import type { Tombstone } from '../model/tombstone.js';

/** See `EngineContext.unverifiedSenders`. */
export type UnverifiedSenders = 'apply' | 'hold';

export interface BusyPeriod {
  readonly startMs: number;
  readonly endMs: number;
  /** RFC 5545 FBTYPE: BUSY, BUSY-TENTATIVE or BUSY-UNAVAILABLE. */
  readonly type: 'BUSY' | 'BUSY-TENTATIVE' | 'BUSY-UNAVAILABLE';
}

/** What the engine reads of an open decision: what it asks and about which instances (see obsolete.ts). */
export type OpenDecision = Pick<PendingDecision, 'kind' | 'recurrenceId' | 'instances'>;

export interface EngineContext {
  /** My addresses, normalised (lower case, no mailto:). */
  readonly me: readonly string[];
  /** The current time, epoch ms. Used for DTSTAMP of outgoing messages and the time frame. */
  readonly now: number;
  readonly policy: Policy;
  /** Messages received longer ago than this are not processed automatically. */
  readonly timeframeMs: number;
  /** True when the address appears in any stored event or in the contacts. */
  isKnownAddress(address: string): boolean;
  /** Busy time of my calendar, for free/busy replies. */
  busyPeriods?(startMs: number, endMs: number): readonly BusyPeriod[];
  /**
   * The authserv-id of the person's own receiving server (RFC 8601): only its Authentication-Results count. Absent:
   * the server that added the topmost header (see senderTrust.ts).
   */
  readonly authservId?: string | null;
  /**
   * What happens to a mail whose sender that server neither confirmed (DMARC pass) nor refuted (DMARC fail):
   * `apply` (the default) lets policy apply it like a confirmed one, `hold` makes it a decision. A failure is always
   * held. The default is `apply` because many receiving servers add no Authentication-Results at all (self-hosted
   * mail, files read from disk) and many domains publish no DMARC policy (`dmarc=none`): holding every such
   * message would turn each update into a question, while the `known` policy already requires a sender that is in
   * the calendar or the contacts.
   */
  readonly unverifiedSenders?: UnverifiedSenders;
  /**
   * Plus-address reply tokens (replyToken.ts): the per-installation secret when the person turned them on (the
   * ORGANIZER of events I create is then `me+token@…`); absent or null: off.
   */
  readonly replyTokenSecret?: string | null;
  /** The UID of my event whose ORGANIZER carries this reply token, or null (see replyMatch.ts). */
  eventByReplyToken?(token: string): string | null;
  /**
   * Which attendees get iMIP at all (globs like `*@example.com`, or `/regex/`; see organize/imipPatterns.ts): the
   * others stay on the event but are not mailed, as SCHEDULE-AGENT=NONE. Absent or empty: everyone.
   */
  readonly imipAddressPatterns?: readonly string[];
  /** The version of a cancellation received for an event the calendar never had (see `Tombstone`). */
  cancelledVersion?(uid: string): Tombstone | null;
  /**
   * The decisions about this UID still waiting for the person. A REQUEST whose very version the calendar already
   * holds unanswered asks for my answer only when none of them asks it already (methods/request.ts): processed
   * again after a crash, the message that opened a decision and stored its copy must not open another one.
   */
  openDecisions?(uid: string): readonly OpenDecision[];
  /**
   * Minutes before the start of the reminder written into my copy when I accept an event that has no alarm of its
   * own (defaultReminder.ts); null or absent: none.
   */
  readonly defaultReminderMinutes?: number | null;
  /**
   * My name as one of my addresses (Settings: the name of that address, else `displayName`): the CN of my ORGANIZER
   * and ATTENDEE in events I create as it; null, or absent: none.
   */
  readonly myNameFor?: (address: string) => string | null;
}

export type { Tombstone } from '../model/tombstone.js';

/**
 * What the engine asks the store to write: the new iCalendar text of the whole object (serialized once, by the
 * engine, without METHOD: a stored object is not an iTIP message, RFC 5546 §1.4), or its removal. Text, not a live
 * component, so nothing a caller does later can change what was decided.
 */
export type StoreChange =
  | { readonly type: 'put'; readonly uid: string; readonly ics: string }
  | { readonly type: 'delete'; readonly uid: string };

/** Open decisions made obsolete by this result (e.g. an invitation that was since cancelled). */
export interface ObsoletePending {
  readonly uid: string;
  /** null: the whole event (unless `instances` names them); otherwise that instance only. */
  readonly recurrenceId: string | null;
  /** Several instances without their series (ISO instants); see PendingDecision.instances. */
  readonly instances?: readonly string[];
  readonly kinds: readonly MessageKind[];
  readonly attendee?: string;
}

/** What every result says, whatever its outcome. */
interface ResultHead {
  /** The METHOD; null when the message could not be read that far (or for a decision that failed early). */
  readonly method: string | null;
  readonly uid: string | null;
  readonly recurrenceId: string | null;
  readonly sequence: number | null;
  readonly kind: MessageKind;
  /** Why, as a catalogue message (`reason.*`); rendered in the reader's language at the edge. */
  readonly reason: Message;
  /** Sender checks that failed and repairs made while reading (`warning.*`). */
  readonly warnings: readonly Message[];
  readonly obsoletes: readonly ObsoletePending[];
}

/** The change was made (or, for a decision, the person's choice was carried out). */
export interface AppliedResult extends ResultHead {
  readonly outcome: 'applied';
  readonly store: StoreChange | null;
  readonly outgoing: readonly OutgoingItip[];
  readonly pending: null;
  /** Attendees the change concerns who get no mail because the iMIP address patterns leave them out. */
  readonly notMailed?: readonly string[];
}

/** A person decides; `store` is the provisional copy policy allowed (an invitation kept as NEEDS-ACTION). */
export interface PendingResult extends ResultHead {
  readonly outcome: 'pending';
  readonly store: StoreChange | null;
  readonly outgoing: readonly [];
  readonly pending: PendingDraft;
}

/** Nothing changes: outdated, out of the time frame, not for me, dismissed, or not a message we schedule. */
export interface IgnoredResult extends ResultHead {
  readonly outcome: 'ignored';
  readonly store: StoreChange | null;
  readonly outgoing: readonly [];
  readonly pending: null;
  /** Why a message was not read as scheduling at all (`ITIP_NO_METHOD`, `ITIP_UNSUPPORTED`). */
  readonly errorCode?: ItipErrorCode;
  /** A cancellation for an unknown event, to remember (see `Tombstone`). */
  readonly tombstone?: { readonly uid: string } & Tombstone;
}

/** Bad input or an impossible request: nothing changes. */
export interface ErrorResult extends ResultHead {
  readonly outcome: 'error';
  readonly store: null;
  readonly outgoing: readonly [];
  readonly pending: null;
  readonly errorCode: ItipErrorCode;
}

export type EngineResult = AppliedResult | PendingResult | IgnoredResult | ErrorResult;

export interface IncomingItip {
  /** The iCalendar text of the scheduling message. */
  readonly ics: string;
  /** The MIME `method=` parameter, when the mail had one. */
  readonly headerMethod: string | null;
  readonly envelope: MailEnvelope;
}
