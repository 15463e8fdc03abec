import type { MessageKey } from '../en.js';

/** German for the person's own operations and their undo (see en/organize.ts for the parameters). */
export const organize: Partial<Record<MessageKey, string>> = {
  'reason.organize.created':
    '„{summary}“ angelegt; {count, plural, =0 {keine Einladung zu senden} one {# Einladung gesendet} other {# Einladungen gesendet}}.',
  'reason.organize.updated':
    '„{summary}“ geändert{reschedule, select, yes { auf eine neue Zeit (Version {sequence}); alle Teilnehmenden antworten neu} other {}}{removed, plural, =0 {} one {; # entfernte Person erhält eine Absage} other {; # entfernte Personen erhalten eine Absage}}.',
  'reason.organize.cancelled':
    '„{summary}“{instance, select, all {} other { am {instance}}} abgesagt; {count, plural, =0 {niemand zu benachrichtigen} one {# Person benachrichtigt} other {# Personen benachrichtigt}}.',
  'reason.organize.countered': 'Dem Organisator von „{summary}“ eine neue Zeit vorgeschlagen.',
  'reason.organize.delegated': '„{summary}“ an {delegate} weitergegeben; der Organisator wird benachrichtigt.',
  'reason.organize.refreshed': 'Den Organisator von „{summary}“ um die aktuelle Fassung gebeten.',
  'reason.organize.removed': '„{summary}“ aus dem Kalender entfernt.',
  'reason.error.notOrganizer':
    'Sie organisieren diesen Termin (UID {uid}) nicht; nur der Organisator kann ihn ändern oder absagen.',
  'reason.undo.done':
    'Rückgängig gemacht: „{summary}“ ist wie zuvor{count, plural, =0 {} one {; # Nachricht zurückgehalten, nichts wurde gesendet} other {; # Nachrichten zurückgehalten, nichts wurde gesendet}}.',
  'reason.undo.tooLate': 'Zu spät, um „{summary}“ rückgängig zu machen: die Nachricht ist schon versandt.',
  'reason.undo.notFound':
    '{id, select, none {Es gibt nichts rückgängig zu machen.} other {Es gibt nichts mit der Kennung {id} rückgängig zu machen.}}',
  'reason.undo.changed': '„{summary}“ hat sich seitdem geändert; Rückgängigmachen würde die neuere Änderung verwerfen.',
};
