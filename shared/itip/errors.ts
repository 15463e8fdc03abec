/**
 * Error codes the engine reports for bad input. One table, so every adapter and the UI can map a code to a
 * message without parsing text (nodemailer lib/errors.js style).
 */
export const ITIP_ERRORS = {
  ITIP_TOO_LARGE: 'The calendar data is larger than the companion accepts.',
  ITIP_PARSE: 'The calendar data is not valid iCalendar.',
  ITIP_NOT_CALENDAR: 'The calendar data does not contain a VCALENDAR object.',
  ITIP_NO_METHOD: 'The calendar data has no METHOD, so it is not a scheduling message.',
  ITIP_UNKNOWN_METHOD: 'The METHOD is not one RFC 5546 defines.',
  ITIP_NO_COMPONENT: 'The scheduling message contains no event.',
  ITIP_NO_UID: 'An event in the scheduling message has no UID.',
  ITIP_MIXED_UID: 'The scheduling message mixes events with different UIDs.',
  ITIP_NO_DTSTART: 'An event in the scheduling message has no valid DTSTART.',
  ITIP_BAD_VALUE: 'A property in the scheduling message has an unreadable value.',
  ITIP_NO_ATTENDEE: 'The message names no attendee to act for.',
} as const;

export type ItipErrorCode = keyof typeof ITIP_ERRORS;

export interface ItipError {
  readonly code: ItipErrorCode;
  readonly message: string;
}

export function itipError(code: ItipErrorCode, detail?: string): ItipError {
  return { code, message: detail ? `${ITIP_ERRORS[code]} ${detail}` : ITIP_ERRORS[code] };
}
