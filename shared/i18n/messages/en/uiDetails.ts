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
} as const satisfies Record<string, string>;
