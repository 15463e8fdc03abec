import type { MessageKey } from '../en.js';

export const settings: Partial<Record<MessageKey, string>> = {
  'settings.source.configFile': 'In der Konfigurationsdatei festgelegt.',
  'settings.source.overridesFile':
    'Hier geändert; beim nächsten Start gilt wieder der Wert aus der Konfigurationsdatei.',
  'settings.source.dataDir': 'Im Datenordner gespeichert.',
  'settings.source.default': 'Voreinstellung.',
  'settings.configFileReplaced':
    'Einstellungen: {setting} „{value}“ aus der Konfigurationsdatei ersetzt „{saved}“ aus {file}',
  'settings.imipPatterns.empty': 'Ein Muster darf nicht leer sein.',
  'settings.imipPatterns.regexp':
    '„{pattern}“ ist kein lesbarer regulärer Ausdruck: Prüfen Sie Klammern und Backslashes.',
  'settings.imipPatterns.spaces':
    '„{pattern}“ enthält ein Leerzeichen oder Komma: Geben Sie ein Muster nach dem anderen ein.',
  'settings.imipPatterns.atSigns':
    '„{pattern}“ enthält mehr als ein @: Ein Muster ist eine Adresse, etwa *@example.com.',
  'settings.imipPatterns.tooLong': '„{pattern}…“ ist zu lang: Ein Muster hat höchstens 500 Zeichen.',
  'settings.imipPatterns.tooMany': 'Es sind höchstens {max} Muster möglich.',
  'settings.imipPatterns.duplicate': '„{pattern}“ steht schon in der Liste.',
  'ui.settings.meetings': 'Besprechungen',
  'ui.settings.reminder': 'Erinnern an Besprechungen, die ich zusage oder organisiere',
  'ui.settings.reminder.none': 'Keine Erinnerung',
  'ui.settings.reminder.atStart': 'Zu Beginn',
  'ui.settings.reminder.minutes': '{count, plural, one {# Minute vorher} other {# Minuten vorher}}',
  'ui.settings.reminder.hours': '{count, plural, one {# Stunde vorher} other {# Stunden vorher}}',
  'ui.settings.reminder.days': '{count, plural, one {# Tag vorher} other {# Tage vorher}}',
  'ui.settings.reminder.help':
    'Wird einer Besprechung ohne eigene Erinnerung hinzugefügt. Sie bleibt in Ihrem Kalender und wird nie an andere gesendet.',
  'ui.settings.replyTokens': 'Eine eigene Antwortadresse für jede Besprechung, die ich erstelle',
  'ui.settings.replyTokens.help':
    'Einladungen kommen von einer Adresse wie {example}, damit Antworten ihre Besprechung finden, auch wenn der andere Kalender sie verändert; Ihr Mailserver muss solche +-Adressen an Sie zustellen.',
  'ui.settings.imipPatterns': 'Einladungen per Mail senden an',
  'ui.settings.imipPatterns.everyone': 'Alle: Es sind keine Muster festgelegt.',
  'ui.settings.imipPatterns.label': 'Adressmuster',
  'ui.settings.imipPatterns.add': 'Muster hinzufügen',
  'ui.settings.imipPatterns.addButton': 'Muster hinzufügen',
  'ui.settings.imipPatterns.remove': 'Entfernen',
  'ui.settings.imipPatterns.removeLabel': '{pattern} entfernen',
  'ui.settings.imipPatterns.help':
    'Eine Adresse wie *@example.com, eine Domain wie partner.org oder ein /regulärer Ausdruck/. Teilnehmende, auf die keines passt, bleiben in der Besprechung und werden angezeigt, bekommen aber keine Mail, etwa Besprechungsräume.',
};
