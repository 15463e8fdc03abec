/** German for what cards say beyond the basics (keys as in en/uiDetails.ts). */
import type { uiDetails as english } from '../en/uiDetails.js';

export const uiDetails: Record<keyof typeof english, string> = {
  'ui.occurrences.title':
    '{count, plural, one {Ein Termin der Serie ändert sich:} other {# Termine der Serie ändern sich:}}',
  'ui.occurrences.moved': 'Der Termin am {old} wird auf {new} verschoben.',
  'ui.occurrences.movedPlace':
    'Der Termin am {old} wird auf {new} verschoben und von {oldPlace} nach {newPlace} verlegt.',
  'ui.occurrences.place': 'Der Termin am {when} findet in {newPlace} statt, nicht in {oldPlace}.',
  'ui.occurrences.cancelled': 'Der Termin am {when} fällt aus.',
  'ui.occurrences.added': 'Ein zusätzlicher Termin am {when}.',
  'ui.occurrences.noPlace': 'keinem angegebenen Ort',

  'ui.mailText.show': 'Text der E-Mail anzeigen',
  'ui.mailText.hide': 'Text der E-Mail ausblenden',
  'ui.mailText.label': 'Der Text der E-Mail',
  'ui.mailText.note':
    'So, wie der Absender ihn geschrieben hat; Bilder und andere Inhalte aus dem Netz werden nicht geladen.',

  'ui.connection.notConfigured':
    'Kein E-Mail-Konto verbunden; Entscheidungen und Kalender arbeiten mit dem Datenordner.',
  'ui.connection.connecting': 'Verbindung zu {host} wird hergestellt …',
  'ui.connection.watching':
    '{queued, plural, =0 {Überwacht {account}} one {Überwacht {account}; # Antwort wartet auf den Versand} other {Überwacht {account}; # Antworten warten auf den Versand}}',
  'ui.connection.unreachable':
    '{host} ist nicht erreichbar: {error}. Neuer Versuch läuft; Ihre Antworten warten und werden dann gesendet.',
  'ui.error.INVALID_ARGUMENT': 'Die App hat etwas angefragt, das der Companion nicht versteht.',
  'ui.error.NOT_FOUND': 'Das gibt es nicht mehr; vielleicht wurde es an anderer Stelle entschieden oder entfernt.',
  'ui.error.DECISION_FAILED':
    'Ihre Entscheidung konnte nicht ausgeführt werden; die Karte bleibt, damit Sie es erneut versuchen können.',
  'ui.error.NO_ACCOUNT': 'Es ist noch kein E-Mail-Konto eingerichtet.',
  'ui.error.SECRETS_UNAVAILABLE': 'Passwörter können auf diesem Computer nicht sicher gespeichert werden.',
  'ui.error.CONNECTION_FAILED': 'Der Verbindungstest ist fehlgeschlagen.',
  'ui.error.SIGN_IN_FAILED': 'Die Anmeldung wurde nicht abgeschlossen. Bitte erneut versuchen.',
  'ui.error.INTERNAL': 'Im Companion ist etwas schiefgegangen.',
  'ui.error.HOST_UNREACHABLE':
    'Der Companion antwortet nicht. Läuft er noch? Nichts von dem, was Sie entschieden haben, geht verloren.',
  'ui.error.HOST_SIGNED_OUT':
    'Diese Seite ist nicht mehr angemeldet: Öffnen Sie den Link, den der Companion beim Start ausgegeben hat.',
  'ui.error.HOST_BAD_ANSWER':
    'Der Companion hat eine Antwort gegeben, die die App nicht lesen kann. Laden Sie die Seite neu.',
  'ui.error.withDetail': '{sentence} ({detail})',
} as const;
