import type { MessageKey } from '../en.js';

export const settings: Partial<Record<MessageKey, string>> = {
  'settings.source.configFile': 'In der Konfigurationsdatei festgelegt.',
  'settings.source.overridesFile':
    'Hier geändert; beim nächsten Start gilt wieder der Wert aus der Konfigurationsdatei.',
  'settings.source.dataDir': 'Im Datenordner gespeichert.',
  'settings.source.default': 'Voreinstellung.',
  'settings.configFileReplaced':
    'Einstellungen: {setting} „{value}“ aus der Konfigurationsdatei ersetzt „{saved}“ aus {file}',
};
