/**
 * The product's domain vocabulary as values: every policy, choice, outcome and kind of message, and the defaults a
 * fresh data dir starts with. The types in decisions.ts are derived from these lists, so a list and its type can
 * never disagree; validators (IPC, CLI, config files) check input against them.
 */

/** How much is applied without asking (README "Policy"). */
export const POLICIES = ['always', 'known', 'never'] as const;

/** What a person can answer to a decision. */
export const CHOICES = [
  'accept',
  'tentative',
  'decline',
  'apply',
  'approve',
  'ignore',
  'accept-counter',
  'decline-counter',
] as const;

/** What became of one message or decision. */
export const OUTCOMES = ['applied', 'pending', 'ignored', 'error'] as const;

/** What kind of message the engine found (also the kind of a decision waiting for a person). */
export const MESSAGE_KINDS = [
  'invitation',
  'update',
  'reschedule',
  'cancel',
  'reply',
  'party-crasher',
  'counter',
  'declinecounter',
  'refresh',
  'add',
  'publish',
  'freebusy',
  'outdated',
  'unsupported',
  'invalid',
  'not-scheduling',
] as const;

/** Only changes from people already in the calendar or the contacts are applied without asking. */
export const DEFAULT_POLICY: (typeof POLICIES)[number] = 'known';

/** Messages received longer ago than this are not processed automatically (shared/util/duration.ts syntax). */
export const DEFAULT_TIMEFRAME = '4W';
