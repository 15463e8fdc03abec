import type { MessageKey } from '../en.js';

/** German for what the scheduling engine says and warns about (see en/reasons.ts for the parameters). */
export const reasons: Partial<Record<MessageKey, string>> = {
  'reason.nothingToDo': 'Nichts zu tun.',
  'reason.dismissed': 'Verworfen.',
  'reason.dismissedNothingSent': 'Verworfen; es wurde nichts gesendet.',
  'reason.notApplied': 'Nicht übernommen.',
  'reason.notScheduling':
    'Die Kalenderdaten haben keine METHOD und sind daher keine Terminnachricht. Sie wurden nicht angerührt.',
  'reason.outsideTimeframe':
    'Die Nachricht kam vor {age} an, außerhalb des Zeitraums von {timeframe} für die automatische Verarbeitung.',
  'reason.heldBack':
    'Nicht automatisch übernommen: {held, select, never {Ihre Regel ist „nie“: Nichts wird automatisch übernommen.} unknown {{sender, select, none {Der Absender} other {{sender}}} steht weder in Ihrem Kalender noch in Ihren Kontakten, und Ihre Regel übernimmt Änderungen nur von bekannten Absendern.} other {Der Absender konnte nicht bestätigt werden (siehe Warnungen).}} Sie können die Änderung übernehmen ({action, select, storeOwnInvitation {Ihre eigene Einladung speichern} addInvitation {die Einladung als noch nicht beantwortet in den Kalender eintragen} moveEvent {den Termin auf die neue Zeit verschieben} applyUpdate {die Änderung des Organisators an „{summary}“ übernehmen} addPublished {den veröffentlichten Termin „{summary}“ eintragen} cancel {„{summary}“ absagen} addInstances {Termine zu „{summary}“ hinzufügen} askRefresh {den Organisator um die ganze Serie bitten (REFRESH)} noteDeclineCounter {vermerken, dass der Organisator Ihren Vorschlag abgelehnt hat} recordReply {vermerken, dass {who} „{summary}“{instance, select, all {} other { für {instance}}} {partstat, select, ACCEPTED {zugesagt hat} DECLINED {abgesagt hat} TENTATIVE {vorläufig zugesagt hat} DELEGATED {weitergeleitet hat} other {mit {answer} beantwortet hat}}} sendEvent {den aktuellen Termin an {who} senden} sendBusy {Ihre belegten Zeiten an {who} senden} other {die Änderung}}) oder ignorieren.',

  'reason.error.tooLarge':
    'Die Kalenderdaten sind größer, als der Companion annimmt. ({size} {unit, select, components {Komponenten} other {Zeichen}})',
  'reason.error.parse': 'Die Kalenderdaten sind kein gültiges iCalendar. {detail}',
  'reason.error.notCalendar': 'Die Kalenderdaten enthalten kein VCALENDAR-Objekt.',
  'reason.error.noMethod': 'Die Kalenderdaten haben keine METHOD und sind daher keine Terminnachricht.',
  'reason.error.unknownMethod': 'Die METHOD ist keine, die RFC 5546 definiert.',
  'reason.error.unsupported': 'METHOD:{method} ist keine iTIP-Methode, die der Companion verarbeitet.',
  'reason.error.unsupportedComponent': 'Die Planung von {component} wird nicht unterstützt, nur Termine.',
  'reason.error.noComponent': 'Die Terminnachricht enthält keinen Termin.',
  'reason.error.noUid': 'Ein Termin in der Terminnachricht hat keine UID.',
  'reason.error.mixedUid': 'Die Terminnachricht mischt Termine mit verschiedenen UIDs. ({uids})',
  'reason.error.noDtstart': 'Ein Termin in der Terminnachricht hat keinen gültigen Beginn (DTSTART).',
  'reason.error.yearOutOfRange':
    'Ein Termin in der Terminnachricht hat keinen gültigen Beginn (DTSTART). (Jahr {year})',
  'reason.error.badUid': 'Die UID enthält Steuerzeichen (RFC 5545 §3.1), die keine Kalenderdatei enthalten darf.',
  'reason.error.badValue':
    'Eine Eigenschaft der Terminnachricht hat einen unlesbaren Wert. {property} ist kein Datum und keine Uhrzeit.',
  'reason.error.unreadableTime':
    'Eine Eigenschaft der Terminnachricht hat einen unlesbaren Wert. Ein Datum oder eine Uhrzeit ließ sich nicht lesen.',
  'reason.error.noAttendee': 'Die Nachricht nennt keinen Teilnehmer, für den gehandelt werden könnte.',
  'reason.error.badChoice': '„{choice}“ ist für diese Entscheidung nicht möglich; wählen Sie eines von: {choices}.',
  'reason.error.noEvent': 'Im Kalender gibt es keinen Termin mit der UID {uid}.',
  'reason.error.iOrganize': 'Sie organisieren diesen Termin; es gibt niemanden, dem Sie antworten könnten.',
  'reason.error.notAttendee': 'Keine Ihrer Adressen nimmt an diesem Termin teil.',
  'reason.error.noInstance': 'Der Termin findet am {instance} nicht statt.',

  'reason.request.cancelledFirst':
    'Der Organisator hat „{summary}“ bereits abgesagt (die Absage kam zuerst an); diese ältere Einladung wurde nicht eingetragen.',
  'reason.request.sameVersion':
    'Der Kalender hat diese Fassung des Termins schon (gleiche oder höhere SEQUENCE und DTSTAMP); nichts wurde geändert.',
  'reason.request.ownInvitation': 'Ihre eigene Einladung „{summary}“ wurde als Exemplar des Organisators gespeichert.',
  'reason.request.forwarded':
    'Sie stehen nicht auf der Teilnehmerliste von „{summary}“; die Einladung wurde Ihnen wahrscheinlich weitergeleitet. Wenn Sie antworten, werden Sie als neuer Teilnehmer eingetragen, den der Organisator bestätigen muss.',
  'reason.request.invitation':
    '{organizer, select, none {Jemand} other {{organizer}}} lädt Sie zu „{summary}“{instance, select, all {} other { am {instance}}} ein: zusagen, vorläufig zusagen oder absagen.{held, select, stored { Der Termin wurde als noch nicht beantwortet in Ihren Kalender eingetragen.} never { Nicht automatisch übernommen: Ihre Regel ist „nie“: Nichts wird automatisch übernommen.} unknown { Nicht automatisch übernommen: {sender, select, none {Der Absender} other {{sender}}} steht weder in Ihrem Kalender noch in Ihren Kontakten, und Ihre Regel übernimmt Änderungen nur von bekannten Absendern.} unverified { Nicht automatisch übernommen: Der Absender konnte nicht bestätigt werden (siehe Warnungen).} other {}}',
  'reason.request.storedUnanswered': 'Als noch nicht beantwortet in Ihren Kalender eingetragen.',
  'reason.request.reschedule':
    '„{summary}“{instance, select, all {} other { am {instance}}}{others, plural, =0 {} one { (und # weiterer Termin)} other { (und # weitere Termine)}}, {answer, select, ACCEPTED {dem Sie zugesagt} DECLINED {den Sie abgesagt} other {dem Sie vorläufig zugesagt}} hatten, wurde von {from} auf {to} verschoben: Bestätigen oder ändern Sie Ihre Antwort.{held, select, stored { Die neue Zeit steht in Ihrem Kalender und wartet auf Ihre Antwort.} never { Nicht automatisch übernommen: Ihre Regel ist „nie“: Nichts wird automatisch übernommen.} unknown { Nicht automatisch übernommen: {sender, select, none {Der Absender} other {{sender}}} steht weder in Ihrem Kalender noch in Ihren Kontakten, und Ihre Regel übernimmt Änderungen nur von bekannten Absendern.} unverified { Nicht automatisch übernommen: Der Absender konnte nicht bestätigt werden (siehe Warnungen).} other {}}',
  'reason.request.updated':
    'Die Änderung des Organisators an „{summary}“{instance, select, all {} other { am {instance}}} wurde übernommen; Ihre Antwort bleibt, wie sie war.',
  'reason.request.moved':
    'Die neue Zeit von „{summary}“{instance, select, all {} other { am {instance}}} wurde übernommen.',
  'reason.request.updateDismissed': 'Verworfen; die Änderung wurde nicht übernommen.',
  'reason.request.badChoice': '„{choice}“ passt nicht zu einer Einladung.',
  'reason.request.answered':
    'Sie haben „{summary}“{instance, select, all {} other { am {instance}}} {partstat, select, ACCEPTED {zugesagt} DECLINED {abgesagt} other {vorläufig zugesagt}}; {sent, select, yes {eine Antwort geht an {organizer}{identities, plural, =1 {} other { – von jeder der # eingeladenen Adressen von Ihnen}}} noOrganizer {es geht keine Antwort hinaus: Die Einladung nennt keinen Organisator, an den sie gehen könnte} notAsked {es geht keine Antwort hinaus: Der Organisator hat um keine gebeten (RSVP=FALSE)} other {es geht keine Antwort hinaus: Der Organisator soll keine Terminnachrichten erhalten (SCHEDULE-AGENT)}}.',
  'reason.request.removed':
    '{organizer, select, none {Der Organisator} other {{organizer}}} hat Sie aus „{summary}“{instances, select, all {} other { am {instances}}} ausgetragen; {instances, select, all {der Termin bleibt} other {die Termine bleiben}} als abgesagt im Kalender.',
  'reason.request.dismissedRemoved':
    'Verworfen; die unbeantwortete Einladung wurde aus dem Kalender entfernt, und es wurde nichts gesendet.',
  'reason.publish.applied':
    'Der veröffentlichte Termin „{summary}“ wurde {change, select, updated {aktualisiert} other {eingetragen}}.',
  'reason.publish.dismissed': 'Verworfen; der veröffentlichte Termin wurde nicht eingetragen.',

  'reason.cancel.unknownEvent': 'Im Kalender gibt es keinen Termin „{summary}“, also ist nichts abzusagen.',
  'reason.cancel.unknownInstance':
    'Der Kalender hat am {instances} keinen Termin von „{summary}“; es gibt nichts abzusagen.',
  'reason.cancel.withdrawn':
    '{organizer, select, none {Der Organisator} other {{organizer}}} hat „{summary}“ abgesagt, bevor Sie geantwortet haben; die Einladung ist geschlossen und wird nicht eingetragen, wenn sie noch einmal kommt.',
  'reason.cancel.awaitsInvitation':
    '{organizer, select, none {Der Organisator} other {{organizer}}} hat „{summary}“ am {instances} abgesagt, aber Sie haben die Einladung zur Serie noch nicht beantwortet. Beantworten Sie sie zuerst und übernehmen Sie dann diese Absage, damit diese Termine als abgesagt markiert werden.',
  'reason.cancel.answerInvitationFirst':
    'Nichts wurde abgesagt: Die Serie steht noch nicht im Kalender, weil ihre Einladung noch nicht beantwortet ist.',
  'reason.cancel.nothingToCancel': 'Nichts abzusagen.',
  'reason.cancel.wrongOrganizer':
    'Die Absage kommt von {from}, aber der Organisator des Termins ist {organizer}; sie wurde nicht übernommen.',
  'reason.cancel.outdated':
    'Diese Absage ist älter als der Termin im Kalender (niedrigere SEQUENCE) oder wurde schon übernommen.',
  'reason.cancel.applied':
    '{organizer, select, none {Der Organisator} other {{organizer}}} hat „{summary}“ abgesagt; der Termin bleibt als abgesagt im Kalender.',
  'reason.cancel.appliedFrom':
    '{organizer, select, none {Der Organisator} other {{organizer}}} hat „{summary}“ ab {from} abgesagt; die Termine bleiben als abgesagt im Kalender.',
  'reason.cancel.nothingFrom': 'Die Serie „{summary}“ hat ab {from} keine Termine mehr; die Absage ändert nichts.',
  'reason.cancel.appliedInstances':
    '{organizer, select, none {Der Organisator} other {{organizer}}} hat „{summary}“ am {instances} abgesagt; die Termine bleiben als abgesagt im Kalender.',
  'reason.cancel.dismissed': 'Verworfen; die Absage wurde nicht übernommen.',
  'reason.add.refreshNewRule':
    'Die neuen Termine von „{summary}“ kommen als neue Regel, die sich nicht einfügen lässt; der Organisator wurde gebeten, die Serie erneut zu senden (REFRESH).',
  'reason.add.refreshMissing':
    'Die Serie „{summary}“ steht nicht im Kalender; der Organisator wurde gebeten, sie erneut zu senden (REFRESH).',
  'reason.add.outdated': 'Diese neuen Termine gehören zu einer älteren Fassung der Serie.',
  'reason.add.known': 'Diese Termine stehen schon im Kalender.',
  'reason.add.applied': '{count, plural, one {# Termin wurde} other {# Termine wurden}} zu „{summary}“ hinzugefügt.',
  'reason.add.dismissed': 'Verworfen; die Termine wurden nicht hinzugefügt.',
  'reason.declineCounter.unknownEvent':
    'Der Organisator hat einen Vorschlag zu „{summary}“ abgelehnt; der Termin steht nicht im Kalender.',
  'reason.declineCounter.noted':
    'Der Organisator hat Ihren Änderungsvorschlag zu „{summary}“ abgelehnt; der Termin bleibt, wie er ist.',
  'reason.declineCounter.notedWithComment':
    'Der Organisator hat Ihren Änderungsvorschlag zu „{summary}“ abgelehnt: „{comment}“; der Termin bleibt, wie er ist.',

  'reason.organizer.noEvent':
    'Im Kalender gibt es keinen Termin mit dieser UID, daher lässt sich die {method} nicht übernehmen.',
  'reason.organizer.noOrganizer':
    'Sie organisieren diesen Termin nicht, daher ist die {method} nicht für Sie bestimmt.',
  'reason.organizer.notMine':
    'Sie organisieren diesen Termin nicht (sondern {organizer}), daher ist die {method} nicht für Sie bestimmt.',
  'reason.reply.noAttendee': 'Die Antwort nennt keinen Teilnehmer.',
  'reason.reply.noInstance': 'Die Antwort gilt einem Termin, den diese Serie nicht hat.',
  'reason.reply.olderVersion':
    'Die Antwort bezieht sich auf eine ältere Fassung des Termins (SEQUENCE {sequence}, aktuell {current}); sie wurde nicht übernommen.',
  'reason.reply.alreadyApplied': 'Diese Antwort von {who} wurde schon übernommen, oder eine neuere.',
  'reason.reply.applied':
    '{name} hat „{summary}“{instance, select, all {} other { für {instance}{range, select, yes { und jeden späteren Termin} other {}}}} {partstat, select, ACCEPTED {zugesagt} DECLINED {abgesagt} TENTATIVE {vorläufig zugesagt} DELEGATED {weitergeleitet} other {mit {answer} beantwortet}}.',
  'reason.reply.crasherAdded':
    '{who} wurde zu „{summary}“ hinzugefügt ({answer}); eine Einladung ging an diese Person.',
  'reason.reply.crasherIgnored': 'Die Antwort von {who} wurde ignoriert; die Person wurde nicht hinzugefügt.',
  'reason.reply.crasher':
    '{name} ist zu „{summary}“ nicht eingeladen, hat aber geantwortet ({answer}). Bestätigen Sie, um die Person hinzuzufügen, oder ignorieren Sie die Antwort.',
  'reason.reply.crasherDelegated':
    '{name} ist zu „{summary}“ nicht eingeladen, hat aber geantwortet ({answer}). Laut Antwort hat {delegators} die Teilnahme weitergegeben, doch der Termin zeigt diese Weitergabe nicht. Bestätigen Sie, um die Person hinzuzufügen, oder ignorieren Sie die Antwort.',
  'reason.reply.dismissed': 'Verworfen; die Antwort wurde nicht übernommen.',
  'reason.counter.noAttendee': 'Der Gegenvorschlag nennt keinen Teilnehmer.',
  'reason.counter.noInstance': 'Der Gegenvorschlag gilt einem Termin, den diese Serie nicht hat.',
  'reason.counter.notAttendee': '{who} nimmt an „{summary}“ nicht teil; der Gegenvorschlag wurde ignoriert.',
  'reason.counter.outdated': 'Der Gegenvorschlag bezieht sich auf eine ältere Fassung von „{summary}“.',
  'reason.counter.instanceGone': 'Diesen Termin gibt es nicht mehr.',
  'reason.counter.accepted':
    'Der Vorschlag von {who} wurde angenommen: „{summary}“ beginnt jetzt {start}; die Änderung ging an {count, plural, one {# Teilnehmer} other {# Teilnehmer}}.',
  'reason.counter.declined': 'Der Vorschlag von {who} zu „{summary}“ wurde abgelehnt; die Person wurde benachrichtigt.',
  'reason.counter.ignored': 'Der Gegenvorschlag wurde ignoriert; es wurde nichts gesendet.',
  'reason.counter.proposal':
    '{name} schlägt vor, „{summary}“ zu ändern{moved, select, yes {: von {from} auf {to}} other {}}{moves, select, yes {, Ort: {location}} other {}}.',
  'reason.refresh.notAttendee':
    '{who, select, none {Der Absender} other {{who}}} nimmt an „{summary}“ nicht teil, daher wird der Termin nicht gesendet.',
  'reason.refresh.sent': 'Die aktuelle Fassung von „{summary}“ ging auf Wunsch an {who}.',
  'reason.freebusy.noAction': 'Eine Frei/Belegt-Nachricht ({method}) erfordert nichts.',
  'reason.freebusy.notForMe': 'Die Frei/Belegt-Anfrage fragt nicht nach Ihrer Zeit oder hat keinen gültigen Zeitraum.',
  'reason.freebusy.sent':
    'Ihre belegten Zeiten ({count, plural, one {# Zeitraum} other {# Zeiträume}}) gingen an {who}.',
  'reason.freebusy.unknown':
    '{who} hat nach Ihren freien und belegten Zeiten gefragt, aber diese werden nur mit Personen aus Ihrem Kalender oder Ihren Kontakten geteilt.',

  'reason.respond.answered':
    'Ihre Antwort auf „{summary}“{instance, select, all {} other { am {instance}}} lautet jetzt {partstat, select, ACCEPTED {Zusage} TENTATIVE {vorläufige Zusage} DECLINED {Absage} other {{partstat}}}{kept, plural, =0 {} one { (# Termin, den Sie einzeln beantwortet haben, behält seine Antwort)} other { (# Termine, die Sie einzeln beantwortet haben, behalten ihre Antworten)}}; {sent, select, yes {eine Antwort geht an den Organisator} noOrganizer {es geht keine Antwort hinaus: Der Termin nennt keinen Organisator, an den sie gehen könnte} notAsked {es geht keine Antwort hinaus: Der Organisator hat um keine gebeten (RSVP=FALSE)} other {es geht keine Antwort hinaus: Der Organisator soll keine Terminnachrichten erhalten (SCHEDULE-AGENT)}}.',

  'reason.bounce.unreadable':
    'Ein Unzustellbarkeitsbericht enthält eine Kalendernachricht, die sich nicht lesen lässt ({code}); nichts wurde geändert.',
  'reason.bounce.delayed':
    'Das Mailsystem versucht noch, {method, select, REQUEST {Ihre Einladung} CANCEL {Ihre Absage} ADD {Ihre zusätzlichen Termine} DECLINECOUNTER {Ihre Antwort auf einen Vorschlag} PUBLISH {Ihren Termin} REPLY {Ihre Antwort} COUNTER {Ihren Vorschlag} REFRESH {Ihre Bitte um den aktuellen Termin} other {Ihre Nachricht}} an {recipients} zuzustellen (verzögert, nicht gescheitert); nichts wurde geändert.',
  'reason.bounce.noFailure':
    'Ein Zustellbericht zu {method, select, REQUEST {Ihrer Einladung} CANCEL {Ihrer Absage} ADD {Ihren zusätzlichen Terminen} DECLINECOUNTER {Ihrer Antwort auf einen Vorschlag} PUBLISH {Ihrem Termin} REPLY {Ihrer Antwort} COUNTER {Ihrem Vorschlag} REFRESH {Ihrer Bitte um den aktuellen Termin} other {Ihrer Nachricht}} nennt keinen gescheiterten Empfänger; nichts wurde geändert.',
  'reason.bounce.refusalNoRecipient':
    'Ihr Mailserver hat Ihre {method} abgelehnt, ohne einen Empfänger zu nennen; nichts wurde geändert.',
  'reason.bounce.notMine':
    'Ein Unzustellbarkeitsbericht enthält eine {method}, die keine Ihrer Adressen gesendet hat ({failures}); nichts wurde geändert.',
  'reason.bounce.noEvent':
    '{method, select, REQUEST {Ihre Einladung} CANCEL {Ihre Absage} ADD {Ihre zusätzlichen Termine} DECLINECOUNTER {Ihre Antwort auf einen Vorschlag} PUBLISH {Ihr Termin} REPLY {Ihre Antwort} COUNTER {Ihr Vorschlag} REFRESH {Ihre Bitte um den aktuellen Termin} other {Ihre Nachricht}}{titled, select, yes { zu „{summary}“} other {}} konnte nicht zugestellt werden ({failures}). Der Termin steht nicht im Kalender, daher wurde nichts vermerkt.',
  'reason.bounce.nobodyMarked':
    '{method, select, REQUEST {Ihre Einladung} CANCEL {Ihre Absage} ADD {Ihre zusätzlichen Termine} DECLINECOUNTER {Ihre Antwort auf einen Vorschlag} PUBLISH {Ihr Termin} REPLY {Ihre Antwort} COUNTER {Ihr Vorschlag} REFRESH {Ihre Bitte um den aktuellen Termin} other {Ihre Nachricht}}{titled, select, yes { zu „{summary}“} other {}} konnte nicht zugestellt werden ({failures}). Keiner davon ist {role, select, attendee {Teilnehmer} other {Organisator}} des Termins im Kalender, daher wurde nichts vermerkt.',
  'reason.bounce.attendeesMarked':
    '{method, select, REQUEST {Ihre Einladung} CANCEL {Ihre Absage} ADD {Ihre zusätzlichen Termine} DECLINECOUNTER {Ihre Antwort auf einen Vorschlag} PUBLISH {Ihr Termin} REPLY {Ihre Antwort} COUNTER {Ihr Vorschlag} REFRESH {Ihre Bitte um den aktuellen Termin} other {Ihre Nachricht}}{titled, select, yes { zu „{summary}“} other {}} konnte nicht zugestellt werden ({failures}): {marked} {count, plural, one {hat sie nicht erhalten; der Kalender vermerkt das bei diesem Teilnehmer} other {haben sie nicht erhalten; der Kalender vermerkt das bei diesen Teilnehmern}}.',
  'reason.bounce.organizerMarked':
    '{method, select, REQUEST {Ihre Einladung} CANCEL {Ihre Absage} ADD {Ihre zusätzlichen Termine} DECLINECOUNTER {Ihre Antwort auf einen Vorschlag} PUBLISH {Ihr Termin} REPLY {Ihre Antwort} COUNTER {Ihr Vorschlag} REFRESH {Ihre Bitte um den aktuellen Termin} other {Ihre Nachricht}}{titled, select, yes { zu „{summary}“} other {}} konnte nicht zugestellt werden ({failures}): Der Organisator hat Ihre Antwort nicht erhalten; der Kalender vermerkt das beim Organisator.',

  'warning.dmarcFailed':
    'Der empfangende Mailserver meldet, dass diese Nachricht DMARC nicht bestanden hat: Die Domain des Absenders bürgt nicht für sie.',
  'warning.noOriginator':
    'Die Nachricht nennt weder Organisator noch Teilnehmer, an denen sich der Absender prüfen ließe.',
  'warning.noFrom':
    'Die Mail hat keine Absenderadresse (From), daher lässt sich nicht zeigen, dass sie von {originator} kommt.',
  'warning.proposalInReply':
    'Outlook hat den Vorschlag als Antwort geschickt: Die Antwort von {name} ({partstat, select, ACCEPTED {Zusage} DECLINED {Absage} TENTATIVE {vorläufige Zusage} other {{partstat}}}) wird wie jede Antwort vermerkt; die vorgeschlagene Zeit gilt erst, wenn Sie sie annehmen.',
  'warning.replyAlias':
    'Die Antwort nennt {alias} als Teilnehmer, der nicht eingeladen ist, kommt aber von {attendee}, der eingeladen ist: Sie gilt als Antwort von {attendee}.',
  'warning.notFromOriginator': 'Die Mail kommt von {senders}, nicht von {originator}.',
  'warning.notFromOriginatorOrSentBy':
    'Die Mail kommt von {senders}, nicht von {originator} oder {sentBy} in deren Auftrag.',
  'warning.organizerChanged':
    'Der Organisator hat sich von {before} zu {after} geändert; das können nur Sie bestätigen.',
  'warning.headerMethodUsed': 'Im Kalenderteil fehlt METHOD; verwendet wurde method={method} aus dem Mail-Header.',
  'warning.methodMismatch':
    'Der Mail-Header sagt method={header}, der Kalender aber METHOD:{body}; verwendet wurde der Kalender.',
  'warning.unknownZones':
    '{count, plural, one {Unbekannte Zeitzone} other {Unbekannte Zeitzonen}} {zones}: Die Zeiten gelten als ortsunabhängig (floating).',
  'warning.outlookLeftoverDropped':
    'Eine übrig gebliebene Outlook-Ausnahme ohne Organisator, Teilnehmer und Beginn wurde verworfen.',
  'warning.organizerInherited': 'Eine Ausnahme ohne ORGANIZER hat den Organisator der Serie übernommen.',
  'warning.counterDisallowed':
    'Der Termin wurde mit gesperrten Gegenvorschlägen gesendet (X-MICROSOFT-DISALLOW-COUNTER).',
};
