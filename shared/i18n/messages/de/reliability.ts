/** Wörter für das, was nicht sicher getan werden konnte: ein abgelehnter Empfänger. */
import type { MessageKey } from '../en.js';

export const reliability: Partial<Record<MessageKey, string>> = {
  'reliability.recipientInvalid': 'Nicht gesendet: {method} hat keine gültige Empfängeradresse („{address}“ ist keine E-Mail-Adresse); nichts wurde dorthin gesendet.',
};
