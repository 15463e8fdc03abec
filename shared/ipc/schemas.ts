/**
 * Runtime validators for every `MainApi` argument (the contract's types say what may cross; these check that what
 * did cross is that). Checked once, at the transport boundary (electron/ipc/serveMainApi.ts, for Electron IPC and
 * the web host's HTTP alike), so a malformed call is refused the same way whichever transport carried it:
 * `INVALID_ARGUMENT` with a sentence naming the field.
 */
import { z } from 'zod';
import { CHOICES, POLICIES } from '../model/domain.js';
import { instantOf } from '../model/instant.js';
import { parseTimeframe } from '../util/duration.js';
import { normalizeAddress } from '../util/address.js';
import { LANGUAGE_SETTINGS } from '../i18n/catalogue.js';
import type { Message } from '../i18n/index.js';
import { patternProblem, type PatternProblem } from '../itip/imipPatterns.js';
import { MAIN_API_METHODS, type IpcResult, type MainApi, type MainApiMethod } from './contract.js';

// The domain lists live in shared/model; re-exported for the adapters that validate with them next to these schemas.
export { CHOICES, MESSAGE_KINDS, OUTCOMES, POLICIES } from '../model/domain.js';
export { instantOf } from '../model/instant.js';

/** The argument a method takes (undefined for methods without one). */
export type ArgOf<K extends MainApiMethod> = Parameters<MainApi[K]>[0];
/** The value inside a method's successful result. */
export type ValueOf<K extends MainApiMethod> = Awaited<ReturnType<MainApi[K]>> extends IpcResult<infer T> ? T : never;

const isoInstant = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .refine((s) => instantOf(s) !== null, { message: 'must be an ISO 8601 date or date-time' });
const address = z
  .string()
  .trim()
  .max(254)
  .regex(/^(mailto:)?[^@\s<>]+@[^@\s<>]+$/i, { message: 'must be an email address' });
const noArgs = z.union([z.undefined(), z.null(), z.strictObject({})]).transform((): undefined => undefined);
const timeframe = z
  .string()
  .max(100)
  .superRefine((s, ctx) => {
    const parsed = parseTimeframe(s);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error.message });
  });

/** The default reminder's bounds: at the start up to a week before it (electron/settings `reminderMinutesOf`). */
export const MAX_REMINDER_MINUTES = 7 * 24 * 60;
/** More than a person maintains by hand; each pattern is tried against every attendee of every message sent. */
export const MAX_IMIP_PATTERNS = 100;

const PATTERN_PROBLEM_KEYS = {
  empty: 'settings.imipPatterns.empty',
  regexp: 'settings.imipPatterns.regexp',
  spaces: 'settings.imipPatterns.spaces',
  'at-signs': 'settings.imipPatterns.atSigns',
  'too-long': 'settings.imipPatterns.tooLong',
} as const satisfies Record<PatternProblem, string>;

/** A refusal the person reads: the catalogue's message rides on the issue (validateArg puts it on the error). */
function refuse(ctx: z.RefinementCtx, message: string, reason: Message, path: (string | number)[] = []): void {
  ctx.addIssue({ code: 'custom', message, path, params: { reason } });
}

/**
 * The iMIP address patterns (shared/itip/imipPatterns.ts) as Settings saves them: each one usable, none twice, kept
 * trimmed. A refusal names the pattern and what is wrong with it.
 */
const imipPatterns = z
  .array(z.string().max(10_000))
  .superRefine((list, ctx) => {
    if (list.length > MAX_IMIP_PATTERNS) {
      const params = { max: MAX_IMIP_PATTERNS };
      return refuse(ctx, `at most ${MAX_IMIP_PATTERNS} patterns`, { key: 'settings.imipPatterns.tooMany', params });
    }
    const seen = new Set<string>();
    for (const [i, raw] of list.entries()) {
      const pattern = raw.trim();
      const problem = patternProblem(pattern);
      if (problem)
        return refuse(
          ctx,
          `pattern "${pattern.slice(0, 100)}" cannot be used (${problem})`,
          { key: PATTERN_PROBLEM_KEYS[problem], params: { pattern: pattern.slice(0, 100) } },
          [i],
        );
      if (seen.has(pattern.toLowerCase()))
        return refuse(
          ctx,
          `pattern "${pattern.slice(0, 100)}" is listed twice`,
          { key: 'settings.imipPatterns.duplicate', params: { pattern: pattern.slice(0, 100) } },
          [i],
        );
      seen.add(pattern.toLowerCase());
    }
  })
  .transform((list) => list.map((p) => p.trim()));

/** A person's name as mail and calendars show it: one line. */
const personName = z
  .string()
  .trim()
  .max(200)
  .regex(/^[^\x00-\x1f\x7f]*$/, { message: 'must be one line' });

/**
 * The scheduling settings' one schema, field by field: Settings (`updateSettings`) and the configuration file
 * (electron/settings/agentConfig.ts) check the values they accept with these.
 */
export const SETTING_FIELDS = {
  policy: z.enum(POLICIES),
  timeframe,
  me: z.array(address).min(1, { message: 'needs at least one address' }).max(20),
  notifications: z.boolean(),
  startAtLogin: z.boolean(),
  /** The app's language, also that of the mail sent on my behalf (electron/settings/language.ts). */
  language: z.enum(LANGUAGE_SETTINGS),
  defaultReminderMinutes: z.number().int().min(0).max(MAX_REMINDER_MINUTES).nullable(),
  replyTokens: z.boolean(),
  imipAddressPatterns: imipPatterns,
  /** My name for the From of my mail and my CN in events I create; empty or null: none. */
  displayName: personName.nullable(),
  /**
   * A name for some of my addresses, used instead of `displayName` for mail from that address and in events I
   * organize as it; a name left empty is dropped. Keys are addresses (a mailto: prefix and case do not count).
   */
  addressNames: z
    .record(address, personName)
    .refine((names) => Object.keys(names).length <= 20, { message: 'at most 20 names' })
    .transform((names) => {
      const out: Record<string, string> = {};
      // Compared as the engine compares addresses (a mailto: prefix and case do not count).
      for (const [a, name] of Object.entries(names)) if (name !== '') out[normalizeAddress(a)] = name;
      return out;
    }),
};

export const serverSettingsSchema = z.strictObject({
  // Host names and IP literals (RFC 1123; brackets and colons for IPv6).
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.\-:[\]]+$/, { message: 'must be a host name or an IP address' }),
  port: z.number().int().min(1).max(65535),
  security: z.enum(['tls', 'starttls', 'none']),
  user: z.string().min(1).max(320),
});

const accountInput = z.strictObject({
  imap: serverSettingsSchema,
  smtp: serverSettingsSchema,
  /** Empty means "keep the stored password". */
  password: z.string().max(1024),
  smtpPassword: z.string().max(1024).optional(),
  me: z.array(address).max(20),
});

const uid = z.string().min(1).max(1000);
const rid = isoInstant.nullable();
const comment = z.string().max(2000).nullable().optional();
/** A date (all-day) or a date-time with or without offset: the engine reads it in the event's zone. */
const when = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/, {
    message: 'must be a date or date-time like 2026-03-10T10:00',
  });
const attendee = z.strictObject({ address, optional: z.boolean().optional() });
const text = (max: number) => z.string().max(max).nullable().optional();
const THREE_YEARS_MS = 3 * 366 * 86_400_000;

/**
 * A time window's checks: `to` after `from`, at most three years (recurrence expansion is bounded, but a view never
 * needs more than a couple of years at once).
 */
function withinWindow(a: { readonly from: string; readonly to: string }, ctx: z.RefinementCtx): void {
  const from = instantOf(a.from) ?? 0;
  const to = instantOf(a.to) ?? 0;
  if (to <= from) ctx.addIssue({ code: 'custom', message: '"to" must be after "from"', path: ['to'] });
  else if (to - from > THREE_YEARS_MS)
    ctx.addIssue({ code: 'custom', message: 'the range may span at most three years', path: ['to'] });
}
const flowId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: 'must be a sign-in id' });
/** A reminder's key (shared/calendar/nextAlarms.ts: UID, instance, alarm, repeat and time). */
const reminderKey = z.string().min(1).max(2000);
const accountId = z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, { message: 'must be an account id' });
const clientId = z.string().trim().min(1).max(512);
const oauthChoice = z.discriminatedUnion('provider', [
  z.strictObject({ provider: z.enum(['microsoft', 'google']), clientId: clientId.optional() }),
  z.strictObject({
    provider: z.literal('oidc'),
    issuer: z
      .string()
      .trim()
      .max(2048)
      .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i, { message: 'must be an http(s) URL' }),
    clientId,
  }),
]);
/** A calendar server as the account form names it: a URL (http only for this machine, checked again later) or a domain. */
const calDavInput = z.strictObject({
  url: z
    .string()
    .trim()
    .min(1)
    .max(2048)
    .regex(/^(https?:\/\/[^\s/?#]+[^\s]*|[^\s/:@]+\.[^\s/:@]+)$/i, { message: 'must be a URL or a domain' }),
  user: z.string().trim().min(1).max(512),
  samePassword: z.boolean(),
  password: z.string().max(1024),
  calendar: z.string().min(1).max(2000).nullable().optional(),
});

const mailAccountInput = z.strictObject({
  id: accountId.nullable().optional(),
  me: z.array(address).min(1, { message: 'needs at least one address' }).max(20),
  protocol: z.enum(['imap', 'pop3']),
  incoming: serverSettingsSchema,
  smtp: serverSettingsSchema,
  auth: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('password'),
      /** Empty means "keep the stored password". */
      password: z.string().max(1024),
      smtpPassword: z.string().max(1024).optional(),
    }),
    z.strictObject({ kind: z.literal('oauth2'), oauth: oauthChoice, flowId: flowId.nullable() }),
  ]),
  caldav: calDavInput.nullable().optional(),
});

type Schemas = { [K in MainApiMethod]: z.ZodType<ArgOf<K>, unknown> };

export const ARG_SCHEMAS = {
  getOverview: noArgs,
  listDecisions: noArgs,
  decide: z.strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be a decision id' }),
    choice: z.enum(CHOICES),
    comment: z.string().max(2000).nullable().optional(),
  }),
  listEvents: z
    .strictObject({ from: isoInstant, to: isoInstant, includeCancelled: z.boolean().optional() })
    .superRefine(withinWindow),
  getEvent: z.strictObject({ uid: z.string().min(1).max(1000), recurrenceId: isoInstant.nullable() }),
  listActivity: z
    .strictObject({ limit: z.number().int().min(1).max(1000).optional() })
    .optional()
    .transform((a) => a ?? {}),
  getSettings: noArgs,
  updateSettings: z.strictObject({
    policy: SETTING_FIELDS.policy.optional(),
    timeframe: SETTING_FIELDS.timeframe.optional(),
    me: SETTING_FIELDS.me.optional(),
    notifications: SETTING_FIELDS.notifications.optional(),
    startAtLogin: SETTING_FIELDS.startAtLogin.optional(),
    language: SETTING_FIELDS.language.optional(),
    defaultReminderMinutes: SETTING_FIELDS.defaultReminderMinutes.optional(),
    replyTokens: SETTING_FIELDS.replyTokens.optional(),
    imipAddressPatterns: SETTING_FIELDS.imipAddressPatterns.optional(),
    displayName: SETTING_FIELDS.displayName.optional(),
    addressNames: SETTING_FIELDS.addressNames.optional(),
  }),
  saveAccount: accountInput,
  testConnection: accountInput,
  // A contacts export of a few thousand cards is a few megabytes.
  importContacts: z.strictObject({ vcf: z.string().min(1).max(10_000_000) }),
  listCalendars: noArgs,
  chooseCalendar: z.strictObject({
    account: z.string().min(1).max(2000),
    href: z.string().min(1).max(2000).nullable(),
  }),
  findCalendars: z.strictObject({
    accountId: accountId.nullable().optional(),
    address,
    caldav: calDavInput,
    mailPassword: z.string().max(1024).optional(),
  }),
  getCalendarSync: noArgs,
  createEvent: z.strictObject({
    summary: z.string().trim().min(1).max(500),
    start: when,
    end: when,
    tz: z.string().max(100).nullable(),
    allDay: z.boolean(),
    location: text(1000),
    description: text(20_000),
    rrule: text(500),
    attendees: z.array(attendee).max(500),
  }),
  updateEvent: z.strictObject({
    uid,
    recurrenceId: rid,
    thisAndFuture: z.boolean().optional(),
    summary: text(500),
    start: when.nullable().optional(),
    end: when.nullable().optional(),
    location: text(1000),
    description: text(20_000),
    addAttendees: z.array(attendee).max(500).optional(),
    removeAttendees: z.array(address).max(500).optional(),
  }),
  cancelEvent: z.strictObject({ uid, recurrenceId: rid, thisAndFuture: z.boolean().optional(), comment }),
  suggestAddresses: z.strictObject({
    query: z.string().max(254),
    limit: z.number().int().min(1).max(50).optional(),
  }),
  respondToEvent: z.strictObject({
    uid,
    recurrenceId: rid,
    status: z.enum(['accepted', 'tentative', 'declined']),
    comment,
    sendReply: z.boolean(),
  }),
  counterEvent: z.strictObject({ uid, recurrenceId: rid, start: when, end: when, comment }),
  delegateEvent: z.strictObject({ uid, recurrenceId: rid, to: address, comment }),
  refreshEvent: z.strictObject({ uid }),
  removeEvent: z.strictObject({ uid, recurrenceId: rid.optional() }),
  undo: z
    .strictObject({
      id: z
        .string()
        .regex(/^[a-f0-9]{8}$/, { message: 'must be an undo id' })
        .nullable()
        .optional(),
    })
    .optional()
    .transform((a) => a ?? {}),
  listAlarms: z.strictObject({ from: isoInstant, to: isoInstant }).superRefine(withinWindow),
  listReminders: noArgs,
  snoozeReminder: z.strictObject({
    key: reminderKey,
    minutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
  }),
  dismissReminder: z.strictObject({ key: reminderKey }),
  listBusy: z
    .strictObject({ from: isoInstant, to: isoInstant, exceptUid: uid.nullable().optional() })
    .superRefine(withinWindow),
  listAccounts: noArgs,
  discoverAccount: z.strictObject({ address }),
  testAccount: mailAccountInput,
  saveMailAccount: mailAccountInput,
  removeAccount: z.strictObject({ id: accountId }),
  beginSignIn: z
    .strictObject({
      oauth: oauthChoice.optional(),
      loginHint: address.optional(),
      accountId: accountId.optional(),
      protocol: z.enum(['imap', 'pop3']).optional(),
    })
    .refine((a) => (a.oauth ? 1 : 0) + (a.accountId ? 1 : 0) === 1, {
      message: 'names either a provider (oauth) or an account (accountId)',
    }),
  finishSignIn: z.strictObject({ flowId }),
  cancelSignIn: z.strictObject({ flowId }),
} satisfies Schemas;

const schemasComplete: Exclude<MainApiMethod, keyof typeof ARG_SCHEMAS> extends never ? true : never = true;
void schemasComplete;

export function isMainApiMethod(name: unknown): name is MainApiMethod {
  return typeof name === 'string' && (MAIN_API_METHODS as readonly string[]).includes(name);
}

/**
 * Checks `raw` against the method's schema: the parsed argument, or INVALID_ARGUMENT naming the first problem (for
 * the log), with the catalogue's wording of it (`reason`) where the check gave one for the person.
 */
export function validateArg<K extends MainApiMethod>(method: K, raw: unknown): IpcResult<ArgOf<K>> {
  const schema = ARG_SCHEMAS[method] as z.ZodType<ArgOf<K>, unknown>;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length ? ` (${issue.path.map(String).join('.')})` : '';
  const reason = issue?.code === 'custom' ? (issue.params?.['reason'] as Message | undefined) : undefined;
  return {
    ok: false,
    error: {
      code: 'INVALID_ARGUMENT',
      message: `${method}: ${issue?.message ?? 'malformed argument'}${where}.`,
      ...(reason ? { reason } : {}),
    },
  };
}
