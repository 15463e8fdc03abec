/** Reasons for REQUESTs that name me as organizer but come from someone else (shared/itip/methods/lookalike.ts). */
export const lookalike = {
  'reason.lookalike.unknownEvent':
    '{sender} sent an invitation that names you as organizer of "{summary}", which is not in your calendar. Nothing was stored.',
  'reason.lookalike.notFromMe':
    '{sender} sent a copy of your event "{summary}" that changes nothing you can take over; your organizer copy is kept.',
  'reason.lookalike.forwarded':
    '{sender} forwarded your event "{summary}" to {who}. Approve to add them and send them your invitation, or ignore it.',
  'reason.lookalike.forwardAdded': 'Added {who} to "{summary}"; your invitation was sent to them.',
  'reason.lookalike.forwardIgnored': 'Ignored the forward; {who} were not added.',
} as const;
