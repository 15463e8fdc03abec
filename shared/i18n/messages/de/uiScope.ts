/** German for the choices between one meeting and the whole series, attendee counts and the app's reasons. */
import type { uiScope as english } from '../en/uiScope.js';

export const uiScope: Record<keyof typeof english, string> = {
  'ui.scope.legend': 'Meine Antwort gilt für',
  'ui.scope.occurrence': 'Nur diesen Termin ({when})',
  'ui.scope.series': 'Die ganze Serie',
  'ui.scope.partOf': 'Ein Termin einer Serie: {rule}',
  'ui.scope.oneOfSeries': 'Ein Termin einer Serie',
  'ui.scope.removeLegend': 'Entfernen',
  'ui.scope.removeOccurrence': 'Diesen Termin entfernen',
  'ui.scope.removeSeries': 'Die ganze Serie entfernen',
  'ui.scope.cancelledOne':
    'Der Organisator hat diesen Termin abgesagt. Die anderen Termine der Serie bleiben in Ihrem Kalender.',
  'ui.scope.seriesCancelled': 'Der Organisator hat die ganze Serie abgesagt.',
  'reason.removedOccurrence': 'Den Termin von „{summary}“ am {instance} aus dem Kalender entfernt.',

  'ui.activity.openDecision': 'Zur Entscheidung',

  'ui.attendees.count.accepted': '{count} zugesagt',
  'ui.attendees.count.declined': '{count} abgesagt',
  'ui.attendees.count.tentative': '{count} vielleicht',
  'ui.attendees.count.waiting': '{count} ausstehend',
  'ui.attendees.count.delegated': '{count} weitergeleitet',

  'ui.reason.heldBack':
    'Nicht von selbst übernommen: {held, select, never {Nach Ihrer Einstellung wird nichts eingetragen, bevor Sie entscheiden.} unknown {{sender, select, none {Der Absender} other {{sender}}} steht weder in Ihrem Kalender noch in Ihren Kontakten.} other {Der Absender konnte nicht bestätigt werden (siehe Warnung).}} „Übernehmen“ wird {action, select, storeOwnInvitation {Ihre eigene Einladung speichern} addInvitation {die Einladung als noch nicht beantwortet in Ihren Kalender eintragen} moveEvent {den Termin auf die neue Zeit verschieben} applyUpdate {die Änderungen des Organisators an „{summary}“ übernehmen} addPublished {„{summary}“ in Ihren Kalender eintragen} cancel {„{summary}“ als abgesagt markieren} addInstances {die zusätzlichen Termine zu „{summary}“ eintragen} askRefresh {den Organisator bitten, die ganze Serie zu senden} noteDeclineCounter {vermerken, dass der Organisator Ihren Vorschlag abgelehnt hat} recordReply {in Ihrem Kalender vermerken, dass {who} „{summary}“{instance, select, all {} other { am {instance}}} {partstat, select, ACCEPTED {zugesagt hat} DECLINED {abgesagt hat} TENTATIVE {mit „vielleicht“ beantwortet hat} DELEGATED {weitergeleitet hat} other {mit {answer} beantwortet hat}}} sendEvent {den aktuellen Termin an {who} senden} sendBusy {Ihre freien und belegten Zeiten an {who} senden} other {die Änderung vornehmen}}; „Ignorieren“ lässt Ihren Kalender, wie er ist.',
};
