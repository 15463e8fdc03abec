/** Words used across the product. */
export const common = {
  /** A sentence kept as it was written (data written before reasons became codes). */
  'common.text': '{text}',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.events': '{count, plural, one {# event} other {# events}}',
} as const;
