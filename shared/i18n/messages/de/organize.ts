import type { MessageKey } from '../en.js';

/** German for the organizer's operations (see en/organize.ts for the parameters). */
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
};
