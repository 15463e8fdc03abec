/** Die Wörter des Kalenderservers in der App (siehe en/calendars.ts). */
import type { MessageKey } from '../en.js';

export const calendars: Partial<Record<MessageKey, string>> = {
  'calendars.form.legend': 'Kalenderserver (CalDAV)',
  'calendars.form.use': 'Den Kalender dieses Kontos auf einem Server führen (CalDAV)',
  'calendars.form.useHelp':
    'Ohne Server bleibt der Kalender auf diesem Computer. Mit Server landen Einladungen in dem Kalender, den auch Telefon und Webkalender zeigen.',
  'calendars.form.url': 'Kalenderserver',
  'calendars.form.urlHelp':
    'Die Adresse des Servers (https://\u2026) oder nur Ihre Domain: Der Server wird dann nachgeschlagen (RFC 6764).',
  'calendars.form.user': 'Benutzername für den Kalender',
  'calendars.form.samePassword': 'Dasselbe Passwort wie für E-Mail',
  'calendars.form.password': 'Kalenderpasswort',
  'calendars.form.passwordKept': 'Leer lassen, um das gespeicherte Kalenderpasswort zu behalten.',
  'calendars.form.find': 'Kalender suchen',
  'calendars.form.finding': 'Kalender werden gesucht\u2026',
  'calendars.form.found':
    '{count, plural, =0 {Der Server antwortet, hat aber keinen Kalender für Termine.} one {Ein Kalender gefunden.} other {# Kalender gefunden.}}',
  'calendars.form.enterUrl': 'Geben Sie die Adresse des Kalenderservers oder Ihre Domain ein.',
  'calendars.form.enterUser': 'Geben Sie den Benutzernamen für den Kalender ein.',
  'calendars.form.enterPassword': 'Geben Sie das Kalenderpasswort ein.',
  'calendars.list.legend': 'Neue Einladungen kommen in',
  'calendars.list.readOnly': 'nur lesbar',
  'calendars.list.default': 'Standard',
  'calendars.list.colour': 'Farbe {color}',
  'calendars.settings.heading': 'Kalender',
  'calendars.settings.none': 'Kein Kalenderserver eingerichtet: Der Kalender liegt auf diesem Computer.',
  'calendars.settings.waiting': 'Die Kalender erscheinen nach dem ersten Abgleich mit dem Server\u2026',
  'calendars.settings.account': 'Kalender auf {server} ({user})',
  'calendars.settings.saved': 'Neue Einladungen kommen jetzt in \u201e{name}\u201c.',
  'calendars.settings.cleared': 'Neue Einladungen kommen in den Standardkalender des Servers.',
  'calendars.settings.useDefault': 'Standard des Servers verwenden',
  'calendars.event.calendar': 'Kalender',
  'calendars.event.local': 'Nur auf diesem Computer',
  'calendars.sync.never': 'Kalender auf {server}: noch nicht abgeglichen',
  'calendars.sync.ok': 'Kalender auf {server}: abgeglichen {time}',
  'calendars.sync.offline':
    'Kalender auf {server}: offline{queued, plural, =0 {} one {, # Änderung wartet} other {, # Änderungen warten}}{time, select, none {} other { (zuletzt abgeglichen {time})}}',
  'calendars.sync.error': 'Kalender auf {server}: {problem}',
  'calendars.sync.waiting': '{queued, plural, one {# Änderung wartet} other {# Änderungen warten}}',
  'calendars.error.DAV_AUTH':
    'Der Server lehnt Benutzername oder Passwort ab. Abhilfe: Einstellungen \u2192 Konten \u2192 Bearbeiten, und das Kalenderpasswort neu eingeben.',
  'calendars.error.DAV_FORBIDDEN':
    'Der Server erlaubt diesem Benutzer den Kalender nicht. Abhilfe: Benutzernamen prüfen oder den Administrator des Servers um Zugriff bitten.',
  'calendars.error.DAV_NOT_FOUND':
    'Unter dieser Adresse gibt es keinen Kalender. Abhilfe: Einstellungen \u2192 Konten \u2192 Bearbeiten, und die Adresse des Servers oder nur Ihre Domain angeben.',
  'calendars.error.DAV_DISCOVERY':
    'Für diese Adresse wurde kein Kalenderserver gefunden. Abhilfe: Die vollständige Adresse des Servers (https://\u2026) eingeben, wie Ihr Anbieter sie nennt.',
  'calendars.error.DAV_UNREACHABLE':
    'Der Server ist nicht erreichbar. Änderungen warten hier und werden gesendet, sobald er wieder antwortet; hält das an, die Adresse prüfen.',
  'calendars.error.DAV_TLS':
    'Dem Zertifikat des Servers wird nicht vertraut. Abhilfe: Adresse prüfen; ein Server mit eigenem Zertifikat braucht dessen CA.',
  'calendars.error.DAV_HTTP':
    'Der Server antwortet mit einem Fehler ({detail}). Beim nächsten Abgleich wird es erneut versucht.',
  'calendars.error.DAV_PROTOCOL':
    'Die Antwort des Servers war kein CalDAV ({detail}). Abhilfe: Prüfen, ob die Adresse die des Kalenderservers ist.',
  'calendars.error.DAV_CONFIG_INVALID': 'Die Adresse des Kalenderservers ist nicht verwendbar: {detail}',
  'calendars.error.other': 'Der Abgleich ist fehlgeschlagen: {detail}',
};
