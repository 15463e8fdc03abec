import type { MessageKey } from '../en.js';

export const caldav: Partial<Record<MessageKey, string>> = {
  'caldav.cli.needsConfig': 'braucht --config DATEI mit einem „caldav“-Block (siehe README).',
  'caldav.cli.noCaldav': '{file} hat keinen „caldav“-Block.',
  'caldav.cli.noDav': '{file} hat weder einen „caldav“- noch einen „carddav“-Block.',
  'caldav.cli.noSuchAccount': '{file} hat kein Konto „{account}“ mit einem Kalenderserver.',
  'caldav.cli.noSuchCalendar': 'kein Kalender namens „{name}“; neue Einladungen bleiben lokal',
  'caldav.cli.calendarLine':
    '{target, select, yes {*} other { }} {name}  {href}  {writable, select, yes {beschreibbar} other {nur lesbar}}  {components}',
  'caldav.cli.accountHeading': 'CalDAV-Konto {account}:',
  'caldav.cli.useNeedsAccount':
    'Die Datei nennt mehrere CalDAV-Konten: Geben Sie mit --account ID an, welches („default“ für das der Datei selbst).',
  'caldav.cli.useUnknown':
    'In diesem Konto gibt es keinen Kalender „{wanted}“; „calendars --config DATEI“ listet sie auf.',
  'caldav.cli.useNotWritable':
    'Der Kalender „{name}“ kann keine neuen Einladungen aufnehmen: Er ist nur lesbar, abonniert oder nicht für Termine.',
  'caldav.cli.useSaved':
    'Neue Einladungen kommen in „{name}“ ({href}); Termine, die schon in einem Kalender sind, bleiben dort.',
  'caldav.cli.useCleared':
    'Neue Einladungen kommen in den Kalender aus der Konfigurationsdatei, sonst in den Standardkalender des Servers.',
  'caldav.cli.syncCalendar':
    'Kalender: {changed} geändert, {deleted} gelöscht, {pushed} übertragen, {queued} wartend{offline, select, yes { (Server nicht erreichbar: Es wird mit der lokalen Kopie gearbeitet)} other {}}',
  'caldav.cli.syncContacts': 'Kontakte: {addressBooks} Adressbücher, {changed} geändert, {deleted} gelöscht',
  'caldav.cli.failed': '{what}: {code}: {message}',
  'caldav.cli.problem': '{what}: {message}',
  'caldav.cli.warning': 'Warnung: {message}',
};
