/**
 * The account form's calendar server (CalDAV): whether the account has one, its address (found by discovery, or
 * the address's domain, which the main side looks up as RFC 6764 says), user name, the mail password or its own,
 * "Find calendars" (a real look at the server, worded when it fails), and which of the calendars found new
 * invitations go to.
 */
import { useId, useState } from 'react';
import { getApi } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { useWords } from '../lib/i18n';
import { calDavInputOf, withChange, type CalDavDraft, type CalDavInvalid } from './calDavDraft';
import { CalendarPicker } from './CalendarPicker';
import './calendars.css';

export interface CalDavFieldsProps {
  readonly draft: CalDavDraft;
  readonly onChange: (next: CalDavDraft) => void;
  /** The mail side of the form: its sign-in method and the password typed there. */
  readonly mail: { readonly method: 'password' | 'oauth2'; readonly password: string };
  readonly address: string;
  readonly accountId: string | null;
  readonly invalid: ReadonlySet<CalDavInvalid | string>;
}

export function CalDavFields({ draft, onChange, mail, address, accountId, invalid }: CalDavFieldsProps) {
  const w = useWords();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<CalDavDraft>): void => onChange(withChange(draft, patch));
  const shares = draft.samePassword && mail.method === 'password';

  async function find(): Promise<void> {
    const input = calDavInputOf(draft, mail.method);
    if (busy || !input) return;
    setBusy(true);
    setError(null);
    const r = await getApi().findCalendars({
      accountId,
      address: address.trim(),
      caldav: input,
      ...(shares ? { mailPassword: mail.password } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    const probe = r.value;
    const first = probe.calendars.find((c) => c.href === probe.defaultHref && c.writable) ?? null;
    onChange({ ...draft, probe, calendar: draft.calendar ?? first?.href ?? null });
  }

  const probe = draft.probe;
  return (
    <fieldset className="caldav-fields">
      <legend>{w.t('calendars.form.legend')}</legend>
      <label className="choice">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} />{' '}
        {w.t('calendars.form.use')}
      </label>
      <p className="help">{w.t('calendars.form.useHelp')}</p>
      {draft.enabled ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-url`}>{w.t('calendars.form.url')}</label>
            <input
              id={`${id}-url`}
              type="text"
              inputMode="url"
              spellCheck={false}
              value={draft.url}
              aria-invalid={invalid.has('calUrl') || undefined}
              aria-describedby={`${id}-url-help`}
              onChange={(e) => set({ url: e.target.value })}
            />
            <p className="help" id={`${id}-url-help`}>
              {w.t('calendars.form.urlHelp')}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-user`}>{w.t('calendars.form.user')}</label>
            <input
              id={`${id}-user`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={draft.user}
              aria-invalid={invalid.has('calUser') || undefined}
              onChange={(e) => set({ user: e.target.value })}
            />
          </div>
          {mail.method === 'password' ? (
            <label className="choice">
              <input
                type="checkbox"
                checked={draft.samePassword}
                onChange={(e) => set({ samePassword: e.target.checked })}
              />{' '}
              {w.t('calendars.form.samePassword')}
            </label>
          ) : null}
          {!shares ? (
            <div className="field">
              <label htmlFor={`${id}-password`}>{w.t('calendars.form.password')}</label>
              <input
                id={`${id}-password`}
                type="password"
                autoComplete="new-password"
                value={draft.password}
                aria-invalid={invalid.has('calPassword') || undefined}
                onChange={(e) => set({ password: e.target.value })}
              />
              {draft.stored ? <p className="help">{w.t('calendars.form.passwordKept')}</p> : null}
            </div>
          ) : null}
          <div className="form-actions">
            <button type="button" className="button" onClick={() => void find()} aria-disabled={busy}>
              {busy ? w.t('calendars.form.finding') : w.t('calendars.form.find')}
            </button>
          </div>
          <div aria-live="polite">
            {probe?.ok ? (
              <p className="caldav-found">{w.t('calendars.form.found', { count: probe.calendars.length })}</p>
            ) : null}
            {probe && !probe.ok && probe.problem ? (
              <p className="caldav-problem" role="alert">
                {w.text(probe.problem)}
              </p>
            ) : null}
          </div>
          {probe?.ok && probe.calendars.length ? (
            <CalendarPicker
              calendars={probe.calendars}
              selected={draft.calendar}
              defaultHref={probe.defaultHref}
              legend={w.t('calendars.list.legend')}
              onSelect={(calendar) => onChange({ ...draft, calendar })}
            />
          ) : null}
          <ErrorMessage message={error} />
        </>
      ) : null}
    </fieldset>
  );
}
