/**
 * What the scheduling engine says about a message (`reason.*`) and what it warns about (`warning.*`). Parameters
 * are data: addresses, titles, ISO instants, counts, METHOD and PARTSTAT values, and codes the messages select on.
 * Optional parts are selects over a code: `instance` is an ISO instant or `all` (the whole event); `organizer`,
 * `sender` and `who` are `none` when the message named nobody; `held` says why a change waits for a person
 * (`stored`: it was stored provisionally, `never` / `unknown` / `unverified`: policy or verification held it back).
 */
export const reasons = {
  // Shared answers
  'reason.nothingToDo': 'Nothing to do.',
  'reason.dismissed': 'Dismissed.',
  'reason.dismissedNothingSent': 'Dismissed; nothing was sent.',
  'reason.notApplied': 'Not applied.',
  'reason.notScheduling': 'The calendar data has no METHOD, so it is not a scheduling message. It was left alone.',
  'reason.outsideTimeframe': 'It was received {age} ago, outside the {timeframe} time frame for automatic processing.',
  'reason.heldBack':
    'Not applied automatically: {held, select, never {Your policy is "never": nothing is applied automatically.} unknown {{sender, select, none {The sender} other {{sender}}} is not in your calendar or contacts, and your policy applies changes only from known senders.} other {the sender could not be verified (see the warnings).}} A person can apply it ({action, select, storeOwnInvitation {store your own invitation} addInvitation {add the invitation to the calendar as not yet answered} moveEvent {move the event to its new time} applyUpdate {apply the organizer\'s update to "{summary}"} addPublished {add the published event "{summary}"} cancel {cancel "{summary}"} addInstances {add instances to "{summary}"} askRefresh {ask the organizer for the whole series (REFRESH)} noteDeclineCounter {note that the organizer declined your proposal} recordReply {record that {who} {partstat, select, ACCEPTED {accepted} DECLINED {declined} TENTATIVE {tentatively accepted} DELEGATED {delegated} other {answered {answer} to}} "{summary}"{instance, select, all {} other { for {instance}}}} sendEvent {send the current event to {who}} sendBusy {send your busy times to {who}} other {the change}}) or ignore it.',

  // Errors (ITIP_ERRORS)
  'reason.error.tooLarge':
    'The calendar data is larger than the companion accepts. ({size} {unit, select, components {components} other {characters}})',
  'reason.error.parse': 'The calendar data is not valid iCalendar. {detail}',
  'reason.error.notCalendar': 'The calendar data does not contain a VCALENDAR object.',
  'reason.error.noMethod': 'The calendar data has no METHOD, so it is not a scheduling message.',
  'reason.error.unknownMethod': 'The METHOD is not one RFC 5546 defines.',
  'reason.error.unsupported': 'METHOD:{method} is not an iTIP method this companion handles.',
  'reason.error.unsupportedComponent': 'Scheduling of {component} is not supported; only events are.',
  'reason.error.noComponent': 'The scheduling message contains no event.',
  'reason.error.noUid': 'An event in the scheduling message has no UID.',
  'reason.error.mixedUid': 'The scheduling message mixes events with different UIDs. ({uids})',
  'reason.error.noDtstart': 'An event in the scheduling message has no valid DTSTART.',
  'reason.error.yearOutOfRange': 'An event in the scheduling message has no valid DTSTART. (year {year})',
  'reason.error.badUid': 'The UID contains control characters (RFC 5545 §3.1), which no calendar file may hold.',
  'reason.error.badValue':
    'A property in the scheduling message has an unreadable value. {property} is not a date or time.',
  'reason.error.unreadableTime':
    'A property in the scheduling message has an unreadable value. A date or time could not be read.',
  'reason.error.noAttendee': 'The message names no attendee to act for.',
  'reason.error.badChoice': '"{choice}" is not a choice for this decision; choose one of {choices}.',
  'reason.error.noEvent': 'There is no event with UID {uid} in the calendar.',
  'reason.error.iOrganize': 'You organize this event; there is nobody to reply to.',
  'reason.error.notAttendee': 'None of your addresses is an attendee of this event.',
  'reason.error.noInstance': 'The event has no instance at {instance}.',

  // REQUEST and PUBLISH
  'reason.request.cancelledFirst':
    'The organizer already cancelled "{summary}" (the cancellation arrived first); this older invitation was not added.',
  'reason.request.sameVersion':
    'The calendar already has this version of the event (same or higher SEQUENCE and DTSTAMP); nothing changed.',
  'reason.request.ownInvitation': 'Stored your own invitation "{summary}" as the organizer\'s copy.',
  'reason.request.forwarded':
    'You are not on the attendee list of "{summary}"; the invitation was probably forwarded to you. Answering adds you as a new attendee for the organizer to approve.',
  'reason.request.invitation':
    '{organizer, select, none {Someone} other {{organizer}}} invites you to "{summary}"{instance, select, all {} other { on {instance}}}: accept, tentatively accept or decline.{held, select, stored { It was added to your calendar as not yet answered.} never { Not applied automatically: Your policy is "never": nothing is applied automatically.} unknown { Not applied automatically: {sender, select, none {The sender} other {{sender}}} is not in your calendar or contacts, and your policy applies changes only from known senders.} unverified { Not applied automatically: the sender could not be verified (see the warnings).} other {}}',
  'reason.request.storedUnanswered': 'Added to your calendar as not yet answered.',
  'reason.request.reschedule':
    '"{summary}"{instance, select, all {} other { on {instance}}}{others, plural, =0 {} one { (and # other occurrence)} other { (and # other occurrences)}}, which you had {answer, select, ACCEPTED {accepted} DECLINED {declined} other {tentatively accepted}}, was moved from {from} to {to}: confirm or change your answer.{held, select, stored { The new time is in your calendar, waiting for your answer.} never { Not applied automatically: Your policy is "never": nothing is applied automatically.} unknown { Not applied automatically: {sender, select, none {The sender} other {{sender}}} is not in your calendar or contacts, and your policy applies changes only from known senders.} unverified { Not applied automatically: the sender could not be verified (see the warnings).} other {}}',
  'reason.request.updated':
    'Applied the organizer\'s update to "{summary}"{instance, select, all {} other { on {instance}}}; your answer is unchanged.',
  'reason.request.moved': 'Applied the new time of "{summary}"{instance, select, all {} other { on {instance}}}.',
  'reason.request.updateDismissed': 'Dismissed; the update was not applied.',
  'reason.request.badChoice': '"{choice}" does not apply to an invitation.',
  'reason.request.answered':
    'You {partstat, select, ACCEPTED {accepted} DECLINED {declined} other {tentatively accepted}} "{summary}"{instance, select, all {} other { on {instance}}}; {sent, select, yes {a reply goes to {organizer}{identities, plural, =1 {} other { from each of the # addresses of yours it invites}}} noOrganizer {no reply is sent: the invitation names no organizer to send it to} notAsked {no reply is sent: the organizer asked for none (RSVP=FALSE)} other {no reply is sent: the organizer is not to receive scheduling mail (SCHEDULE-AGENT)}}.',
  'reason.request.removed':
    '{organizer, select, none {The organizer} other {{organizer}}} removed you from "{summary}"{instances, select, all {} other { on {instances}}}; it is kept in the calendar marked cancelled.',
  'reason.request.dismissedRemoved':
    'Dismissed; the unanswered invitation was removed from the calendar and nothing was sent.',
  'reason.publish.applied': '{change, select, updated {Updated} other {Added}} the published event "{summary}".',
  'reason.publish.dismissed': 'Dismissed; the published event was not added.',

  // CANCEL, ADD, DECLINECOUNTER
  'reason.cancel.unknownEvent': 'There is no event "{summary}" in the calendar, so there is nothing to cancel.',
  'reason.cancel.unknownInstance':
    'The calendar has no occurrence of "{summary}" on {instances}, so there is nothing to cancel.',
  'reason.cancel.withdrawn':
    '{organizer, select, none {The organizer} other {{organizer}}} cancelled "{summary}", which you had not answered yet; the invitation is closed and is not added if it comes again.',
  'reason.cancel.awaitsInvitation':
    '{organizer, select, none {The organizer} other {{organizer}}} cancelled "{summary}" on {instances}, but you have not answered the invitation to the series yet. Answer it first, then apply this cancellation to mark those occurrences cancelled.',
  'reason.cancel.answerInvitationFirst':
    'Nothing was cancelled: the series is not in the calendar yet, because its invitation has not been answered.',
  'reason.cancel.nothingToCancel': 'Nothing to cancel.',
  'reason.cancel.wrongOrganizer':
    "The cancellation comes from {from}, but the event's organizer is {organizer}; it was not applied.",
  'reason.cancel.outdated':
    'This cancellation is older than the event in the calendar (lower SEQUENCE), or was already applied.',
  'reason.cancel.applied':
    '{organizer, select, none {The organizer} other {{organizer}}} cancelled "{summary}"; it is kept in the calendar marked cancelled.',
  'reason.cancel.appliedFrom':
    '{organizer, select, none {The organizer} other {{organizer}}} cancelled "{summary}" on {from} and later; it is kept in the calendar marked cancelled.',
  'reason.cancel.nothingFrom':
    'The series "{summary}" has no occurrences on {from} or later, so the cancellation changes nothing.',
  'reason.cancel.appliedInstances':
    '{organizer, select, none {The organizer} other {{organizer}}} cancelled "{summary}" on {instances}; it is kept in the calendar marked cancelled.',
  'reason.cancel.dismissed': 'Dismissed; the cancellation was not applied.',
  'reason.add.refreshNewRule':
    'The added instances of "{summary}" come as a new rule, which cannot be merged, so the organizer was asked to send it again (REFRESH).',
  'reason.add.refreshMissing':
    'The series "{summary}" is not in the calendar, so the organizer was asked to send it again (REFRESH).',
  'reason.add.outdated': 'These added instances belong to an older version of the series.',
  'reason.add.known': 'These instances are already in the calendar.',
  'reason.add.applied': 'Added {count, plural, one {# instance} other {# instances}} to "{summary}".',
  'reason.add.dismissed': 'Dismissed; the instances were not added.',
  'reason.declineCounter.unknownEvent':
    'The organizer declined a proposal for "{summary}", which is not in the calendar.',
  'reason.declineCounter.noted':
    'The organizer declined your proposed change to "{summary}"; the event stays as it is.',
  'reason.declineCounter.notedWithComment':
    'The organizer declined your proposed change to "{summary}": "{comment}"; the event stays as it is.',

  // REPLY, COUNTER, REFRESH, VFREEBUSY (to me as organizer)
  'reason.organizer.noEvent': 'There is no event with this UID in the calendar, so the {method} cannot be applied.',
  'reason.organizer.noOrganizer': 'You are not the organizer of this event, so the {method} is not for you to apply.',
  'reason.organizer.notMine':
    'You are not the organizer of this event ({organizer} is), so the {method} is not for you to apply.',
  'reason.reply.noAttendee': 'The reply names no attendee.',
  'reason.reply.noInstance': 'The reply is for an instance this event does not have.',
  'reason.reply.olderVersion':
    'The reply answers an older version of the event (SEQUENCE {sequence}, current {current}); it was not applied.',
  'reason.reply.alreadyApplied': 'This reply from {who} was already applied, or a newer one was.',
  'reason.reply.applied':
    '{name} {partstat, select, ACCEPTED {accepted} DECLINED {declined} TENTATIVE {tentatively accepted} DELEGATED {delegated} other {answered {answer} to}} "{summary}"{instance, select, all {} other { for {instance}{range, select, yes { and every later occurrence} other {}}}}.',
  'reason.reply.crasherAdded': 'Added {who} to "{summary}" as {answer}; an invitation was sent to them.',
  'reason.reply.crasherIgnored': 'Ignored the reply from {who}; they were not added.',
  'reason.reply.crasher':
    '{name} is not invited to "{summary}" but replied ({answer}). Approve to add them, or ignore the reply.',
  'reason.reply.crasherDelegated':
    '{name} is not invited to "{summary}" but replied ({answer}). They say {delegators} delegated to them, but the event does not show that delegation. Approve to add them, or ignore the reply.',
  'reason.reply.dismissed': 'Dismissed; the reply was not applied.',
  'reason.counter.noAttendee': 'The counter-proposal names no attendee.',
  'reason.counter.noInstance': 'The counter-proposal is for an instance this event does not have.',
  'reason.counter.notAttendee': '{who} is not an attendee of "{summary}"; their counter-proposal was ignored.',
  'reason.counter.outdated': 'The counter-proposal refers to an older version of "{summary}".',
  'reason.counter.instanceGone': 'The instance no longer exists.',
  'reason.counter.accepted':
    'Accepted {who}\'s proposal: "{summary}" now starts {start}; the update went to {count, plural, one {# attendee} other {# attendees}}.',
  'reason.counter.declined': 'Declined {who}\'s proposal for "{summary}"; they were told.',
  'reason.counter.ignored': 'Ignored the counter-proposal; nothing was sent.',
  'reason.counter.proposal':
    '{name} proposes to change "{summary}"{moved, select, yes { from {from} to {to}} other {}}{moves, select, yes { at {location}} other {}}.',
  'reason.refresh.notAttendee':
    '{who, select, none {The sender} other {{who}}} is not an attendee of "{summary}", so the event is not sent to them.',
  'reason.refresh.sent': 'Sent the current version of "{summary}" to {who}, who asked for it.',
  'reason.freebusy.noAction': 'A free/busy {method} needs no action.',
  'reason.freebusy.notForMe': 'The free/busy request does not ask for your time, or has no valid range.',
  'reason.freebusy.sent': 'Sent your busy times ({count, plural, one {# period} other {# periods}}) to {who}.',
  'reason.freebusy.unknown':
    '{who} asked for your free/busy time, but free/busy is only shared with people in your calendar or contacts.',

  // My own answer, without a decision
  'reason.respond.answered':
    'Your answer to "{summary}"{instance, select, all {} other { on {instance}}} is now {partstat, select, ACCEPTED {accepted} TENTATIVE {tentative} DECLINED {declined} other {{partstat}}}{kept, plural, =0 {} one { (# occurrence you answered on its own keeps its answer)} other { (# occurrences you answered on their own keep their answers)}}; {sent, select, yes {a reply goes to the organizer} noOrganizer {no reply is sent: the event names no organizer to send it to} notAsked {no reply is sent: the organizer asked for none (RSVP=FALSE)} other {no reply is sent: the organizer is not to receive scheduling mail (SCHEDULE-AGENT)}}.',

  // Bounces of what I sent (method: the METHOD of the returned message)
  'reason.bounce.unreadable':
    'A delivery failure report returned a calendar message that cannot be read ({code}); nothing was changed.',
  'reason.bounce.delayed':
    'The mail system is still trying to deliver your {method, select, REQUEST {invitation} CANCEL {cancellation} ADD {added occurrences} DECLINECOUNTER {answer to a proposal} PUBLISH {event} REPLY {reply} COUNTER {proposal} REFRESH {request for the current event} other {message}} to {recipients} (delayed, not failed); nothing was changed.',
  'reason.bounce.noFailure':
    'A delivery report about your {method, select, REQUEST {invitation} CANCEL {cancellation} ADD {added occurrences} DECLINECOUNTER {answer to a proposal} PUBLISH {event} REPLY {reply} COUNTER {proposal} REFRESH {request for the current event} other {message}} names no failed recipient; nothing was changed.',
  'reason.bounce.refusalNoRecipient':
    'Your mail server refused your {method} without naming a recipient; nothing was changed.',
  'reason.bounce.notMine':
    'A delivery failure report returned a {method} that none of your addresses sent ({failures}); nothing was changed.',
  'reason.bounce.noEvent':
    'Your {method, select, REQUEST {invitation} CANCEL {cancellation} ADD {added occurrences} DECLINECOUNTER {answer to a proposal} PUBLISH {event} REPLY {reply} COUNTER {proposal} REFRESH {request for the current event} other {message}}{titled, select, yes { about "{summary}"} other {}} could not be delivered ({failures}). The event is not in the calendar, so nothing was noted.',
  'reason.bounce.nobodyMarked':
    'Your {method, select, REQUEST {invitation} CANCEL {cancellation} ADD {added occurrences} DECLINECOUNTER {answer to a proposal} PUBLISH {event} REPLY {reply} COUNTER {proposal} REFRESH {request for the current event} other {message}}{titled, select, yes { about "{summary}"} other {}} could not be delivered ({failures}). None of them is {role, select, attendee {an attendee} other {the organizer}} of the event in the calendar, so nothing was noted.',
  'reason.bounce.attendeesMarked':
    'Your {method, select, REQUEST {invitation} CANCEL {cancellation} ADD {added occurrences} DECLINECOUNTER {answer to a proposal} PUBLISH {event} REPLY {reply} COUNTER {proposal} REFRESH {request for the current event} other {message}}{titled, select, yes { about "{summary}"} other {}} could not be delivered ({failures}): {marked} did not receive it; the calendar notes that on {count, plural, one {that attendee} other {those attendees}}.',
  'reason.bounce.organizerMarked':
    'Your {method, select, REQUEST {invitation} CANCEL {cancellation} ADD {added occurrences} DECLINECOUNTER {answer to a proposal} PUBLISH {event} REPLY {reply} COUNTER {proposal} REFRESH {request for the current event} other {message}}{titled, select, yes { about "{summary}"} other {}} could not be delivered ({failures}): the organizer has not received your answer; the calendar notes that on the organizer.',

  // Warnings: sender checks and repairs made while reading
  'warning.dmarcFailed':
    "The receiving mail server reports that this message failed DMARC: the sender's domain did not vouch for it.",
  'warning.noOriginator': 'The message names no organizer or attendee to check the sender against.',
  'warning.noFrom': 'The mail has no From address, so it cannot be shown to come from {originator}.',
  'warning.proposalInReply':
    'Outlook sent the proposal as a reply: the answer of {name} ({partstat, select, ACCEPTED {accepted} DECLINED {declined} TENTATIVE {tentative} other {{partstat}}}) is recorded like any reply; the proposed time is taken only if you accept it.',
  'warning.replyAlias':
    "The reply names {alias} as the attendee, who is not invited, but it comes from {attendee}, who is: it is taken as {attendee}'s answer.",
  'warning.notFromOriginator': 'The mail comes from {senders}, not from {originator}.',
  'warning.notFromOriginatorOrSentBy':
    'The mail comes from {senders}, not from {originator} or {sentBy} acting for them.',
  'warning.organizerChanged': 'The organizer changed from {before} to {after}; only you can accept that.',
  'warning.headerMethodUsed': "METHOD missing in the calendar body; the mail header's method={method} was used.",
  'warning.methodMismatch':
    'The mail header says method={header} but the calendar says METHOD:{body}; the calendar was used.',
  'warning.unknownZones': 'Unknown time {count, plural, one {zone} other {zones}} {zones}: times read as floating.',
  'warning.outlookLeftoverDropped': 'A leftover Outlook override without organizer, attendees or start was dropped.',
  'warning.organizerInherited': 'An override without ORGANIZER inherited the series organizer.',
  'warning.counterDisallowed': 'The event was sent with counter-proposals disabled (X-MICROSOFT-DISALLOW-COUNTER).',
} as const;
