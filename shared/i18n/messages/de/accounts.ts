import type { MessageKey } from '../en.js';

export const accounts: Partial<Record<MessageKey, string>> = {
  'accounts.error.AUTH_SIGN_IN_AGAIN':
    'Bitte melden Sie sich bei {account} neu an: Der Anbieter akzeptiert die frühere Anmeldung nicht mehr.',
  'accounts.error.AUTH_CANCELLED': 'Die Anmeldung bei {account} wurde im Browser abgebrochen oder nicht abgeschlossen.',
  'accounts.error.AUTH_PROVIDER': 'Der Anmeldedienst von {account} hat eine unbrauchbare Antwort gegeben.',
  'accounts.error.AUTH_NO_STORE':
    'Die Anmeldung bei {account} kann auf diesem Computer nicht sicher gespeichert werden.',
  'accounts.error.AUTH_UNREACHABLE': 'Der Anmeldedienst von {account} ist gerade nicht erreichbar.',
  'accounts.error.CONFIG_INVALID': 'Die Einstellungen von {account} sind unvollständig: {detail}',
  'accounts.signIn.openBrowser': 'Setzen Sie die Anmeldung bei {account} im Browser fort.',
  'accounts.signIn.done': 'Bei {account} angemeldet.',
  'accounts.discover.found': '{count, plural, one {# Server} other {# Server}} für {domain} gefunden.',
  'accounts.discover.nothing': 'Für {domain} wurde nichts gefunden; bitte die Server von Hand eintragen.',
  'accounts.discover.guess': 'Diese Servernamen sind aus dem Mail-Exchanger geraten; bitte vor der Nutzung testen.',
};
