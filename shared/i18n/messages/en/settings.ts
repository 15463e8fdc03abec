/**
 * Where a setting's value comes from (the settings screen), what the configuration file changed at a start, why a
 * setting's value is refused, and the settings screen's meeting settings (default reminder, reply address, iMIP
 * address patterns).
 */
export const settings = {
  'settings.source.configFile': 'Set in the configuration file.',
  'settings.source.overridesFile': "Changed here; the configuration file's value applies again at the next start.",
  'settings.source.dataDir': 'Saved in the data folder.',
  'settings.source.default': 'The default.',
  'settings.configFileReplaced':
    'settings: {setting} "{value}" from the configuration file replaces "{saved}" saved in {file}',
  'settings.imipPatterns.empty': 'A pattern cannot be empty.',
  'settings.imipPatterns.regexp':
    '"{pattern}" is not a regular expression that can be read: check its brackets and backslashes.',
  'settings.imipPatterns.spaces': '"{pattern}" contains a space or a comma: enter one pattern at a time.',
  'settings.imipPatterns.atSigns': '"{pattern}" has more than one @: a pattern is one address, like *@example.com.',
  'settings.imipPatterns.tooLong': '"{pattern}…" is too long: a pattern has at most 500 characters.',
  'settings.imipPatterns.tooMany': 'There can be at most {max} patterns.',
  'settings.imipPatterns.duplicate': '"{pattern}" is already in the list.',
  'ui.settings.meetings': 'Meetings',
  'ui.settings.reminder': 'Remind me of meetings I accept or organize',
  'ui.settings.reminder.none': 'No reminder',
  'ui.settings.reminder.atStart': 'When it starts',
  'ui.settings.reminder.minutes': '{count, plural, one {# minute before} other {# minutes before}}',
  'ui.settings.reminder.hours': '{count, plural, one {# hour before} other {# hours before}}',
  'ui.settings.reminder.days': '{count, plural, one {# day before} other {# days before}}',
  'ui.settings.reminder.help':
    'Added to a meeting that has no reminder of its own. It stays in your calendar and is never sent to anyone.',
  'ui.settings.replyTokens': 'A reply address for each meeting I create',
  'ui.settings.replyTokens.help':
    'Invitations come from an address like {example}, so answers find their meeting even when the other calendar changes it; your mail server must deliver such + addresses to you.',
  'ui.settings.imipPatterns': 'Send invitations by mail to',
  'ui.settings.imipPatterns.everyone': 'Everyone: no patterns are set.',
  'ui.settings.imipPatterns.label': 'Address patterns',
  'ui.settings.imipPatterns.add': 'Add a pattern',
  'ui.settings.imipPatterns.addButton': 'Add pattern',
  'ui.settings.imipPatterns.remove': 'Remove',
  'ui.settings.imipPatterns.removeLabel': 'Remove {pattern}',
  'ui.settings.imipPatterns.help':
    'An address like *@example.com, a domain like partner.org, or a /regular expression/. Attendees who match none stay on the meeting and are listed, but get no mail: meeting rooms, for example.',
} as const;
