/** German. Keys are those of the English catalogue; a missing one shows in English. */
import type { MessageKey } from './en.js';
import { accounts } from './de/accounts.js';
import { caldav } from './de/caldav.js';
import { calendars } from './de/calendars.js';
import { common } from './de/common.js';
import { correctness } from './de/correctness.js';
import { desktop } from './de/desktop.js';
import { ical } from './de/ical.js';
import { lookalike } from './de/lookalike.js';
import { organize } from './de/organize.js';
import { outgoing } from './de/outgoing.js';
import { reasons } from './de/reasons.js';
import { reliability } from './de/reliability.js';
import { reminders } from './de/reminders.js';
import { settings } from './de/settings.js';
import { ui } from './de/ui.js';
import { uiDetails } from './de/uiDetails.js';
import { uiScope } from './de/uiScope.js';

export const de: Partial<Record<MessageKey, string>> = {
  ...accounts,
  ...caldav,
  ...calendars,
  ...common,
  ...correctness,
  ...desktop,
  ...ical,
  ...lookalike,
  ...organize,
  ...outgoing,
  ...reasons,
  ...reliability,
  ...reminders,
  ...settings,
  ...ui,
  ...uiDetails,
  ...uiScope,
};
