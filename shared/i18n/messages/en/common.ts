/** Words used across the product. */
export const common = {
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.events': '{count, plural, one {# event} other {# events}}',
} as const;
