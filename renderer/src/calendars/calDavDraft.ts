/**
 * The account form's calendar-server part as a draft: how it starts (from discovery's RFC 6764 answer, the
 * address's domain, or the account being edited), what is missing, and the `CalDavInput` it becomes. Pure, so the
 * rules are tested without a DOM. The calendar the person picks among those found is part of the draft.
 */
import type { CalDavInput, CalendarProbeView, DiscoveryView, MailAccountView } from '../api';
import type { Words } from '../lib/i18n';

export interface CalDavDraft {
  readonly enabled: boolean;
  readonly url: string;
  readonly user: string;
  readonly samePassword: boolean;
  readonly password: string;
  /** The calendar new invitations go to (href); null: the server's default. */
  readonly calendar: string | null;
  /** What the last "Find calendars" found (null: not asked since the server changed). */
  readonly probe: CalendarProbeView | null;
  /** The account already had this server: an empty password keeps the stored one. */
  readonly stored: boolean;
}

export type CalDavInvalid = 'calUrl' | 'calUser' | 'calPassword';

function domainOf(address: string): string {
  return address.trim().replace(/^.*@/, '');
}

export function calDavDraftFromDiscovery(address: string, user: string, d: DiscoveryView | null): CalDavDraft {
  return {
    enabled: false,
    url: d?.caldavUrl ?? domainOf(address),
    user: user || address.trim(),
    samePassword: true,
    password: '',
    calendar: null,
    probe: null,
    stored: false,
  };
}

export function calDavDraftFromAccount(a: MailAccountView): CalDavDraft {
  const c = a.caldav ?? null;
  return {
    enabled: c !== null,
    url: c?.url ?? domainOf(a.me[0] ?? ''),
    user: c?.user ?? a.incoming.user,
    // An OAuth account has no mail password to share.
    samePassword: c ? c.samePassword : a.auth === 'password',
    password: '',
    calendar: null,
    probe: null,
    stored: c !== null,
  };
}

/** A change of server, user or password makes what was found stale. */
export function withChange(d: CalDavDraft, patch: Partial<CalDavDraft>): CalDavDraft {
  const server = patch.url !== undefined || patch.user !== undefined;
  const secret = patch.password !== undefined || patch.samePassword !== undefined;
  return {
    ...d,
    ...patch,
    ...(server ? { stored: false } : {}),
    ...(server || secret ? { probe: null, calendar: null } : {}),
  };
}

export function calDavProblems(
  w: Pick<Words, 't'>,
  d: CalDavDraft,
  mail: { readonly method: 'password' | 'oauth2'; readonly password: string },
  repairing: boolean,
): { problems: string[]; invalid: Set<CalDavInvalid> } {
  const problems: string[] = [];
  const invalid = new Set<CalDavInvalid>();
  if (!d.enabled) return { problems, invalid };
  const add = (field: CalDavInvalid, text: string): void => {
    problems.push(text);
    invalid.add(field);
  };
  if (!d.url.trim()) add('calUrl', w.t('calendars.form.enterUrl'));
  if (!d.user.trim()) add('calUser', w.t('calendars.form.enterUser'));
  const shared = d.samePassword && mail.method === 'password';
  const typed = shared ? mail.password : d.password;
  if (!typed && !(repairing && d.stored)) add('calPassword', w.t('calendars.form.enterPassword'));
  return { problems, invalid };
}

/** The form's calendar server for `saveMailAccount` / `findCalendars` (null: none). */
export function calDavInputOf(d: CalDavDraft, mailMethod: 'password' | 'oauth2'): CalDavInput | null {
  if (!d.enabled) return null;
  return {
    url: d.url.trim(),
    user: d.user.trim(),
    samePassword: d.samePassword && mailMethod === 'password',
    password: d.samePassword && mailMethod === 'password' ? '' : d.password,
    // Only a calendar the person picked: otherwise the server's default, wherever it is then.
    ...(d.probe?.ok && d.calendar ? { calendar: d.calendar } : {}),
  };
}
