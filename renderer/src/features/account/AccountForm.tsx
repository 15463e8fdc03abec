/**
 * Adding or changing the mail account: IMAP and SMTP servers, user, password, my addresses. "Test connection"
 * shows what failed per server; "Save" hands the account to the main process, which keeps the password in the
 * OS keychain. Props-only: the caller passes `onTest` and `onSave`.
 */
import { useId, useState, type FormEvent } from 'react';
import type { AccountInput, AccountView, ConnectionTestResult, IpcResult, SettingsView } from '../../api';
import { AddressList } from '../../components/AddressList';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ConnectionTestReport } from './ConnectionTestReport';
import './account.css';
import { useWords, type Words } from '../../lib/i18n';
import { DEFAULT_PORTS, ServerFields, type ServerDraft } from './ServerFields';
import { SignInFields, type SignInDraft } from './SignInFields';

export interface AccountFormProps {
  readonly initial: AccountView | null;
  readonly initialMe: readonly string[];
  readonly onTest: (input: AccountInput) => Promise<IpcResult<ConnectionTestResult>>;
  readonly onSave: (input: AccountInput) => Promise<IpcResult<SettingsView>>;
  readonly onSaved: (settings: SettingsView) => void;
  readonly onCancel?: () => void;
  readonly cancelLabel?: string;
}

type Invalid = ReadonlySet<'host' | 'port'>;
const NONE: Invalid = new Set();

function draftOf(protocol: 'IMAP' | 'SMTP', s: AccountView['imap'] | undefined): ServerDraft {
  return s
    ? { host: s.host, port: String(s.port), security: s.security }
    : { host: '', port: String(DEFAULT_PORTS[protocol].tls), security: 'tls' };
}

function serverProblems(w: Words, label: string, d: ServerDraft): { problems: string[]; invalid: Invalid } {
  const problems: string[] = [];
  const invalid = new Set<'host' | 'port'>();
  if (!d.host.trim()) {
    problems.push(w.t('ui.accountForm.enterServer', { protocol: label }));
    invalid.add('host');
  }
  const port = Number(d.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(w.t('ui.accountForm.badPort', { protocol: label }));
    invalid.add('port');
  }
  return { problems, invalid };
}

export function AccountForm({ initial, initialMe, onTest, onSave, onSaved, onCancel, cancelLabel }: AccountFormProps) {
  const w = useWords();
  const id = useId();
  const [imap, setImap] = useState(() => draftOf('IMAP', initial?.imap));
  const [smtp, setSmtp] = useState(() => draftOf('SMTP', initial?.smtp));
  const [signIn, setSignIn] = useState<SignInDraft>(() => ({
    user: initial?.imap.user ?? '',
    password: '',
    separateSmtp: !!initial && initial.smtp.user !== initial.imap.user,
    smtpUser: initial?.smtp.user ?? '',
    smtpPassword: '',
  }));
  const [me, setMe] = useState<readonly string[]>(initialMe);
  const [problems, setProblems] = useState<string[]>([]);
  const [invalid, setInvalid] = useState<{ imap: Invalid; smtp: Invalid; user: boolean; password: boolean }>({
    imap: NONE,
    smtp: NONE,
    user: false,
    password: false,
  });
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [testResult, setTestResult] = useState<ConnectionTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** The account as entered, or null after showing what is missing. */
  function collect(): AccountInput | null {
    const i = serverProblems(w, 'IMAP', imap);
    const s = serverProblems(w, 'SMTP', smtp);
    const all = [...i.problems, ...s.problems];
    const { user, password, separateSmtp, smtpUser, smtpPassword } = signIn;
    const userMissing = !user.trim();
    const passwordMissing = !password;
    if (userMissing) all.push(w.t('ui.accountForm.enterUser'));
    if (passwordMissing)
      all.push(initial?.hasPassword ? w.t('ui.accountForm.enterPasswordAgain') : w.t('ui.accountForm.enterPassword'));
    if (me.length === 0) all.push(w.t('ui.accountForm.addAddress'));
    setProblems(all);
    setInvalid({ imap: i.invalid, smtp: s.invalid, user: userMissing, password: passwordMissing });
    if (all.length > 0) return null;
    const smtpLogin = separateSmtp && smtpUser.trim() ? smtpUser.trim() : user.trim();
    return {
      imap: { host: imap.host.trim(), port: Number(imap.port), security: imap.security, user: user.trim() },
      smtp: { host: smtp.host.trim(), port: Number(smtp.port), security: smtp.security, user: smtpLogin },
      password,
      ...(separateSmtp && smtpPassword ? { smtpPassword } : {}),
      me,
    };
  }

  async function test(): Promise<void> {
    const input = collect();
    if (!input || busy) return;
    setBusy('test');
    setError(null);
    setTestResult(null);
    const result = await onTest(input);
    setBusy(null);
    if (result.ok) setTestResult(result.value);
    else setError(result.error.message);
  }

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    const input = collect();
    if (!input || busy) return;
    setBusy('save');
    setError(null);
    const result = await onSave(input);
    setBusy(null);
    if (result.ok) onSaved(result.value);
    else setError(result.error.message);
  }

  return (
    <form
      className="account-form"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-describedby={problems.length ? `${id}-problems` : undefined}
    >
      <ServerFields
        protocol="IMAP"
        legend={w.t('ui.accountForm.incoming')}
        value={imap}
        onChange={setImap}
        invalid={invalid.imap}
      />
      <ServerFields
        protocol="SMTP"
        legend={w.t('ui.accountForm.outgoing')}
        value={smtp}
        onChange={setSmtp}
        invalid={invalid.smtp}
      />
      <SignInFields value={signIn} onChange={setSignIn} invalid={invalid} />
      <fieldset>
        <legend>{w.t('ui.accountForm.addresses')}</legend>
        <AddressList addresses={me} onChange={(next) => (setMe(next), null)} />
      </fieldset>
      {problems.length > 0 ? (
        <div className="problems" id={`${id}-problems`} role="alert">
          <p>{w.t('ui.accountForm.check')}</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void test()} aria-disabled={busy !== null}>
          {busy === 'test' ? w.t('ui.accountForm.testing') : w.t('ui.accountForm.test')}
        </button>
        <button type="submit" className="button primary" aria-disabled={busy !== null}>
          {busy === 'save' ? w.t('ui.accountForm.saving') : w.t('ui.accountForm.save')}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {cancelLabel ?? w.t('ui.accountForm.cancel')}
          </button>
        ) : null}
      </div>
      <div aria-live="polite">{testResult ? <ConnectionTestReport result={testResult} /> : null}</div>
      <ErrorMessage message={error} />
    </form>
  );
}
