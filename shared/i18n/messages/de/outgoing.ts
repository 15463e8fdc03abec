import type { MessageKey } from '../en.js';

export const outgoing: Partial<Record<MessageKey, string>> = {
  'outgoing.untitled': 'Termin',
  'outgoing.comment': 'Kommentar: {comment}',
  'outgoing.reply.subject':
    '{partstat, select, ACCEPTED {Zugesagt} DECLINED {Abgesagt} TENTATIVE {Vorläufig zugesagt} DELEGATED {Weitergeleitet} other {Antwort}}: {summary}',
  'outgoing.reply.text':
    '{partstat, select, ACCEPTED {{me} hat „{summary}“ zugesagt.} DECLINED {{me} hat „{summary}“ abgesagt.} TENTATIVE {{me} hat „{summary}“ vorläufig zugesagt.} DELEGATED {{me} hat „{summary}“ weitergeleitet.} other {{me} hat auf „{summary}“ geantwortet.}}',
  'outgoing.request.invitation': 'Einladung: {summary}',
  'outgoing.request.updatedInvitation': 'Aktualisierte Einladung: {summary}',
  'outgoing.request.updated': 'Geändert: {summary}',
  'outgoing.request.created': 'Sie sind zu „{summary}“ eingeladen.',
  'outgoing.request.changed': '„{summary}“ wurde geändert.',
  'outgoing.request.added': 'Sie wurden zu „{summary}“ hinzugefügt.',
  'outgoing.request.resent': 'Die aktuelle Fassung von „{summary}“, wie von {who} erbeten.',
  'outgoing.request.counterAccepted': '„{summary}“ wurde geändert, wie {who} vorgeschlagen hat.',
  'outgoing.request.endsBefore':
    '„{summary}“ endet vor {instance}: Dieser und alle folgenden Termine der Serie sind abgesagt.',
  'outgoing.cancel.subject': 'Abgesagt: {summary}',
  'outgoing.cancel.text': '„{summary}“ wurde abgesagt.',
  'outgoing.cancel.textOccurrence': '„{summary}“ am {instance} wurde abgesagt.',
  'outgoing.declineCounter.subject': 'Vorschlag abgelehnt: {summary}',
  'outgoing.declineCounter.text': 'Der Organisator hat Ihre vorgeschlagene Änderung an „{summary}“ abgelehnt.',
  'outgoing.refresh.subject': 'Bitte erneut senden: {summary}',
  'outgoing.refresh.text': 'Der Organisator wird um die aktuelle Fassung dieses Termins gebeten.',
  'outgoing.freebusy.subject': 'Frei/Gebucht-Informationen',
  'outgoing.freebusy.text': 'Belegte Zeiten von {me} vom {start} bis {end}.',
  'outgoing.counter.subject': 'Neue Zeit vorgeschlagen: {summary}',
  'outgoing.counter.text': '{me} schlägt eine neue Zeit für „{summary}“ vor.',
  'outgoing.delegate.subject': 'An Sie weitergeleitet: {summary}',
  'outgoing.delegate.text': '{me} bittet Sie, an „{summary}“ stellvertretend teilzunehmen.',
};
