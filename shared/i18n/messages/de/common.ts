import type { MessageKey } from '../en.js';

export const common: Partial<Record<MessageKey, string>> = {
  'common.yes': 'Ja',
  'common.no': 'Nein',
  'common.events': '{count, plural, one {# Termin} other {# Termine}}',
};
