/** English for what cards say beyond the basics: single occurrences a message changes, the mail's own text. */
export const uiCards = {
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
} as const satisfies Record<string, string>;
