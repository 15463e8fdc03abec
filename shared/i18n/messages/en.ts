/**
 * English: the reference catalogue. Every key the product uses is defined here; other languages may lack a
 * key (English is shown then) but may not add one. Keys are grouped by the part of the product that uses them;
 * each group lives in its own file and is spread in here.
 */
import { accounts } from './en/accounts.js';
import { caldav } from './en/caldav.js';
import { calendars } from './en/calendars.js';
import { common } from './en/common.js';
import { correctness } from './en/correctness.js';
import { desktop } from './en/desktop.js';
import { ical } from './en/ical.js';
import { lookalike } from './en/lookalike.js';
import { organize } from './en/organize.js';
import { outgoing } from './en/outgoing.js';
import { reasons } from './en/reasons.js';
import { reliability } from './en/reliability.js';
import { reminders } from './en/reminders.js';
import { settings } from './en/settings.js';
import { ui } from './en/ui.js';
import { uiDetails } from './en/uiDetails.js';
import { uiScope } from './en/uiScope.js';

export const en = {
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
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
