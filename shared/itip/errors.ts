/**
 * Error codes the engine reports for bad input and impossible requests. One table, code → catalogue key, so every
 * adapter and the UI can map a code to words in the reader's language without parsing text (nodemailer
 * lib/errors.js style).
 */
import type { Message, MessageKey } from '../i18n/index.js';

export const ITIP_ERRORS = {
  ITIP_TOO_LARGE: 'reason.error.tooLarge',
  ITIP_PARSE: 'reason.error.parse',
  ITIP_NOT_CALENDAR: 'reason.error.notCalendar',
  ITIP_NO_METHOD: 'reason.error.noMethod',
  ITIP_UNKNOWN_METHOD: 'reason.error.unknownMethod',
  ITIP_UNSUPPORTED: 'reason.error.unsupported',
  ITIP_NO_COMPONENT: 'reason.error.noComponent',
  ITIP_NO_UID: 'reason.error.noUid',
  ITIP_MIXED_UID: 'reason.error.mixedUid',
  ITIP_NO_DTSTART: 'reason.error.noDtstart',
  ITIP_BAD_VALUE: 'reason.error.badValue',
  ITIP_BAD_UID: 'reason.error.badUid',
  ITIP_NO_ATTENDEE: 'reason.error.noAttendee',
  ITIP_BAD_CHOICE: 'reason.error.badChoice',
  ITIP_NO_EVENT: 'reason.error.noEvent',
  ITIP_I_ORGANIZE: 'reason.error.iOrganize',
  ITIP_NOT_ATTENDEE: 'reason.error.notAttendee',
  ITIP_NO_INSTANCE: 'reason.error.noInstance',
  ITIP_NOT_ORGANIZER: 'reason.error.notOrganizer',
} as const satisfies Record<string, MessageKey>;

export type ItipErrorCode = keyof typeof ITIP_ERRORS;

/** An error as data: its code and the message that explains it (the table's key with the case's details). */
export interface ItipError {
  readonly code: ItipErrorCode;
  readonly message: Message;
}

export function itipError(code: ItipErrorCode, params?: Message['params']): ItipError {
  return { code, message: params ? { key: ITIP_ERRORS[code], params } : { key: ITIP_ERRORS[code] } };
}
