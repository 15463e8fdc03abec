/**
 * An outgoing iTIP message as plain data: who sends it to whom, the iCalendar text, and the words of the mail as
 * catalogue messages. The engine returns it; the edge that writes the outbox renders the words in the person's
 * language (`renderItipMail`) and the mail adapter turns the result into an iMIP mail (RFC 6047); the engine never
 * builds MIME or words a sentence. One OutgoingItip is one recipient.
 */
import type { Message, Translator } from '../i18n/index.js';
import type { MailAddress } from './mail.js';

export type ItipMethod = 'PUBLISH' | 'REQUEST' | 'REPLY' | 'ADD' | 'CANCEL' | 'REFRESH' | 'COUNTER' | 'DECLINECOUNTER';

/** An iTIP message with its words rendered: what the mail adapter composes. */
export interface ItipMail {
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

/**
 * What the engine returns. A `summary` parameter that is null or absent names an event without a title
 * (`outgoing.untitled`).
 */
export interface OutgoingItip extends Omit<ItipMail, 'subject' | 'text'> {
  /** The Subject: a catalogue message (`outgoing.*`). */
  readonly subject: Message;
  /** The paragraphs of the text part, each a catalogue message; rendered, they are joined by a blank line. */
  readonly text: readonly Message[];
}

/** The paragraph that carries a person's comment (RFC 5545 COMMENT) under the message's own sentence. */
export function commentParagraph(comment: string | null | undefined): Message[] {
  return comment ? [{ key: 'outgoing.comment', params: { comment } }] : [];
}

/** The mail's words in `words`' language: Subject and text part. */
export function renderItipMail(msg: OutgoingItip, words: Translator): ItipMail {
  const render = (m: Message): string =>
    m.params && 'summary' in m.params && (m.params.summary === null || m.params.summary === undefined)
      ? words.render({ ...m, params: { ...m.params, summary: words.t('outgoing.untitled') } })
      : words.render(m);
  return { ...msg, subject: render(msg.subject), text: msg.text.map(render).join('\n\n') };
}
