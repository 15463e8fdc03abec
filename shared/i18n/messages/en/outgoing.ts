/**
 * The words of outgoing iMIP mail (RFC 6047): each message's Subject and the paragraphs of its text part. The
 * engine returns these keys with data (shared/itip/outgoing.ts, organize/); the outbox writer renders them in the
 * person's language. `{summary}` is the event's title; an event without one is named with `outgoing.untitled`.
 */
export const outgoing = {
  'outgoing.untitled': 'Event',
  'outgoing.comment': 'Comment: {comment}',
  'outgoing.reply.subject':
    '{partstat, select, ACCEPTED {Accepted} DECLINED {Declined} TENTATIVE {Tentative} DELEGATED {Delegated} other {Reply}}: {summary}',
  'outgoing.reply.text':
    '{partstat, select, ACCEPTED {{me} has accepted "{summary}".} DECLINED {{me} has declined "{summary}".} TENTATIVE {{me} has tentatively accepted "{summary}".} DELEGATED {{me} has delegated "{summary}".} other {{me} has replied to "{summary}".}}',
  'outgoing.request.invitation': 'Invitation: {summary}',
  'outgoing.request.updatedInvitation': 'Updated invitation: {summary}',
  'outgoing.request.updated': 'Updated: {summary}',
  'outgoing.request.created': 'You are invited to "{summary}".',
  'outgoing.request.changed': '"{summary}" was changed.',
  'outgoing.request.added': 'You were added to "{summary}".',
  'outgoing.request.resent': 'The current version of "{summary}", as {who} asked.',
  'outgoing.request.counterAccepted': '"{summary}" was changed as {who} proposed.',
  'outgoing.request.endsBefore': '"{summary}" ends before {instance}: that and the following meetings are cancelled.',
  'outgoing.cancel.subject': 'Cancelled: {summary}',
  'outgoing.cancel.text': '"{summary}" was cancelled.',
  'outgoing.cancel.textOccurrence': '"{summary}" on {instance} was cancelled.',
  'outgoing.declineCounter.subject': 'Proposal declined: {summary}',
  'outgoing.declineCounter.text': 'The organizer declined your proposed change to "{summary}".',
  'outgoing.refresh.subject': 'Please resend: {summary}',
  'outgoing.refresh.text': 'Asking the organizer for the current version of this event.',
  'outgoing.freebusy.subject': 'Free/busy information',
  'outgoing.freebusy.text': 'Busy times of {me} from {start} to {end}.',
  'outgoing.counter.subject': 'New time proposed: {summary}',
  'outgoing.counter.text': '{me} proposes a new time for "{summary}".',
  'outgoing.delegate.subject': 'Delegated to you: {summary}',
  'outgoing.delegate.text': '{me} asks you to attend "{summary}" in their place.',
} as const;
