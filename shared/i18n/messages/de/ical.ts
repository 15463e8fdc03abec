/** German: reading and expanding calendar data. */
import type { MessageKey } from '../en.js';

export const ical: Partial<Record<MessageKey, string>> = {
  'ical.expansionTruncated':
    'Die Wiederholungen des Termins {uid} wurden bei der Grenze von {count, number} Vorkommen abgeschnitten; diese Liste ist unvollständig.',
};
