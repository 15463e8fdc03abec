/** The CalDAV/CardDAV command lines (`calendars`, `sync`) and what the calendar server's side reports. */
export const caldav = {
  'caldav.cli.needsConfig': 'needs --config FILE with a "caldav" block (see README).',
  'caldav.cli.noCaldav': '{file} has no "caldav" block.',
  'caldav.cli.noDav': '{file} has neither a "caldav" nor a "carddav" block.',
  'caldav.cli.noSuchAccount': '{file} has no account "{account}" with a calendar server.',
  'caldav.cli.noSuchCalendar': 'no calendar named "{name}"; new invitations stay local',
  'caldav.cli.calendarLine':
    '{target, select, yes {*} other { }} {name}  {href}  {writable, select, yes {writable} other {read-only}}  {components}',
  'caldav.cli.accountHeading': 'CalDAV account {account}:',
  'caldav.cli.useNeedsAccount':
    'The file names several CalDAV accounts: say which with --account ID ("default" for the file\u2019s own).',
  'caldav.cli.useUnknown': 'There is no calendar "{wanted}" in this account; "calendars --config FILE" lists them.',
  'caldav.cli.useNotWritable':
    'The calendar "{name}" cannot take new invitations: it is read-only, subscribed or not for events.',
  'caldav.cli.useSaved': 'New invitations go to "{name}" ({href}); events already in a calendar stay where they are.',
  'caldav.cli.useCleared':
    'New invitations go to the calendar the configuration file names, else to the server\u2019s default.',
  'caldav.cli.syncCalendar':
    'calendar: {changed} changed, {deleted} deleted, {pushed} pushed, {queued} queued{offline, select, yes { (server unreachable: working from the cache)} other {}}',
  'caldav.cli.syncContacts': 'contacts: {addressBooks} address books, {changed} changed, {deleted} deleted',
  'caldav.cli.failed': '{what}: {code}: {message}',
  'caldav.cli.problem': '{what}: {message}',
  'caldav.cli.warning': 'warning: {message}',
} as const;
