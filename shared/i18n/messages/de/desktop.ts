import type { MessageKey } from '../en.js';

/** German for the desktop shell's words outside the window (see en/desktop.ts for the parameters). */
export const desktop: Partial<Record<MessageKey, string>> = {
  'desktop.decision.title': '{kind}: {summary}',
  'desktop.tray.tooltip':
    '{count, plural, =0 {iMIP Companion: nichts zu entscheiden} one {iMIP Companion: # offene Entscheidung} other {iMIP Companion: # offene Entscheidungen}}',
  'desktop.tray.status':
    '{count, plural, =0 {Nichts zu entscheiden} one {# offene Entscheidung} other {# offene Entscheidungen}}',
  'desktop.tray.open': 'iMIP Companion öffnen',
  'desktop.tray.quit': 'Beenden',
};
