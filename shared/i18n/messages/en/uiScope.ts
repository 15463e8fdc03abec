/**
 * English for the app's choices that apply to one meeting of a series or to all of it, the attendee summary of
 * long lists, and the app's own wording of engine reasons a card shows (the CLI keeps the engine's sentence).
 */
export const uiScope = {
  'ui.scope.legend': 'My answer is for',
  'ui.scope.occurrence': 'This meeting only ({when})',
  'ui.scope.series': 'The whole series',
  'ui.scope.partOf': 'One meeting of a series: {rule}',
  'ui.scope.oneOfSeries': 'One meeting of a series',
  'ui.scope.removeLegend': 'Remove',
  'ui.scope.removeOccurrence': 'Remove this meeting',
  'ui.scope.removeSeries': 'Remove the whole series',
  'ui.scope.cancelledOne':
    'The organizer cancelled this meeting. The other meetings of the series stay in your calendar.',
  'ui.scope.seriesCancelled': 'The organizer cancelled the whole series.',
  'reason.removedOccurrence': 'Removed the meeting of "{summary}" on {instance} from the calendar.',

  'ui.activity.openDecision': 'Show the decision',

  'ui.attendees.count.accepted': '{count} accepted',
  'ui.attendees.count.declined': '{count} declined',
  'ui.attendees.count.tentative': '{count} maybe',
  'ui.attendees.count.waiting': '{count} waiting',
  'ui.attendees.count.delegated': '{count} delegated',

  'ui.reason.heldBack':
    'Not applied on its own: {held, select, never {your setting adds nothing to the calendar before you decide.} unknown {{sender, select, none {the sender} other {{sender}}} is not in your calendar or your contacts.} other {the sender could not be verified (see the warning).}} “Apply” will {action, select, storeOwnInvitation {store your own invitation} addInvitation {add the invitation to your calendar as not answered yet} moveEvent {move the meeting to its new time} applyUpdate {apply the organizer’s changes to "{summary}"} addPublished {add "{summary}" to your calendar} cancel {mark "{summary}" cancelled} addInstances {add the extra meetings to "{summary}"} askRefresh {ask the organizer to send the whole series} noteDeclineCounter {note that the organizer declined your proposal} recordReply {note in your calendar that {who} {partstat, select, ACCEPTED {accepted} DECLINED {declined} TENTATIVE {answered maybe to} DELEGATED {delegated} other {answered {answer} to}} "{summary}"{instance, select, all {} other { on {instance}}}} sendEvent {send the current meeting to {who}} sendBusy {send your free and busy times to {who}} other {make the change}}; “Ignore” leaves your calendar as it is.',
} as const satisfies Record<string, string>;
