/**
 * An outgoing iTIP message as plain data: who sends it to whom and the iCalendar text. The mail adapter turns it
 * into an iMIP mail (RFC 6047); the engine never builds MIME. One OutgoingItip is one recipient.
 */
import type { MailAddress } from './mail.js';

export type ItipMethod = 'PUBLISH' | 'REQUEST' | 'REPLY' | 'ADD' | 'CANCEL' | 'REFRESH' | 'COUNTER' | 'DECLINECOUNTER';

export interface OutgoingItip {
  readonly method: ItipMethod;
  /** The identity that sends it: the address that was invited (for a REPLY) or the organizer (for a REQUEST). */
  readonly from: MailAddress;
  readonly to: MailAddress;
  readonly subject: string;
  /** A short plain-text explanation for the text/plain and text/html alternatives. */
  readonly text: string;
  /** Complete VCALENDAR with METHOD, every VTIMEZONE it references, CRLF line endings, folded. */
  readonly ics: string;
  readonly uid: string;
  readonly recurrenceId: string | null;
  readonly sequence: number;
}
