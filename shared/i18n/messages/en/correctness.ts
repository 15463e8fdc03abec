/**
 * Reasons and warnings of the scheduling engine's correctness rules: sender authentication (RFC 8601
 * Authentication-Results from the person's own receiving server), old messages left to the person, free/busy
 * replies, calendars that carry several events.
 */
export const correctness = {
  'reason.freebusy.replyReceived':
    '{who} sent their busy times ({count, plural, one {# period} other {# periods}}, {from} to {to}) in answer to your free/busy request; free/busy answers are not stored.',
  'reason.freebusy.replyNotMine': 'A free/busy answer to a request you did not send; nothing was stored.',
  'reason.old':
    'Received {age} ago, outside the {timeframe} time frame, so nothing was changed automatically. {person, select, yes {You can still answer it.} other {You can still apply it or ignore it.}}',
  'warning.senderUnauthenticated':
    'Your mail server could not confirm that this message comes from {sender} (no DMARC pass); it is not applied without you.',
} as const;
