/** Words for what could not be done safely: a refused recipient. */
export const reliability = {
  'reliability.recipientInvalid': 'Not sent: the {method} has no valid recipient address ("{address}" is not an email address); nothing was sent to it.',
} as const;
