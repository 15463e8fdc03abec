import type { MessageKey } from '../en.js';

/** German for the person's own operations and their undo (see en/organize.ts for the parameters). */
export const organize: Partial<Record<MessageKey, string>> = {
  'reason.organize.created':
    '„{summary}“ angelegt; {count, plural, =0 {keine Einladung zu senden} one {# Einladung gesendet} other {# Einladungen gesendet}}.',
  'reason.organize.updated':
    '„{summary}“ geändert{reschedule, select, yes { auf eine neue Zeit (Version {sequence}); alle Teilnehmenden antworten neu} other {}}{removed, plural, =0 {} one {; # entfernte Person erhält eine Absage} other {; # entfernte Personen erhalten eine Absage}}.',
  'reason.organize.cancelled':
    '„{summary}“{instance, select, all {} other { am {instance}}} abgesagt; {count, plural, =0 {niemand zu benachrichtigen} one {# Person benachrichtigt} other {# Personen benachrichtigt}}.',
  'reason.organize.cancelledFollowing':
    '„{summary}“ ab {instance} abgesagt: die Serie endet jetzt davor; {count, plural, =0 {niemand zu benachrichtigen} one {# Person benachrichtigt} other {# Personen benachrichtigt}}.',
  'reason.organize.countered': 'Dem Organisator von „{summary}“ eine neue Zeit vorgeschlagen.',
  'reason.organize.delegated': '„{summary}“ an {delegate} weitergegeben; der Organisator wird benachrichtigt.',
  'reason.organize.refreshed': 'Den Organisator von „{summary}“ um die aktuelle Fassung gebeten.',
  'reason.organize.removed': '„{summary}“ aus dem Kalender entfernt.',
  'warning.replyToken.matched':
    'Diese Antwort nannte eine andere UID ({named}); sie wurde über die Antwortadresse dem Termin {uid} zugeordnet.',
  'reason.error.notOrganizer':
    'Sie organisieren diesen Termin (UID {uid}) nicht; nur der Organisator kann ihn ändern oder absagen.',
  'reason.undo.done':
    'Rückgängig gemacht: „{summary}“ ist wie zuvor{count, plural, =0 {} one {; # Nachricht zurückgehalten, nichts wurde gesendet} other {; # Nachrichten zurückgehalten, nichts wurde gesendet}}.',
  'reason.undo.tooLate': 'Zu spät, um „{summary}“ rückgängig zu machen: die Nachricht ist schon versandt.',
  'reason.undo.notFound':
    '{id, select, none {Es gibt nichts rückgängig zu machen.} other {Es gibt nichts mit der Kennung {id} rückgängig zu machen.}}',
  'reason.undo.changed': '„{summary}“ hat sich seitdem geändert; Rückgängigmachen würde die neuere Änderung verwerfen.',
  'ui.organize.undo': 'Rückgängig ({seconds} s)',
  'ui.organize.newMeeting': 'Neue Besprechung',
  'ui.organize.newHeading': 'Neue Besprechung',
  'ui.organize.editHeading': 'Besprechung bearbeiten',
  'ui.organize.title': 'Titel',
  'ui.organize.start': 'Beginn',
  'ui.organize.end': 'Ende',
  'ui.organize.allDay': 'Ganztägig',
  'ui.organize.location': 'Ort',
  'ui.organize.description': 'Beschreibung',
  'ui.organize.repeat': 'Wiederholung',
  'ui.organize.repeatChoice':
    '{repeat, select, none {Keine Wiederholung} DAILY {Jeden Tag} WEEKLY {Jede Woche} MONTHLY {Jeden Monat} YEARLY {Jedes Jahr} other {Eigene Regel (RRULE)}}',
  'ui.organize.rrule': 'Wiederholungsregel (RFC 5545 RRULE)',
  'ui.organize.required': 'Teilnehmende',
  'ui.organize.addRequired': 'Teilnehmende hinzufügen',
  'ui.organize.optional': 'Optionale Teilnehmende',
  'ui.organize.attendeeHelp':
    'Namen oder Adresse eingeben; Eingabetaste oder Komma fügt sie hinzu. Kontakte werden beim Tippen angeboten.',
  'ui.organize.takeOff': '{address} von der Liste nehmen',
  'ui.organize.notMailed':
    '{count, plural, one {Nicht angeschrieben (außerhalb Ihrer iMIP-Adressmuster): {addresses}.} other {# nicht angeschrieben (außerhalb Ihrer iMIP-Adressmuster): {addresses}.}}',
  'ui.organize.scopeEdit': 'Welche Termine ändern?',
  'ui.organize.scopeCancel': 'Welche Termine absagen?',
  'ui.organize.scopeChoice':
    '{scope, select, occurrence {Nur diesen Termin} following {Diesen und alle folgenden Termine} other {Die ganze Serie}}',
  'ui.organize.continue': 'Weiter',

  'ui.organize.removeAttendees': 'Ausladen (sie erhalten eine Absage)',
  'ui.organize.needTitle': 'Geben Sie der Besprechung einen Titel.',
  'ui.organize.needAttendee': 'Laden Sie mindestens eine Person ein.',
  'ui.organize.send': 'Einladungen senden',
  'ui.organize.saveChanges': 'Speichern und senden',
  'ui.organize.close': 'Schließen',
  'ui.organize.free': 'Sie haben zu dieser Zeit nichts anderes vor.',
  'ui.organize.busy':
    '{count, plural, one {Sie haben zu dieser Zeit # anderen Termin:} other {Sie haben zu dieser Zeit # andere Termine:}}',
  'ui.organize.tentative': 'vorläufig',
  'ui.organize.actions': 'Was Sie tun können',
  'ui.organize.edit': 'Bearbeiten',
  'ui.organize.cancelMeeting': 'Besprechung absagen',
  'ui.organize.cancelComment': 'Ein Wort an die Teilnehmenden (optional)',
  'ui.organize.cancelSend': 'Absagen und benachrichtigen',
  'ui.organize.changeAnswer': 'Antwort ändern',
  'ui.organize.answer': '{status, select, accepted {Zusagen} tentative {Vielleicht} other {Absagen}}',
  'ui.organize.sendReply': 'Organisator benachrichtigen',
  'ui.organize.propose': 'Neue Zeit vorschlagen',
  'ui.organize.proposeSend': 'Vorschlag senden',
  'ui.organize.comment': 'Kommentar (optional)',
  'ui.organize.delegate': 'Weitergeben',
  'ui.organize.delegateTo': 'An meiner Stelle (Adresse)',
  'ui.organize.delegateSend': 'Weitergeben',
  'ui.organize.refresh': 'Aktuelle Fassung anfordern',
  'ui.organize.cancelledByOrganizer': 'Vom Organisator abgesagt.',
  'ui.organize.cancelledByMe': 'Sie haben diese Besprechung abgesagt.',
  'ui.organize.remove': 'Aus dem Kalender entfernen',
  'ui.organize.reminders': 'Erinnerungen',
  'ui.organize.snooze': '5 Min. später',
  'ui.organize.dismiss': 'Schließen',
};
