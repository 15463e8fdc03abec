/**
 * The engine's inputs and outputs. Everything the engine needs is an argument (the user's addresses, the policy,
 * the clock, who is known); everything it wants done is in the result (what to store, what to send, what to ask).
 */
import type ICAL from 'ical.js';
import type { MailEnvelope } from '../model/mail.js';
import type { MessageKind, Outcome, PendingDraft, Policy } from '../model/decisions.js';
import type { OutgoingItip } from '../model/outgoing.js';

export interface BusyPeriod {
  readonly startMs: number;
  readonly endMs: number;
  /** RFC 5545 FBTYPE: BUSY, BUSY-TENTATIVE or BUSY-UNAVAILABLE. */
  readonly type: 'BUSY' | 'BUSY-TENTATIVE' | 'BUSY-UNAVAILABLE';
}

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
  /** The version of a cancellation received for an event the calendar never had (see `Tombstone`). */
  cancelledVersion?(uid: string): Tombstone | null;
}

/**
 * A cancellation that arrived before (or without) its invitation. Mail is not delivered in order; remembering the
 * CANCEL keeps a late REQUEST of the same or an older version from appearing as a live invitation.
 */
export interface Tombstone {
  readonly sequence: number;
  /** DTSTAMP, epoch ms. */
  readonly dtstamp: number;
}

export type StoreChange =
  | { readonly type: 'put'; readonly uid: string; readonly calendar: ICAL.Component }
  | { readonly type: 'delete'; readonly uid: string };

/** Open decisions made obsolete by this result (e.g. an invitation that was since cancelled). */
export interface ObsoletePending {
  readonly uid: string;
  /** null: the whole event; otherwise that instance only. */
  readonly recurrenceId: string | null;
  readonly kinds: readonly MessageKind[];
  readonly attendee?: string;
}

export interface EngineResult {
  readonly method: string | null;
  readonly uid: string | null;
  readonly recurrenceId: string | null;
  readonly sequence: number | null;
  readonly kind: MessageKind;
  readonly outcome: Outcome;
  /** Why, as a sentence a person understands. */
  readonly reason: string;
  readonly store: StoreChange | null;
  readonly outgoing: readonly OutgoingItip[];
  readonly pending: PendingDraft | null;
  readonly obsoletes: readonly ObsoletePending[];
  readonly warnings: readonly string[];
  /** Error code for invalid input (outcome 'error'). */
  readonly errorCode?: string;
  /** A cancellation for an unknown event, to remember (see `Tombstone`). */
  readonly tombstone?: { readonly uid: string } & Tombstone;
}

export interface IncomingItip {
  /** The iCalendar text of the scheduling message. */
  readonly ics: string;
  /** The MIME `method=` parameter, when the mail had one. */
  readonly headerMethod: string | null;
  readonly envelope: MailEnvelope;
}
