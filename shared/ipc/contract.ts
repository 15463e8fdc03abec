/**
 * The one contract between the main process (or the web host) and the renderer: every method the UI may call,
 * every event it may receive, and the plain-data shapes that cross. Nothing here runs I/O; the Electron preload,
 * the IPC registration and the web host's HTTP / Server-Sent Events bridge are all built from these names.
 */
import type { Choice, EventView, MessageKind, Outcome, PendingDecision, Policy } from '../model/decisions.js';
import type { OccurrenceView } from '../calendar/queries.js';
import type { LanguageSetting, Message } from '../i18n/index.js';
import type { AlarmView } from '../calendar/nextAlarms.js';
import type { EventChange, NewAttendee, NewEvent } from '../itip/index.js';

export type { AlarmView };

/** A reminder that has fired (main process, electron/reminders) and is showing: not dismissed, not snoozed now. */
export interface ReminderView extends AlarmView {
  /** When it was shown (ISO). */
  readonly firedAt: string;
  /** It was due while the app was closed or the machine asleep, and is shown late (once). */
  readonly missed: boolean;
}
import type { OccurrenceChange } from '../model/decisions.js';

/** Errors cross as data (Electron keeps only an error's message): a code from IPC_ERRORS and a sentence. */
export interface IpcError {
  readonly code: IpcErrorCode;
  readonly message: string;
  /**
   * The failure as a catalogue message, where the service or the argument check words it more precisely than the
   * code (the account forms; a setting's value that cannot be used, e.g. an iMIP address pattern).
   */
  readonly reason?: Message;
}
export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

export const IPC_ERRORS = {
  INVALID_ARGUMENT: 'The request was malformed.',
  NOT_FOUND: 'That item does not exist (any more).',
  DECISION_FAILED: 'The decision could not be carried out.',
  NO_ACCOUNT: 'No mail account is set up yet.',
  SECRETS_UNAVAILABLE: 'Passwords cannot be stored safely here.',
  CONNECTION_FAILED: 'The connection test failed.',
  SIGN_IN_FAILED: 'The sign-in did not complete.',
  INTERNAL: 'Something went wrong inside the companion.',
  /** The web host's bridge: the host did not answer, the page's token is no longer valid, an answer was not JSON. */
  HOST_UNREACHABLE: 'The companion is not reachable.',
  HOST_SIGNED_OUT: 'This page is no longer signed in.',
  HOST_BAD_ANSWER: 'The companion gave an unexpected answer.',
} as const;
export type IpcErrorCode = keyof typeof IPC_ERRORS;

export type ConnectionState = 'not-configured' | 'connecting' | 'connected' | 'offline' | 'error';

/**
 * What is wrong with an account's servers, as the agent knows it (never read from a server's wording): the login
 * was refused (IMAP [AUTHENTICATIONFAILED], SMTP 535, POP3 -ERR to PASS/AUTH), the provider no longer accepts the
 * sign-in (RFC 6749 §5.2 invalid_grant), the server cannot be reached, its certificate or TLS failed, or it
 * answered something the client cannot use.
 */
export const ACCOUNT_PROBLEMS = [
  'AUTH_REFUSED',
  'AUTH_SIGN_IN_AGAIN',
  'CONNECT_FAILED',
  'TLS_FAILED',
  'SERVER_FAILED',
] as const;
export type AccountProblemCode = (typeof ACCOUNT_PROBLEMS)[number];
/** Which of an account's servers a problem is about ('oauth': the sign-in provider). */
export type AccountServerKind = 'imap' | 'pop3' | 'smtp' | 'oauth';

export interface ConnectionStatus {
  readonly state: ConnectionState;
  /** A sentence for the status bar, e.g. "Watching INBOX at imap.example.com" or what failed. */
  readonly message: string;
  /** What failed, as a code (absent or null while nothing did). */
  readonly code?: AccountProblemCode | null;
  /** The server `code` is about. */
  readonly server?: AccountServerKind | null;
  /** The same as catalogue messages (one per account), so the app words it in the person's language. */
  readonly details?: readonly Message[];
  readonly since: string;
}

export interface Overview {
  readonly openDecisions: number;
  readonly connection: ConnectionStatus;
  readonly me: readonly string[];
  readonly policy: Policy;
  /**
   * Files in the data dir that could not be used (corrupt, unreadable) or were moved aside to quarantine/: shown as
   * a notice until the person deals with them, never passed over in silence.
   */
  readonly dataProblems: readonly DataProblem[];
}

export interface DataProblem {
  readonly file: string;
  readonly message: string;
}

/**
 * A decision card's view model: the pending decision without what only the engine needs (the original message
 * text and envelope, where it lives on the server), plus what the UI needs around it.
 */
export interface DecisionView extends Omit<PendingDecision, 'message' | 'source'> {
  /** My events overlapping the proposed time (invitations and reschedules), as "summary (start–end)". */
  readonly conflicts: readonly {
    readonly uid: string;
    readonly summary: string;
    readonly start: string;
    readonly end: string;
  }[];
  /** The time zone the UI shows times in when it differs from the event's own (IANA name), else null. */
  readonly organizerZone: string | null;
  /** Single occurrences of a series the message moves, relocates or cancels (old → new), by date. */
  readonly changedOccurrences: readonly OccurrenceChange[];
  /**
   * Occurrences of the series my calendar's current copy has cancelled (EXDATE, or an override with
   * STATUS:CANCELLED), by instant (ISO): also those cancelled after the message arrived. Absent: none.
   */
  readonly cancelledOccurrences?: readonly string[];
}

export interface DecisionOutcome {
  readonly id: string;
  readonly outcome: Outcome;
  /** Why, as a catalogue message: the renderer words it in the person's language. */
  readonly reason: Message;
  /** Recipients of the iMIP messages the decision produced. */
  readonly sentTo: readonly string[];
  /** How to take the decision back while its mail is held (absent or null: not undoable). */
  readonly undo?: UndoTicket | null;
}

/** An undoable action: its id for `undo`, and until when (ISO) its mail is held. */
export interface UndoTicket {
  readonly id: string;
  readonly until: string;
  /** The grace period's length: the renderer counts down from when it got the ticket (its clock may differ). */
  readonly ms: number;
}

/** What an action on an event did (create, update, cancel, answer, counter, delegate, refresh, remove). */
export interface ActionOutcome {
  readonly uid: string;
  readonly outcome: Outcome;
  readonly sequence: number | null;
  /** Why, as a catalogue message. */
  readonly reason: Message;
  /** An error's code (the engine's, e.g. NOT_ORGANIZER), else null. */
  readonly code: string | null;
  readonly sentTo: readonly string[];
  readonly undo: UndoTicket | null;
  /** Attendees left unmailed by the iMIP address patterns (organizer's create, update, cancel). */
  readonly notMailed?: readonly string[];
}

/** A contact's address offered while typing an attendee (imported vCards and CardDAV address books). */
export interface AddressSuggestion {
  readonly address: string;
  readonly name: string | null;
}

export interface UndoOutcome {
  readonly outcome: 'undone' | 'error';
  /** UNDO_TOO_LATE, UNDO_NOT_FOUND or UNDO_CHANGED_SINCE when it could not be undone. */
  readonly code: string | null;
  readonly uid: string | null;
  readonly reason: Message;
}

/** The organizer's operations' inputs as the window sends them: no UID (the main process makes one), RECURRENCE-ID as text. */
export type NewAttendeeInput = Pick<NewAttendee, 'address' | 'optional'>;

/** A meeting I organize (times without offset are wall times in `tz`). */
export type NewEventInput = Omit<NewEvent, 'uid' | 'attendees'> & { readonly attendees: readonly NewAttendeeInput[] };

export type EventChangeInput = Omit<EventChange, 'recurrenceId' | 'tz' | 'addAttendees'> & {
  readonly recurrenceId: string | null;
  readonly addAttendees?: readonly NewAttendeeInput[];
};

/** My busy time (not declined, not transparent) in a window, for the editor's and the proposal's conflicts. */
export interface BusyView {
  readonly start: string;
  readonly end: string;
  readonly tentative: boolean;
}

/** One occurrence in the calendar view (the occurrence listing minus its epoch numbers). */
export type CalendarEventView = Omit<OccurrenceView, 'startMs' | 'endMs'> & {
  /** The server calendar the event is in (absent or null: the local calendar only). */
  readonly calendar?: CalendarTag | null;
};

export interface ActivityEntry {
  readonly at: string;
  /** 'account': a login or sign-in failed or works again (source 'account'). */
  readonly kind: MessageKind | 'account';
  readonly outcome: Outcome;
  /** Why, as a catalogue message (entries written before codes: literal text). */
  readonly reason: Message;
  readonly uid: string | null;
  readonly recurrenceId: string | null;
  /**
   * 'mail': a message was handled; 'you': a person decided (a pending decision, or a direct answer); 'account': an
   * account's login or sign-in started failing (outcome 'error') or works again (outcome 'applied').
   */
  readonly source: 'mail' | 'you' | 'account';
  /** What the person chose (a `Choice`, or accepted / tentative / declined for a direct answer); null for mail. */
  readonly choice: string | null;
  /** Source 'account': the account's id. */
  readonly account?: string;
}

export type Security = 'tls' | 'starttls' | 'none';

export interface ServerSettings {
  readonly host: string;
  readonly port: number;
  readonly security: Security;
  readonly user: string;
}

export interface AccountView {
  readonly imap: ServerSettings;
  readonly smtp: ServerSettings;
  /** Whether a password is stored (never the password itself). */
  readonly hasPassword: boolean;
}

/**
 * Where a setting's value comes from: the configuration file the companion started with (`--config`), the data
 * dir's config.json (saved in Settings or by the CLI), or the built-in default.
 */
export type SettingSource = 'config-file' | 'data-dir' | 'default';

export interface SettingsSources {
  readonly policy: SettingSource;
  readonly timeframe: SettingSource;
  readonly me: SettingSource;
  readonly notifications: SettingSource;
  readonly startAtLogin: SettingSource;
  readonly language: SettingSource;
  readonly defaultReminderMinutes: SettingSource;
  readonly replyTokens: SettingSource;
  readonly imipAddressPatterns: SettingSource;
  readonly displayName: SettingSource;
  readonly addressNames: SettingSource;
}

export interface SettingsView {
  readonly policy: Policy;
  readonly timeframe: string;
  readonly me: readonly string[];
  readonly notifications: boolean;
  readonly startAtLogin: boolean;
  /** The app's language, and the language of the mail sent on my behalf (Subject and text part). */
  readonly language: LanguageSetting;
  /** Minutes before the start of a meeting I accept or organize; null: no default reminder. */
  readonly defaultReminderMinutes: number | null;
  /** Whether meetings I create carry a plus-address reply token in their organizer address. */
  readonly replyTokens: boolean;
  /** Who gets invitations by mail (globs, bare domains, /regular expressions/); empty: everyone. */
  readonly imipAddressPatterns: readonly string[];
  /** My name: the From of the mail sent on my behalf and my CN in meetings I create; null: none. */
  readonly displayName: string | null;
  /** A name for some of my addresses (lower case), used instead of `displayName` for mail from and meetings as it. */
  readonly addressNames: Readonly<Record<string, string>>;
  readonly account: AccountView | null;
  /** False in the web host: the account and passwords come from its config file. */
  readonly canEditAccount: boolean;
  /** Where each value above comes from. */
  readonly sources: SettingsSources;
  /** The settings the configuration file sets: it applies them again at every start. */
  readonly setByConfigFile: readonly (keyof SettingsSources)[];
}

export interface SettingsPatch {
  readonly policy?: Policy;
  readonly timeframe?: string;
  readonly me?: readonly string[];
  readonly notifications?: boolean;
  readonly startAtLogin?: boolean;
  readonly language?: LanguageSetting;
  readonly defaultReminderMinutes?: number | null;
  readonly replyTokens?: boolean;
  readonly imipAddressPatterns?: readonly string[];
  readonly displayName?: string | null;
  readonly addressNames?: Readonly<Record<string, string>>;
}

export interface AccountInput {
  readonly imap: ServerSettings;
  readonly smtp: ServerSettings;
  /** Used for both servers unless smtpPassword is given. */
  readonly password: string;
  readonly smtpPassword?: string;
  readonly me: readonly string[];
}

export interface ConnectionTestResult {
  readonly imap: { readonly ok: boolean; readonly code: string | null; readonly message: string };
  readonly smtp: { readonly ok: boolean; readonly code: string | null; readonly message: string };
}

/**
 * A calendar of a CalDAV account (as last discovered; also offline). `account` is the CalDAV account's key
 * (`user@url`); `target` marks where new invitations go.
 */
export interface CalendarChoiceView {
  readonly account: string;
  readonly name: string;
  readonly href: string;
  readonly color: string | null;
  /** Writable and not subscribed: it can take new invitations. */
  readonly writable: boolean;
  readonly target: boolean;
  /** The person chose it (false: it is the configuration file's `calendar` or the server's default). */
  readonly chosen: boolean;
}

/** Which calendar of a CalDAV account an event is in (its name and colour as the server gives them). */
export interface CalendarTag {
  readonly account: string;
  readonly href: string;
  readonly name: string;
  readonly color: string | null;
}

/**
 * A mail account's calendar server as the form sends it. `url` may be an address's domain, the server root, a
 * principal or a collection (RFC 6764 discovery). `samePassword`: the mail password is used (the form's, or the
 * stored one); else `password` (empty: keep the stored one, for the same server and user only).
 */
export interface CalDavInput {
  readonly url: string;
  readonly user: string;
  readonly samePassword: boolean;
  readonly password: string;
  /** The calendar new invitations go to (href); null: the server's default. */
  readonly calendar?: string | null;
}

/** A mail account's calendar server as stored (never its password). */
export interface CalDavSettingsView {
  readonly url: string;
  readonly user: string;
  readonly samePassword: boolean;
}

/** What looking for calendars found: the calendars, or why none (a catalogue message with its code). */
export interface CalendarProbeView {
  readonly ok: boolean;
  readonly code: string | null;
  readonly problem: Message | null;
  readonly calendars: readonly Omit<CalendarChoiceView, 'account' | 'target' | 'chosen'>[];
  /** The calendar the server calls its default (RFC 6638), else the first writable one for events. */
  readonly defaultHref: string | null;
}

/**
 * One CalDAV account's sync as the person sees it: `never` (not yet), `ok`, `offline` (working from the cache,
 * `queued` writes waiting) or `error` (the server answered but refused: `problem` says what and how to fix it).
 */
export interface CalendarSyncView {
  readonly account: string;
  /** The server's host and the user, for the sentence ("dav.example.com as me"). */
  readonly server: string;
  readonly user: string;
  readonly state: 'never' | 'ok' | 'offline' | 'error';
  /** The last sync that reached the server (ISO), null when none has yet. */
  readonly lastSync: string | null;
  readonly queued: number;
  readonly problem: Message | null;
}

/** How an account's mail arrives: IMAP (keywords on the server) or POP3 (read and left on the server). */
export type MailProtocol = 'imap' | 'pop3';
export type AuthKind = 'password' | 'oauth2';

/**
 * Who an OAuth account signs in with. Microsoft and Google use the client IDs the companion is set up with
 * (`clientId` overrides); any other provider is an OpenID Connect issuer by URL with its own client ID.
 */
export type OAuthChoice =
  | { readonly provider: 'microsoft' | 'google'; readonly clientId?: string }
  | { readonly provider: 'oidc'; readonly issuer: string; readonly clientId: string };

/**
 * What an account needs from the person now: nothing; sign in again (the provider refused the refresh token,
 * AUTH_SIGN_IN_AGAIN, or no sign-in is stored); a new password (the server refused the stored one, or none is
 * stored); or the servers cannot be reached (shown, nothing to repair).
 */
export type AccountHealth = 'ok' | 'sign-in-needed' | 'password-needed' | 'unreachable' | 'starting';

export interface MailAccountView {
  readonly id: string;
  /** The account's addresses; the first is its name in lists. */
  readonly me: readonly string[];
  readonly protocol: MailProtocol;
  readonly incoming: ServerSettings;
  readonly smtp: ServerSettings;
  readonly auth: AuthKind;
  /** The provider of an OAuth account (its issuer for OpenID Connect), else null. */
  readonly oauth: OAuthChoice | null;
  /** A password is stored / a sign-in is kept (never the secret itself). */
  readonly hasSecret: boolean;
  readonly health: AccountHealth;
  /** What went wrong, as the server or the provider said it (null when nothing did): the detail after `reason`. */
  readonly problem: string | null;
  /** What went wrong, as a code (null when nothing did). */
  readonly problemCode: AccountProblemCode | null;
  /** What went wrong, worded from the catalogue (`accounts.problem.<code>`), for the list and the banner. */
  readonly reason: Message | null;
  /** The account's calendar server (absent or null: its calendar is the local one). */
  readonly caldav?: CalDavSettingsView | null;
}

export interface AccountsView {
  readonly accounts: readonly MailAccountView[];
  /** False where the accounts come from a configuration file (they are shown, and OAuth ones can sign in again). */
  readonly canEdit: boolean;
  /** The providers this installation has a client ID for (a "Sign in with …" button without typing one). */
  readonly oauthClients: { readonly microsoft: boolean; readonly google: boolean };
}

/** A new or changed account as the add / repair form sends it. */
export interface MailAccountInput {
  /** Absent or null: a new account. */
  readonly id?: string | null;
  readonly me: readonly string[];
  readonly protocol: MailProtocol;
  readonly incoming: ServerSettings;
  readonly smtp: ServerSettings;
  readonly auth:
    | { readonly kind: 'password'; readonly password: string; readonly smtpPassword?: string }
    /** `flowId`: the finished sign-in of this form (null: keep the account's stored sign-in). */
    | { readonly kind: 'oauth2'; readonly oauth: OAuthChoice; readonly flowId: string | null };
  /** The account's calendar server; absent or null: none (the local calendar). */
  readonly caldav?: CalDavInput | null;
}

/** What discovery found for an address, ready for the form; `sources` says where each answer came from. */
export interface DiscoveryView {
  readonly address: string;
  readonly found: boolean;
  readonly protocol: MailProtocol;
  readonly incoming: ServerSettings | null;
  readonly smtp: ServerSettings | null;
  /** A known provider behind the servers: offer its sign-in button. */
  readonly oauthProvider: 'microsoft' | 'google' | null;
  /** "imap imap.example.com:993 — from autoconfig https://…", one line per server used. */
  readonly sources: readonly string[];
  /** True when the names are only a guess from the MX host. */
  readonly guessed: boolean;
  /** The calendar server RFC 6764 found for the domain (SRV or well-known), null when none answered. */
  readonly caldavUrl?: string | null;
}

export interface SignInStart {
  readonly flowId: string;
  /** The provider's page to open in the system browser (it comes back to a listener on 127.0.0.1). */
  readonly url: string;
}

export interface SignInDone {
  readonly flowId: string;
  /** The account whose sign-in was renewed (repair), or null for a form's new sign-in. */
  readonly accountId: string | null;
}

/** Every call the renderer can make. One plain-object argument at most; every result is an IpcResult. */
export interface MainApi {
  getOverview(): Promise<IpcResult<Overview>>;
  listDecisions(): Promise<IpcResult<DecisionView[]>>;
  decide(args: { id: string; choice: Choice; comment?: string | null }): Promise<IpcResult<DecisionOutcome>>;
  /** With `includeCancelled`, cancelled occurrences too (shown struck through until removed). */
  listEvents(args: { from: string; to: string; includeCancelled?: boolean }): Promise<IpcResult<CalendarEventView[]>>;
  getEvent(args: {
    uid: string;
    recurrenceId: string | null;
  }): Promise<IpcResult<EventView & { readonly calendar?: CalendarTag | null }>>;
  listActivity(args: { limit?: number }): Promise<IpcResult<ActivityEntry[]>>;
  getSettings(): Promise<IpcResult<SettingsView>>;
  updateSettings(args: SettingsPatch): Promise<IpcResult<SettingsView>>;
  saveAccount(args: AccountInput): Promise<IpcResult<SettingsView>>;
  testConnection(args: AccountInput): Promise<IpcResult<ConnectionTestResult>>;
  importContacts(args: { vcf: string }): Promise<IpcResult<{ imported: number }>>;
  /** The CalDAV accounts' calendars (empty without a calendar server). */
  listCalendars(): Promise<IpcResult<CalendarChoiceView[]>>;
  /** Where new invitations go for one CalDAV account; `href: null` goes back to the file's or server's default. */
  chooseCalendar(args: { account: string; href: string | null }): Promise<IpcResult<CalendarChoiceView[]>>;
  /** Looks for the calendars of a server the account form names (for a saved account: `accountId`). */
  findCalendars(args: {
    accountId?: string | null;
    address: string;
    caldav: CalDavInput;
    /** The mail password typed in the form, for `samePassword`. */
    mailPassword?: string;
  }): Promise<IpcResult<CalendarProbeView>>;
  /** Each CalDAV account's sync state (empty without a calendar server). */
  getCalendarSync(): Promise<IpcResult<CalendarSyncView[]>>;
  createEvent(args: NewEventInput): Promise<IpcResult<ActionOutcome>>;
  updateEvent(args: EventChangeInput): Promise<IpcResult<ActionOutcome>>;
  /** With `thisAndFuture` (and a recurrence id): that occurrence and every following one. */
  cancelEvent(args: {
    uid: string;
    recurrenceId: string | null;
    thisAndFuture?: boolean;
    comment?: string | null;
  }): Promise<IpcResult<ActionOutcome>>;
  /** Contacts whose name or address starts a word with `query`, best first, for the attendee fields. */
  suggestAddresses(args: { query: string; limit?: number }): Promise<IpcResult<AddressSuggestion[]>>;
  /** Change my answer; `sendReply: false` stores it without telling the organizer. */
  respondToEvent(args: {
    uid: string;
    recurrenceId: string | null;
    status: 'accepted' | 'tentative' | 'declined';
    comment?: string | null;
    sendReply: boolean;
  }): Promise<IpcResult<ActionOutcome>>;
  counterEvent(args: {
    uid: string;
    recurrenceId: string | null;
    start: string;
    end: string;
    comment?: string | null;
  }): Promise<IpcResult<ActionOutcome>>;
  delegateEvent(args: {
    uid: string;
    recurrenceId: string | null;
    to: string;
    comment?: string | null;
  }): Promise<IpcResult<ActionOutcome>>;
  refreshEvent(args: { uid: string }): Promise<IpcResult<ActionOutcome>>;
  /** With `recurrenceId`, only that meeting of a series (its override dropped, an EXDATE on the series). */
  removeEvent(args: { uid: string; recurrenceId?: string | null }): Promise<IpcResult<ActionOutcome>>;
  /** The last (or the named) action, while its mail is still held. */
  undo(args: { id?: string | null }): Promise<IpcResult<UndoOutcome>>;
  listAlarms(args: { from: string; to: string }): Promise<IpcResult<AlarmView[]>>;
  /** The reminders showing now, earliest first (empty where no reminder clock runs). */
  listReminders(): Promise<IpcResult<ReminderView[]>>;
  snoozeReminder(args: { key: string; minutes: number }): Promise<IpcResult<ReminderView[]>>;
  dismissReminder(args: { key: string }): Promise<IpcResult<ReminderView[]>>;
  listBusy(args: { from: string; to: string; exceptUid?: string | null }): Promise<IpcResult<BusyView[]>>;
  listAccounts(): Promise<IpcResult<AccountsView>>;
  discoverAccount(args: { address: string }): Promise<IpcResult<DiscoveryView>>;
  testAccount(args: MailAccountInput): Promise<IpcResult<ConnectionTestResult>>;
  saveMailAccount(args: MailAccountInput): Promise<IpcResult<AccountsView>>;
  removeAccount(args: { id: string }): Promise<IpcResult<AccountsView>>;
  /** Starts an OAuth sign-in: for a form (`oauth`, `loginHint`) or to renew an account's (`accountId`). */
  beginSignIn(args: {
    oauth?: OAuthChoice;
    loginHint?: string;
    accountId?: string;
    /** The form's incoming protocol: Microsoft's POP3 needs its own scope. */
    protocol?: MailProtocol;
  }): Promise<IpcResult<SignInStart>>;
  /** Waits until the browser comes back (or the sign-in times out / is cancelled). */
  finishSignIn(args: { flowId: string }): Promise<IpcResult<SignInDone>>;
  cancelSignIn(args: { flowId: string }): Promise<IpcResult<null>>;
}

/** Events pushed to the renderer (past tense: something happened). */
export interface MainEvents {
  decisionsChanged: { readonly count: number };
  eventsChanged: Record<string, never>;
  activityAdded: ActivityEntry;
  connectionChanged: ConnectionStatus;
  settingsChanged: SettingsView;
  /** A notification was clicked: show this decision. */
  decisionOpened: { readonly id: string };
  /** An account was added, changed or removed, or its health changed (a sign-in lapsed, a login was refused). */
  accountsChanged: AccountsView;
  /** A calendar server was synced, went offline, came back or refused (or its queue changed). */
  calendarSyncChanged: { readonly accounts: readonly CalendarSyncView[] };
  /** A reminder rang (or rang again after a snooze): the page shows a system notification where allowed. */
  reminderFired: ReminderView;
  /** The reminders showing changed (fired, snoozed, dismissed, their event gone). */
  remindersChanged: { readonly reminders: readonly ReminderView[] };
}

export const MAIN_API_METHODS = [
  'getOverview',
  'listDecisions',
  'decide',
  'listEvents',
  'getEvent',
  'listActivity',
  'getSettings',
  'updateSettings',
  'saveAccount',
  'testConnection',
  'importContacts',
  'listCalendars',
  'chooseCalendar',
  'findCalendars',
  'getCalendarSync',
  'createEvent',
  'updateEvent',
  'cancelEvent',
  'suggestAddresses',
  'respondToEvent',
  'counterEvent',
  'delegateEvent',
  'refreshEvent',
  'removeEvent',
  'undo',
  'listAlarms',
  'listReminders',
  'snoozeReminder',
  'dismissReminder',
  'listBusy',
  'listAccounts',
  'discoverAccount',
  'testAccount',
  'saveMailAccount',
  'removeAccount',
  'beginSignIn',
  'finishSignIn',
  'cancelSignIn',
] as const satisfies readonly (keyof MainApi)[];

export const MAIN_EVENT_NAMES = [
  'decisionsChanged',
  'eventsChanged',
  'activityAdded',
  'connectionChanged',
  'settingsChanged',
  'decisionOpened',
  'accountsChanged',
  'calendarSyncChanged',
  'reminderFired',
  'remindersChanged',
] as const satisfies readonly (keyof MainEvents)[];

// Compile-time completeness: every MainApi method and every event is listed above.
type Missing<T, L extends readonly unknown[]> = Exclude<keyof T, L[number]>;
const apiComplete: Missing<MainApi, typeof MAIN_API_METHODS> extends never ? true : never = true;
const eventsComplete: Missing<MainEvents, typeof MAIN_EVENT_NAMES> extends never ? true : never = true;
void apiComplete;
void eventsComplete;

export type MainApiMethod = (typeof MAIN_API_METHODS)[number];
export type MainEventName = (typeof MAIN_EVENT_NAMES)[number];

/** IPC channel names carry a prefix checked on both sides (VS Code's `vscode:` idea). */
const CHANNEL_PREFIX = 'companion:';
export function channel(name: MainApiMethod | MainEventName): string {
  return `${CHANNEL_PREFIX}${name}`;
}

/**
 * What the window's host is and which settings mean something there, so the renderer hides what does nothing
 * (the web host has no tray and no login item; it may use the browser's notifications instead).
 */
export interface HostInfo {
  readonly kind: 'desktop' | 'web';
  readonly features: {
    readonly systemNotifications: boolean;
    readonly startAtLogin: boolean;
    readonly browserNotifications: boolean;
  };
}

/** The channel of `openExternal` (desktop): a window function, not a MainApi method, since the web host opens a tab. */
export const OPEN_EXTERNAL_CHANNEL = `${CHANNEL_PREFIX}openExternal`;

/** The links `openExternal` opens: http, https and mailto only, no spaces (checked again on the main side). */
export function isOpenableUrl(url: unknown): url is string {
  return typeof url === 'string' && url.length <= 8192 && /^(?:https?:\/\/[^\s/?#]+[^\s]*|mailto:[^\s]+)$/i.test(url);
}

/** What the preload (or the web host's bridge) exposes as `window.api`. */
export type WindowApi = MainApi & {
  on<K extends MainEventName>(name: K, listener: (payload: MainEvents[K]) => void): () => void;
  /** Opens a link from message content outside the app (desktop: the system browser); absent in the web host. */
  openExternal?(args: { url: string }): Promise<IpcResult<null>>;
  /** Absent from hosts older than this field: treat as the desktop. */
  readonly host?: HostInfo;
};
