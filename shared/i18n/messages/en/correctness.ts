/**
 * Reasons and warnings of the scheduling engine's correctness rules: sender authentication (RFC 8601
 * Authentication-Results from the person's own receiving server), old messages left to the person, free/busy
 * replies, calendars that carry several events.
 */
export const correctness = {
  'warning.senderUnauthenticated':
    'Your mail server could not confirm that this message comes from {sender} (no DMARC pass); it is not applied without you.',
} as const;
