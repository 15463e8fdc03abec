/**
 * The one contract between the main process (or the web host) and the renderer: every method the UI may call,
 * every event it may receive, and the plain-data shapes that cross. Nothing here runs I/O; the Electron preload,
 * the IPC registration and the web host's HTTP / Server-Sent Events bridge are all built from these names.
 */
import type { Choice, EventView, MessageKind, Outcome, PendingDecision, Policy } from '../model/decisions.js';
import type { OccurrenceView } from '../calendar/queries.js';
import type { Message } from '../i18n/index.js';
import type { OccurrenceChange } from '../model/decisions.js';

/** Errors cross as data (Electron keeps only an error's message): a code from IPC_ERRORS and a sentence. */
export interface IpcError {
  readonly code: IpcErrorCode;
  readonly message: string;
}
export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

export const IPC_ERRORS = {
  INVALID_ARGUMENT: 'The request was malformed.',
  NOT_FOUND: 'That item does not exist (any more).',
  DECISION_FAILED: 'The decision could not be carried out.',
  NO_ACCOUNT: 'No mail account is set up yet.',
  SECRETS_UNAVAILABLE: 'Passwords cannot be stored safely here.',
  CONNECTION_FAILED: 'The connection test failed.',
  INTERNAL: 'Something went wrong inside the companion.',
  /** The web host's bridge: the host did not answer, the page's token is no longer valid, an answer was not JSON. */
  HOST_UNREACHABLE: 'The companion is not reachable.',
  HOST_SIGNED_OUT: 'This page is no longer signed in.',
  HOST_BAD_ANSWER: 'The companion gave an unexpected answer.',
} as const;
export type IpcErrorCode = keyof typeof IPC_ERRORS;

export type ConnectionState = 'not-configured' | 'connecting' | 'connected' | 'offline' | 'error';

export interface ConnectionStatus {
  readonly state: ConnectionState;
  /** A sentence for the status bar, e.g. "Watching INBOX at imap.example.com" or what failed. */
  readonly message: string;
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
}

export interface DecisionOutcome {
  readonly id: string;
  readonly outcome: Outcome;
  /** Why, as a catalogue message: the renderer words it in the person's language. */
  readonly reason: Message;
  /** Recipients of the iMIP messages the decision produced. */
  readonly sentTo: readonly string[];
}

/** One occurrence in the calendar view (the occurrence listing minus its epoch numbers). */
export type CalendarEventView = Omit<OccurrenceView, 'startMs' | 'endMs'>;

export interface ActivityEntry {
  readonly at: string;
  readonly kind: MessageKind;
  readonly outcome: Outcome;
  /** Why, as a catalogue message (entries written before codes: literal text). */
  readonly reason: Message;
  readonly uid: string | null;
  readonly recurrenceId: string | null;
  /** 'mail': a message was handled; 'you': a person decided (a pending decision, or a direct answer). */
  readonly source: 'mail' | 'you';
  /** What the person chose (a `Choice`, or accepted / tentative / declined for a direct answer); null for mail. */
  readonly choice: string | null;
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
}

export interface SettingsView {
  readonly policy: Policy;
  readonly timeframe: string;
  readonly me: readonly string[];
  readonly notifications: boolean;
  readonly startAtLogin: boolean;
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

/** Every call the renderer can make. One plain-object argument at most; every result is an IpcResult. */
export interface MainApi {
  getOverview(): Promise<IpcResult<Overview>>;
  listDecisions(): Promise<IpcResult<DecisionView[]>>;
  decide(args: { id: string; choice: Choice; comment?: string | null }): Promise<IpcResult<DecisionOutcome>>;
  listEvents(args: { from: string; to: string }): Promise<IpcResult<CalendarEventView[]>>;
  getEvent(args: { uid: string; recurrenceId: string | null }): Promise<IpcResult<EventView>>;
  listActivity(args: { limit?: number }): Promise<IpcResult<ActivityEntry[]>>;
  getSettings(): Promise<IpcResult<SettingsView>>;
  updateSettings(args: SettingsPatch): Promise<IpcResult<SettingsView>>;
  saveAccount(args: AccountInput): Promise<IpcResult<SettingsView>>;
  testConnection(args: AccountInput): Promise<IpcResult<ConnectionTestResult>>;
  importContacts(args: { vcf: string }): Promise<IpcResult<{ imported: number }>>;
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
] as const satisfies readonly (keyof MainApi)[];

export const MAIN_EVENT_NAMES = [
  'decisionsChanged',
  'eventsChanged',
  'activityAdded',
  'connectionChanged',
  'settingsChanged',
  'decisionOpened',
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
