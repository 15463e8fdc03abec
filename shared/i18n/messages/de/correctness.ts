/** German: reasons and warnings of the engine's correctness rules (see en/correctness.ts). */
export const correctness = {
  'warning.senderUnauthenticated':
    'Ihr Mailserver konnte nicht bestätigen, dass diese Nachricht von {sender} stammt (kein DMARC-Pass); sie wird nicht ohne Sie übernommen.',
} as const;
