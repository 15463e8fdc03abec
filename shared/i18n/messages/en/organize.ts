/** What the organizer's and attendee's own operations (create, update, cancel, counter …) and their undo say. */
export const organize = {
  'reason.organize.created':
    'Created "{summary}"; {count, plural, =0 {no invitation to send} one {# invitation sent} other {# invitations sent}}.',
  'reason.organize.updated':
    'Updated "{summary}"{reschedule, select, yes { to a new time (version {sequence}); every attendee answers again} other {}}{removed, plural, =0 {} one {; # removed attendee is told it is cancelled} other {; # removed attendees are told it is cancelled}}.',
  'reason.organize.cancelled':
    'Cancelled "{summary}"{instance, select, all {} other { on {instance}}}; {count, plural, =0 {nobody to tell} one {# attendee told} other {# attendees told}}.',
  'reason.organize.cancelledFollowing':
    'Cancelled "{summary}" from {instance} on: the series now ends before it; {count, plural, =0 {nobody to tell} one {# attendee told} other {# attendees told}}.',
  'reason.organize.countered': 'Proposed a new time for "{summary}" to its organizer.',
  'reason.organize.delegated': 'Delegated "{summary}" to {delegate}; the organizer is told.',
  'reason.organize.refreshed': 'Asked the organizer of "{summary}" for its current version.',
  'reason.organize.removed': 'Removed "{summary}" from the calendar.',
  'warning.replyToken.matched':
    'This answer named another UID ({named}); it was matched to the event {uid} by the reply address it was sent to.',
  'reason.error.notOrganizer':
    'You do not organize this event (UID {uid}); only its organizer can change or cancel it.',
  'reason.undo.done':
    'Undone: "{summary}" is as it was{count, plural, =0 {} one {; # message withdrawn, nothing was sent} other {; # messages withdrawn, nothing was sent}}.',
  'reason.undo.tooLate': 'Too late to undo "{summary}": its mail has gone out.',
  'reason.undo.notFound':
    '{id, select, none {There is nothing to undo.} other {There is nothing to undo with id {id}.}}',
  'reason.undo.changed': '"{summary}" changed after that; undoing it now would lose the newer change.',
  'ui.organize.undo': 'Undo ({seconds} s)',
  'ui.organize.newMeeting': 'New meeting',
  'ui.organize.newHeading': 'New meeting',
  'ui.organize.editHeading': 'Edit meeting',
  'ui.organize.title': 'Title',
  'ui.organize.start': 'Starts',
  'ui.organize.end': 'Ends',
  'ui.organize.allDay': 'All day',
  'ui.organize.location': 'Location',
  'ui.organize.description': 'Description',
  'ui.organize.repeat': 'Repeats',
  'ui.organize.repeatChoice':
    '{repeat, select, none {Does not repeat} DAILY {Every day} WEEKLY {Every week} MONTHLY {Every month} YEARLY {Every year} other {Custom rule (RRULE)}}',
  'ui.organize.rrule': 'Recurrence rule (RFC 5545 RRULE)',
  'ui.organize.required': 'Attendees',
  'ui.organize.addRequired': 'Add attendees',
  'ui.organize.optional': 'Optional attendees',
  'ui.organize.attendeeHelp': 'Type a name or address; Enter or a comma adds it. Contacts are offered as you type.',
  'ui.organize.takeOff': 'Take {address} off the list',
  'ui.organize.notMailed':
    '{count, plural, one {Not mailed (outside your iMIP address patterns): {addresses}.} other {# not mailed (outside your iMIP address patterns): {addresses}.}}',
  'ui.organize.scopeEdit': 'Change which meetings?',
  'ui.organize.scopeCancel': 'Cancel which meetings?',
  'ui.organize.scopeChoice':
    '{scope, select, occurrence {This meeting only} following {This and all following meetings} other {The whole series}}',
  'ui.organize.continue': 'Continue',

  'ui.organize.removeAttendees': 'Take off the meeting (they are told it is cancelled for them)',
  'ui.organize.needTitle': 'Give the meeting a title.',
  'ui.organize.needAttendee': 'Invite at least one attendee.',
  'ui.organize.send': 'Send invitations',
  'ui.organize.saveChanges': 'Save and send',
  'ui.organize.close': 'Close',
  'ui.organize.free': 'You are free at this time.',
  'ui.organize.busy':
    '{count, plural, one {You have # other event at this time:} other {You have # other events at this time:}}',
  'ui.organize.tentative': 'tentative',
  'ui.organize.actions': 'What you can do',
  'ui.organize.edit': 'Edit',
  'ui.organize.cancelMeeting': 'Cancel meeting',
  'ui.organize.cancelComment': 'A word to the attendees (optional)',
  'ui.organize.cancelSend': 'Cancel and tell the attendees',
  'ui.organize.changeAnswer': 'Change your answer',
  'ui.organize.answer': '{status, select, accepted {Accept} tentative {Maybe} other {Decline}}',
  'ui.organize.sendReply': 'Tell the organizer',
  'ui.organize.propose': 'Propose a new time',
  'ui.organize.proposeSend': 'Send the proposal',
  'ui.organize.comment': 'Comment (optional)',
  'ui.organize.delegate': 'Delegate',
  'ui.organize.delegateTo': 'Send in my place (address)',
  'ui.organize.delegateSend': 'Delegate',
  'ui.organize.refresh': 'Ask for the latest version',
  'ui.organize.cancelledByOrganizer': 'Cancelled by the organizer.',
  'ui.organize.cancelledByMe': 'You cancelled this meeting.',
  'ui.organize.remove': 'Remove from calendar',
  'ui.organize.reminders': 'Reminders',
  'ui.organize.snooze': 'Snooze 5 min',
  'ui.organize.dismiss': 'Dismiss',
} as const;
