/**
 * English for what the screens say beyond the basics: single occurrences a message changes, the mail's own text,
 * and the connection in the status bar.
 */
export const uiDetails = {
  'ui.occurrences.title':
    '{count, plural, one {One meeting of the series changes:} other {# meetings of the series change:}}',
  'ui.occurrences.moved': 'The meeting on {old} moves to {new}.',
  'ui.occurrences.movedPlace': 'The meeting on {old} moves to {new}, and from {oldPlace} to {newPlace}.',
  'ui.occurrences.place': 'The meeting on {when} takes place in {newPlace} instead of {oldPlace}.',
  'ui.occurrences.cancelled': 'The meeting on {when} is cancelled.',
  'ui.occurrences.added': 'An extra meeting on {when}.',
  'ui.occurrences.noPlace': 'no given place',

  'ui.mailText.show': 'Show the text of the mail',
  'ui.mailText.hide': 'Hide the text of the mail',
  'ui.mailText.label': 'The text of the mail',
  'ui.mailText.note': 'As the sender wrote it; pictures and other remote content are not loaded.',

  'ui.connection.notConfigured': 'No mail account is connected; decisions and the calendar work from the data folder.',
  'ui.connection.connecting': 'Connecting to {host} …',
  'ui.connection.watching':
    '{queued, plural, =0 {Watching {account}} one {Watching {account}; # reply waiting to be sent} other {Watching {account}; # replies waiting to be sent}}',
  'ui.connection.unreachable': 'Cannot reach {host}: {error}. Trying again; your answers wait and are sent then.',
  'ui.error.INVALID_ARGUMENT': 'The app asked for something the companion does not understand.',
  'ui.error.NOT_FOUND': 'That is no longer there; it may have been decided or removed elsewhere.',
  'ui.error.DECISION_FAILED': 'Your decision could not be carried out; the card stays so you can try again.',
  'ui.error.NO_ACCOUNT': 'No mail account is set up yet.',
  'ui.error.SECRETS_UNAVAILABLE': 'Passwords cannot be stored safely on this computer.',
  'ui.error.CONNECTION_FAILED': 'The connection test failed.',
  'ui.error.SIGN_IN_FAILED': 'The sign-in did not complete. Try again.',
  'ui.error.INTERNAL': 'Something went wrong inside the companion.',
  'ui.error.HOST_UNREACHABLE': 'The companion does not answer. Is it still running? Nothing you decided is lost.',
  'ui.error.HOST_SIGNED_OUT': 'This page is no longer signed in: open the link the companion printed when it started.',
  'ui.error.HOST_BAD_ANSWER': 'The companion gave an answer the app cannot read. Reload the page.',
  'ui.error.withDetail': '{sentence} ({detail})',
} as const satisfies Record<string, string>;
