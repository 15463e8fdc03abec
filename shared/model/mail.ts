/**
 * Plain-data description of a received mail, as far as scheduling cares. The MIME reader (electron/mail) fills
 * it; the detector and the engine read it. No library objects cross this line.
 */
export interface MailAddress {
  readonly address: string;
  readonly name?: string;
}

/** One iCalendar body found in a mail: a `text/calendar` part, an `application/ics` part or an `.ics` attachment. */
export interface CalendarPart {
  /** Lower-case MIME type as written, e.g. `text/calendar`, `application/ics`, `application/octet-stream`. */
  readonly contentType: string;
  /** The `method=` Content-Type parameter as written (any case), or null when absent. */
  readonly method: string | null;
  /** File name from Content-Disposition/Content-Type `name`, or null. */
  readonly filename: string | null;
  /** The `charset=` parameter as written, or null. */
  readonly charset: string | null;
  /** True when the part is an attachment (Content-Disposition: attachment), false when inline/alternative. */
  readonly isAttachment: boolean;
  /** The body decoded to text with its own charset (UTF-8 when none is given). */
  readonly text: string;
}

export interface IncomingMail {
  readonly messageId: string | null;
  readonly from: MailAddress | null;
  readonly sender: MailAddress | null;
  readonly replyTo: readonly MailAddress[];
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly subject: string;
  /** The Date header as ISO 8601, or null when missing/unreadable. */
  readonly date: string | null;
  /** Every `Authentication-Results` header value, raw, newest (topmost) first. */
  readonly authenticationResults: readonly string[];
  /** Calendar bodies in document order. */
  readonly calendarParts: readonly CalendarPart[];
  /** The plain-text body, if any (shown as plain text only, never HTML). */
  readonly textBody: string | null;
  /**
   * The mail's own text/html body as the sender wrote it (Outlook and Google put the invitation's formatted text
   * there), at most MAX_MAIL_HTML_CHARS; null when absent or larger. Unsanitized: shown only through a sanitizer.
   */
  readonly htmlBody?: string | null;
  /**
   * Set when the mail is a delivery status notification (RFC 3464: a bounce or delay warning from a mail system)
   * that carries the report: its calendar parts are then those of the returned message, one the user sent.
   */
  readonly deliveryReport?: DeliveryReport | null;
}

/** One recipient's block of a delivery status notification (RFC 3464 §2.3). */
export interface DeliveryStatusEntry {
  /** The recipient's bare address, lower-case (from Final-Recipient, else Original-Recipient). */
  readonly recipient: string;
  /** `failed`, `delayed`, `delivered`, `relayed` or `expanded` (lower-case, as written otherwise). */
  readonly action: string;
  /** The status code, e.g. `5.1.1`, or null. */
  readonly status: string | null;
  /** The remote server's answer (Diagnostic-Code without its type), or null. */
  readonly diagnostic: string | null;
}

export interface DeliveryReport {
  readonly recipients: readonly DeliveryStatusEntry[];
}

/** Where a message was received and when: what the time frame and the exactly-once bookkeeping need. */
export interface MailEnvelope {
  readonly messageId: string | null;
  readonly from: MailAddress | null;
  readonly sender: MailAddress | null;
  readonly replyTo: readonly MailAddress[];
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly subject: string;
  /** Received date (IMAP INTERNALDATE; for a file, its Date header) in epoch milliseconds, or null if unknown. */
  readonly receivedAt: number | null;
  readonly authenticationResults: readonly string[];
}

/** The longest HTML body kept for showing beside a decision; a larger one is left out (the event's text remains). */
export const MAX_MAIL_HTML_CHARS = 256 * 1024;
