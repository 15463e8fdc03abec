/** Words for what could not be done safely: a refused recipient. */
export const reliability = {
  'reliability.recipientInvalid':
    'Not sent: the {method} has no valid recipient address ("{address}" is not an email address); nothing was sent to it.',
  'reliability.problemsHeading':
    '{count, plural, one {A file in the data folder could not be used} other {# files in the data folder could not be used}}',
  'reliability.problemsHelp':
    'Nothing was overwritten. Unusable files are kept in the data folder’s quarantine folder; run “imip-companion check” for the list.',
} as const;
