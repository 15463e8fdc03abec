/** Wörter für das, was nicht sicher getan werden konnte: ein abgelehnter Empfänger. */
import type { MessageKey } from '../en.js';

export const reliability: Partial<Record<MessageKey, string>> = {
  'reliability.recipientInvalid':
    'Nicht gesendet: {method} hat keine gültige Empfängeradresse („{address}“ ist keine E-Mail-Adresse); nichts wurde dorthin gesendet.',
  'reliability.problemsHeading':
    '{count, plural, one {Eine Datei im Datenordner konnte nicht verwendet werden} other {# Dateien im Datenordner konnten nicht verwendet werden}}',
  'reliability.problemsHelp':
    'Nichts wurde überschrieben. Unbrauchbare Dateien liegen im Quarantäne-Ordner des Datenordners; „imip-companion check“ listet sie auf.',
};
