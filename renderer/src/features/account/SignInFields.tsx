/** User name and password, and optionally separate SMTP credentials, as one labelled group. */
import { useId } from 'react';
import { useWords } from '../../lib/i18n';

export interface SignInDraft {
  readonly user: string;
  readonly password: string;
  readonly separateSmtp: boolean;
  readonly smtpUser: string;
  readonly smtpPassword: string;
}

export interface SignInFieldsProps {
  readonly value: SignInDraft;
  readonly onChange: (next: SignInDraft) => void;
  readonly invalid: { readonly user: boolean; readonly password: boolean };
}

export function SignInFields({ value, onChange, invalid }: SignInFieldsProps) {
  const w = useWords();
  const id = useId();
  const set = (patch: Partial<SignInDraft>): void => onChange({ ...value, ...patch });
  return (
    <fieldset>
      <legend>{w.t('ui.accountForm.signIn')}</legend>
      <div className="field">
        <label htmlFor={`${id}-user`}>{w.t('ui.accountForm.user')}</label>
        <input
          id={`${id}-user`}
          type="text"
          autoComplete="username"
          value={value.user}
          aria-invalid={invalid.user || undefined}
          onChange={(e) => set({ user: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{w.t('ui.accountForm.password')}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          value={value.password}
          aria-invalid={invalid.password || undefined}
          onChange={(e) => set({ password: e.target.value })}
        />
      </div>
      <div className="check-field">
        <input
          id={`${id}-separate`}
          type="checkbox"
          checked={value.separateSmtp}
          onChange={(e) => set({ separateSmtp: e.target.checked })}
        />
        <label htmlFor={`${id}-separate`}>{w.t('ui.accountForm.separate')}</label>
      </div>
      {value.separateSmtp ? (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-smtp-user`}>{w.t('ui.accountForm.smtpUser')}</label>
            <input
              id={`${id}-smtp-user`}
              type="text"
              autoComplete="off"
              value={value.smtpUser}
              onChange={(e) => set({ smtpUser: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-smtp-password`}>{w.t('ui.accountForm.smtpPassword')}</label>
            <input
              id={`${id}-smtp-password`}
              type="password"
              autoComplete="off"
              value={value.smtpPassword}
              onChange={(e) => set({ smtpPassword: e.target.value })}
            />
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
