/**
 * The app's calendar-server words: an account's CalDAV settings in the account form, choosing where new
 * invitations go, which calendar an event is in, and the sync state with each server error and its fix.
 */
export const calendars = {
  'calendars.form.legend': 'Calendar server (CalDAV)',
  'calendars.form.use': 'Keep this account\u2019s calendar on a server (CalDAV)',
  'calendars.form.useHelp':
    'Without one, the calendar stays on this computer. With one, invitations land in the calendar your phone and web calendar show.',
  'calendars.form.url': 'Calendar server',
  'calendars.form.urlHelp':
    'The server\u2019s address (https://\u2026) or just your domain: the server is then looked up (RFC 6764).',
  'calendars.form.user': 'Calendar user name',
  'calendars.form.samePassword': 'Same password as for mail',
  'calendars.form.password': 'Calendar password',
  'calendars.form.passwordKept': 'Leave empty to keep the stored calendar password.',
  'calendars.form.find': 'Find calendars',
  'calendars.form.finding': 'Looking for calendars\u2026',
  'calendars.form.found':
    '{count, plural, =0 {The server answered but has no calendar for events.} one {Found one calendar.} other {Found # calendars.}}',
  'calendars.form.enterUrl': 'Type the calendar server\u2019s address or your domain.',
  'calendars.form.enterUser': 'Type the calendar user name.',
  'calendars.form.enterPassword': 'Type the calendar password.',
  'calendars.list.legend': 'New invitations go to',
  'calendars.list.readOnly': 'read-only',
  'calendars.list.default': 'default',
  'calendars.list.colour': 'colour {color}',
  'calendars.settings.heading': 'Calendars',
  'calendars.settings.none': 'No calendar server is set up: the calendar is kept on this computer.',
  'calendars.settings.waiting': 'The calendars are listed after the first sync with the server\u2026',
  'calendars.settings.account': 'Calendars on {server} ({user})',
  'calendars.settings.saved': 'New invitations now go to \u201c{name}\u201d.',
  'calendars.settings.cleared': 'New invitations go to the server\u2019s default calendar.',
  'calendars.settings.useDefault': 'Use the server\u2019s default',
  'calendars.event.calendar': 'Calendar',
  'calendars.event.local': 'On this computer only',
  'calendars.sync.never': 'Calendar on {server}: not synced yet',
  'calendars.sync.ok': 'Calendar on {server}: synced {time}',
  'calendars.sync.offline':
    'Calendar on {server}: offline{queued, plural, =0 {} one {, # change waiting} other {, # changes waiting}}{time, select, none {} other { (last synced {time})}}',
  'calendars.sync.error': 'Calendar on {server}: {problem}',
  'calendars.sync.waiting': '{queued, plural, one {# change waiting} other {# changes waiting}}',
  'calendars.error.DAV_AUTH':
    'the server refused the user name or password. Fix: Settings \u2192 Accounts \u2192 Edit, and type the calendar password again.',
  'calendars.error.DAV_FORBIDDEN':
    'the server does not let this user read or write the calendar. Fix: check the user name, or ask the server\u2019s administrator for access.',
  'calendars.error.DAV_NOT_FOUND':
    'there is no calendar at this address. Fix: Settings \u2192 Accounts \u2192 Edit, and give the server\u2019s address or just your domain.',
  'calendars.error.DAV_DISCOVERY':
    'no calendar server was found for this address. Fix: type the server\u2019s full address (https://\u2026) as your provider gives it.',
  'calendars.error.DAV_UNREACHABLE':
    'the server cannot be reached. Changes wait here and are sent when it answers again; check the address if this lasts.',
  'calendars.error.DAV_TLS':
    'the server\u2019s certificate is not trusted. Fix: check the address; a server with a private certificate needs its CA installed.',
  'calendars.error.DAV_HTTP':
    'the server answered with an error ({detail}). The companion tries again at the next sync.',
  'calendars.error.DAV_PROTOCOL':
    'the server\u2019s answer was not CalDAV ({detail}). Fix: check that the address is the calendar server\u2019s.',
  'calendars.error.DAV_CONFIG_INVALID': 'the calendar server\u2019s address is not usable: {detail}',
  'calendars.error.other': 'the sync failed: {detail}',
} as const;
