/**
 * The error codes the mail adapter returns, in one table, with the sentence a person sees. Errors are data
 * (shared/util/result.ts): a broken mail is an input we report, never an exception that crosses a layer.
 */
import type { AppError } from '../../shared/util/result.js';

export const MAIL_ERRORS = {
  MAIL_EMPTY: 'The mail is empty.',
  MAIL_TOO_LARGE: 'The mail is larger than the reader accepts',
  MAIL_NOT_RFC5322:
    'This is not a mail message: it has no From, To, Date, Subject, Message-ID, Content-Type or Received header.',
  MAIL_HEADER_TOO_LARGE: 'A header field of the mail is longer than the reader accepts',
  MAIL_UNPARSEABLE: 'The mail cannot be parsed',
  CALENDAR_TOO_LARGE: 'The calendar data in this mail is larger than the companion accepts',
  CALENDAR_TRUNCATED:
    'The calendar data in this mail is cut off before END:VCALENDAR (a truncated download or base64 body)',
} as const;

export type MailErrorCode = keyof typeof MAIL_ERRORS;

/** Builds an AppError from the table, with an optional detail appended to the standard sentence. */
export function mailError(code: MailErrorCode, detail?: string): AppError {
  const base = MAIL_ERRORS[code];
  if (!detail) return { code, message: base };
  return { code, message: `${base.replace(/\.$/, '')}: ${detail}` };
}
