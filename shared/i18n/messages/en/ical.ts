/** Words about reading and expanding calendar data (shared/ical and what shows its limits). */
export const ical = {
  'ical.expansionTruncated':
    'The repetitions of event {uid} were cut off at the limit of {count, number} occurrences; this list of them is incomplete.',
} as const;
