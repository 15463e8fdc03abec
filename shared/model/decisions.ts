/**
 * What the engine says about one message, and the decisions that wait for a person. Shared by the CLI,
 * the orchestrator and (later) the renderer: plain data, ISO strings, no ical.js objects.
 */
import type { Message } from '../i18n/index.js';
import type { CHOICES, MESSAGE_KINDS, OUTCOMES, POLICIES } from './domain.js';

export type MessageKind = (typeof MESSAGE_KINDS)[number];

export type Outcome = (typeof OUTCOMES)[number];

export type Policy = (typeof POLICIES)[number];

export type Choice = (typeof CHOICES)[number];

export type PartStat = 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE' | 'DELEGATED';

/** A plain-data view of one event (or instance) for cards and listings. */
export interface EventView {
  readonly uid: string;
  readonly recurrenceId: string | null;
  readonly summary: string;
  /** ISO 8601 with offset, or YYYY-MM-DD for all-day. */
  readonly start: string | null;
  readonly end: string | null;
  readonly allDay: boolean;
  /** The TZID the event is written in, or null for UTC/floating/all-day. */
  readonly timezone: string | null;
  readonly location: string | null;
  readonly description: string | null;
  readonly status: string | null;
  readonly sequence: number;
  /** `undelivered`: my last answer to the organizer bounced (SCHEDULE-STATUS 5.x on ORGANIZER, RFC 6638 §7.3). */
  readonly organizer: { readonly address: string; readonly name: string | null; readonly undelivered?: boolean } | null;
  /** `undelivered`: my last message to this attendee bounced (SCHEDULE-STATUS 5.x). */
  readonly attendees: readonly {
    readonly address: string;
    readonly name: string | null;
    readonly partstat: string;
    readonly role: string | null;
    readonly undelivered?: boolean;
  }[];
  readonly recurring: boolean;
  /** The RRULE value text (RFC 5545 §3.8.5.3) of a recurring master, e.g. "FREQ=WEEKLY;COUNT=8;BYDAY=MO". */
  readonly rrule?: string | null;
  /** The HTML description (X-ALT-DESC;FMTTYPE=text/html), unsanitized: render only through a sanitizer. */
  readonly htmlDescription?: string | null;
  /** The https link that joins the online meeting (CONFERENCE, vendor properties or a meeting URL in the text). */
  readonly joinUrl?: string | null;
}

/** One occurrence's time and place. */
export interface OccurrenceState {
  /** ISO 8601 with offset, or YYYY-MM-DD for all-day. */
  readonly start: string;
  readonly end: string;
  readonly location: string | null;
}

export interface OccurrenceChange {
  /** The occurrence's original start (its RECURRENCE-ID) as ISO 8601, or YYYY-MM-DD for all-day. */
  readonly recurrenceId: string;
  readonly allDay: boolean;
  /** As it is in my calendar (or as the rule makes it); null when it was not there. */
  readonly before: OccurrenceState | null;
  /** As the message makes it; null when the message cancels or removes it. */
  readonly after: OccurrenceState | null;
}

/** A decision waiting for a person. */
export interface PendingDecision {
  readonly id: string;
  readonly kind: MessageKind;
  readonly uid: string;
  readonly recurrenceId: string | null;
  /**
   * For a message of instances without their series (a "naked" recurrence, RFC 5546 §4.4): the ISO instants of every
   * instance it covers. Absent when it covers the whole event (or in decisions written before this field).
   */
  readonly instances?: readonly string[];
  readonly summary: string;
  readonly choices: readonly Choice[];
  /** Why it needs a person: a catalogue message, rendered in the reader's language at the edge. */
  readonly reason: Message;
  /** Sender could not be verified, DMARC failed, etc. Shown prominently. */
  readonly warnings: readonly Message[];
  readonly createdAt: string;
  /** Who sent it (the mail's From). */
  readonly from: string | null;
  /** My address this concerns (the invited identity, or the organizer identity). */
  readonly identity: string | null;
  /** The event as proposed by the message. */
  readonly proposed: EventView | null;
  /** The event as currently stored, when there is one (for old → new). */
  readonly current: EventView | null;
  /** The original iTIP text and envelope, so the decision is re-evaluated against the store when made. */
  readonly message: { readonly ics: string; readonly envelope: import('./mail.js').MailEnvelope };
  /** Replier address for party crashers and counters. */
  readonly attendee: string | null;
  readonly comment: string | null;
  /**
   * Received longer ago than the time frame: offered to the person, never applied automatically (a message seen
   * late — an old mailbox, a mail client that was closed — stays actionable, as Open-Xchange leaves it from the mail).
   */
  readonly old?: boolean;
  /** The mail this decision came from, when it came from a mailbox (the agent marks it once decided). */
  readonly source?: MessageSource | null;
  /**
   * The HTML body of the mail the message came in (Outlook and Google write the invitation's formatted text there),
   * unsanitized: render only through a sanitizer. Absent for a message read without its mail.
   */
  readonly mailHtml?: string | null;
  /**
   * The single meetings of a series the message changes, against my calendar as it was when the message came
   * (before a provisional copy replaced it). Absent in decisions written before this field.
   */
  readonly changedOccurrences?: readonly OccurrenceChange[];
}

/** Where a message lives on the IMAP server: enough to set its keywords later. */
export interface MessageSource {
  readonly mailbox: string;
  readonly uidValidity: string;
  readonly uid: number;
}

/** A decision as the engine proposes it; the pending store gives it an id and a creation time. */
export type PendingDraft = Omit<PendingDecision, 'id' | 'createdAt'>;
