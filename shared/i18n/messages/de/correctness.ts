/** German: reasons and warnings of the engine's correctness rules (see en/correctness.ts). */
export const correctness = {
  'reason.freebusy.replyReceived':
    '{who} hat die eigenen belegten Zeiten gesendet ({count, plural, one {# Zeitraum} other {# Zeiträume}}, {from} bis {to}), als Antwort auf Ihre Frei/Belegt-Anfrage; solche Antworten werden nicht gespeichert.',
  'reason.freebusy.replyNotMine':
    'Eine Frei/Belegt-Antwort auf eine Anfrage, die Sie nicht gestellt haben; nichts wurde gespeichert.',
  'reason.old':
    'Vor {age} empfangen, außerhalb des Zeitraums von {timeframe}; deshalb wurde nichts automatisch geändert. {person, select, yes {Sie können sie weiterhin beantworten.} other {Sie können sie weiterhin übernehmen oder ignorieren.}}',
  'warning.senderUnauthenticated':
    'Ihr Mailserver konnte nicht bestätigen, dass diese Nachricht von {sender} stammt (kein DMARC-Pass); sie wird nicht ohne Sie übernommen.',
} as const;
