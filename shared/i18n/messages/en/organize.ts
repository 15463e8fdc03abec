/** What the organizer's and attendee's own operations (create, update, cancel, counter …) and their undo say. */
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
  'reason.undo.done':
    'Undone: "{summary}" is as it was{count, plural, =0 {} one {; # message withdrawn, nothing was sent} other {; # messages withdrawn, nothing was sent}}.',
  'reason.undo.tooLate': 'Too late to undo "{summary}": its mail has gone out.',
  'reason.undo.notFound':
    '{id, select, none {There is nothing to undo.} other {There is nothing to undo with id {id}.}}',
  'reason.undo.changed': '"{summary}" changed after that; undoing it now would lose the newer change.',
} as const;
