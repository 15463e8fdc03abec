/** What the organizer's operations (create, update, cancel) say. */
export const organize = {
  'reason.organize.created':
    'Created "{summary}"; {count, plural, =0 {no invitation to send} one {# invitation sent} other {# invitations sent}}.',
  'reason.organize.updated':
    'Updated "{summary}"{reschedule, select, yes { to a new time (version {sequence}); every attendee answers again} other {}}{removed, plural, =0 {} one {; # removed attendee is told it is cancelled} other {; # removed attendees are told it is cancelled}}.',
  'reason.organize.cancelled':
    'Cancelled "{summary}"{instance, select, all {} other { on {instance}}}; {count, plural, =0 {nobody to tell} one {# attendee told} other {# attendees told}}.',
  'reason.organize.countered': 'Proposed a new time for "{summary}" to its organizer.',
  'reason.organize.delegated': 'Delegated "{summary}" to {delegate}; the organizer is told.',
  'reason.organize.refreshed': 'Asked the organizer of "{summary}" for its current version.',
  'reason.organize.removed': 'Removed "{summary}" from the calendar.',
  'reason.error.notOrganizer':
    'You do not organize this event (UID {uid}); only its organizer can change or cancel it.',
} as const;
