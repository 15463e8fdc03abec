/** Gründe für REQUESTs, die mich als Organisator nennen, aber von jemand anderem kommen. */
export const lookalike = {
  'reason.lookalike.unknownEvent':
    '{sender} hat eine Einladung gesendet, die Sie als Organisator von „{summary}“ nennt; der Termin ist nicht in Ihrem Kalender. Nichts wurde gespeichert.',
  'reason.lookalike.notFromMe':
    '{sender} hat eine Kopie Ihres Termins „{summary}“ gesendet, die nichts Übernehmbares ändert; Ihr Exemplar als Organisator bleibt.',
  'reason.lookalike.forwarded':
    '{sender} hat Ihren Termin „{summary}“ an {who} weitergeleitet. Bestätigen Sie, um sie hinzuzufügen und ihnen Ihre Einladung zu senden, oder ignorieren Sie es.',
  'reason.lookalike.forwardAdded': '{who} zu „{summary}“ hinzugefügt; Ihre Einladung wurde ihnen gesendet.',
  'reason.lookalike.forwardIgnored': 'Weiterleitung ignoriert; {who} wurden nicht hinzugefügt.',
} as const;
