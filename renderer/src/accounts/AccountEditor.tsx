/**
 * Adding a mail account (address → discovery → servers and sign-in → test → save) or repairing one (a new
 * password, a new sign-in, changed servers). Discovery fills the servers and says where it found them; the person
 * can change every field. Calls the main process through `getApi()`.
 */
import { useId, useState, type FormEvent } from 'react';
import { getApi, type AccountsView, type ConnectionTestResult, type DiscoveryView, type MailAccountView } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { ConnectionTestReport } from '../features/account/ConnectionTestReport';
import { DEFAULT_PORTS, ServerFields } from '../features/account/ServerFields';
import '../features/account/account.css';
import { useWords } from '../lib/i18n';
import {
  draftFromAccount,
  draftFromDiscovery,
  draftProblems,
  inputOf,
  type AccountDraft,
  type Invalid,
} from './accountDraft';
import { SignInMethodFields } from './SignInMethodFields';
import { accountErrorText } from './accountErrorText';
import { CalDavFields } from '../calendars/CalDavFields';
import {
  calDavDraftFromAccount,
  calDavDraftFromDiscovery,
  calDavInputOf,
  calDavProblems,
  type CalDavDraft,
  type CalDavInvalid,
} from '../calendars/calDavDraft';
import './accounts.css';

export interface AccountEditorProps {
  /** The account to repair; absent: a new account. */
  readonly account?: MailAccountView;
  readonly clients: AccountsView['oauthClients'];
  readonly onSaved: (view: AccountsView) => void;
  readonly onCancel?: () => void;
  readonly cancelLabel?: string;
}

const NO_FIELDS: ReadonlySet<'host' | 'port'> = new Set();
const BAD_HOST: ReadonlySet<'host' | 'port'> = new Set(['host', 'port']);

export function AccountEditor({ account, clients, onSaved, onCancel, cancelLabel }: AccountEditorProps) {
  const w = useWords();
  const id = useId();
  const repairing = account !== undefined;
  const [draft, setDraft] = useState<AccountDraft | null>(() => (account ? draftFromAccount(account) : null));
  const [address, setAddress] = useState('');
  const [found, setFound] = useState<DiscoveryView | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [invalid, setInvalid] = useState<ReadonlySet<Invalid>>(new Set());
  const [busy, setBusy] = useState<'discover' | 'test' | 'save' | null>(null);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cal, setCal] = useState<CalDavDraft | null>(() => (account ? calDavDraftFromAccount(account) : null));
  const [calInvalid, setCalInvalid] = useState<ReadonlySet<CalDavInvalid>>(new Set());

  async function discover(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (busy) return;
    if (!/^[^@\s]+@[^@\s]+$/.test(address.trim())) {
      setProblems([w.t('accounts.ui.enterAddress')]);
      setInvalid(new Set(['address']));
      return;
    }
    setProblems([]);
    setInvalid(new Set());
    setBusy('discover');
    const r = await getApi().discoverAccount({ address: address.trim() });
    setBusy(null);
    const view = r.ok ? r.value : null;
    setFound(view);
    setDraft(draftFromDiscovery(address.trim(), view));
    setCal(calDavDraftFromDiscovery(address.trim(), view?.incoming?.user ?? '', view));
  }

  function checked(d: AccountDraft): boolean {
    const p = draftProblems(w, d, repairing);
    const c = cal ? calDavProblems(w, cal, d, repairing) : { problems: [], invalid: new Set<CalDavInvalid>() };
    setProblems([...p.problems, ...c.problems]);
    setInvalid(p.invalid);
    setCalInvalid(c.invalid);
    return p.problems.length + c.problems.length === 0;
  }

  async function test(d: AccountDraft): Promise<void> {
    if (busy || !checked(d)) return;
    setBusy('test');
    setError(null);
    setResult(null);
    const r = await getApi().testAccount(inputOf(d));
    setBusy(null);
    if (r.ok) setResult(r.value);
    else setError(accountErrorText(w, r.error));
  }

  async function save(e: FormEvent, d: AccountDraft): Promise<void> {
    e.preventDefault();
    if (busy || !checked(d)) return;
    setBusy('save');
    setError(null);
    const caldav = cal ? calDavInputOf(cal, d.method) : null;
    // Absent means none: sent only to add a calendar server, or (null) to take the account's away.
    const r = await getApi().saveMailAccount({ ...inputOf(d), ...(caldav || account?.caldav ? { caldav } : {}) });
    setBusy(null);
    if (r.ok) onSaved(r.value);
    else setError(accountErrorText(w, r.error));
  }

  const cancelButton = onCancel ? (
    <button type="button" className="button" onClick={onCancel}>
      {cancelLabel ?? w.t('accounts.ui.cancel')}
    </button>
  ) : null;

  const problemList =
    problems.length > 0 ? (
      <div className="problems" id={`${id}-problems`} role="alert">
        <p>{w.t('accounts.ui.check')}</p>
        <ul>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </div>
    ) : null;

  if (!draft) {
    return (
      <form className="account-form" onSubmit={(e) => void discover(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-address`}>{w.t('accounts.ui.address')}</label>
          <input
            id={`${id}-address`}
            type="email"
            autoComplete="email"
            value={address}
            aria-invalid={invalid.has('address') || undefined}
            onChange={(e) => setAddress(e.target.value)}
          />
        </div>
        {problemList}
        <div className="form-actions">
          <button type="submit" className="button primary" aria-disabled={busy !== null}>
            {busy === 'discover' ? w.t('accounts.ui.discovering') : w.t('accounts.ui.discover')}
          </button>
          {cancelButton}
        </div>
      </form>
    );
  }

  const protocolLabel = draft.protocol === 'pop3' ? 'POP3' : 'IMAP';
  const set = (patch: Partial<AccountDraft>): void => setDraft({ ...draft, ...patch });
  return (
    <form
      className="account-form"
      onSubmit={(e) => void save(e, draft)}
      noValidate
      aria-describedby={problems.length ? `${id}-problems` : undefined}
    >
      {found ? <DiscoveryNote found={found} /> : null}
      <fieldset>
        <legend>{w.t('accounts.ui.protocol')}</legend>
        <div className="choice-row" role="radiogroup">
          {(['imap', 'pop3'] as const).map((p) => (
            <label key={p} className="choice">
              <input
                type="radio"
                name={`${id}-protocol`}
                checked={draft.protocol === p}
                onChange={() => {
                  const next = p === 'pop3' ? 'POP3' : 'IMAP';
                  const port = String(DEFAULT_PORTS[next][draft.incoming.security]);
                  set({ protocol: p, incoming: { ...draft.incoming, port } });
                }}
              />{' '}
              {w.t(`accounts.ui.protocol.${p}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <ServerFields
        protocol={protocolLabel}
        legend={w.t('accounts.ui.incoming', { protocol: protocolLabel })}
        value={draft.incoming}
        onChange={(incoming) => set({ incoming })}
        invalid={invalid.has('incoming') ? BAD_HOST : NO_FIELDS}
      />
      <ServerFields
        protocol="SMTP"
        legend={w.t('accounts.ui.outgoing')}
        value={draft.smtp}
        onChange={(smtp) => set({ smtp })}
        invalid={invalid.has('smtp') ? BAD_HOST : NO_FIELDS}
      />
      <div className="field">
        <label htmlFor={`${id}-user`}>{w.t('accounts.ui.user')}</label>
        <input
          id={`${id}-user`}
          type="text"
          autoComplete="username"
          spellCheck={false}
          value={draft.user}
          aria-invalid={invalid.has('user') || undefined}
          onChange={(e) => set({ user: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-main-address`}>{w.t('accounts.ui.address')}</label>
        <input
          id={`${id}-main-address`}
          type="email"
          autoComplete="email"
          value={draft.address}
          aria-invalid={invalid.has('address') || undefined}
          onChange={(e) => set({ address: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-identities`}>{w.t('accounts.ui.identities')}</label>
        <input
          id={`${id}-identities`}
          type="text"
          spellCheck={false}
          value={draft.identities}
          aria-invalid={invalid.has('identities') || undefined}
          aria-describedby={`${id}-identities-help`}
          onChange={(e) => set({ identities: e.target.value })}
        />
        <p className="help" id={`${id}-identities-help`}>
          {w.t('accounts.ui.identitiesHelp')}
        </p>
      </div>
      <SignInMethodFields draft={draft} onChange={setDraft} invalid={invalid} clients={clients} repairing={repairing} />
      {cal ? (
        <CalDavFields
          draft={cal}
          onChange={setCal}
          mail={draft}
          address={draft.address}
          accountId={draft.id}
          invalid={calInvalid}
        />
      ) : null}
      {problemList}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void test(draft)} aria-disabled={busy !== null}>
          {busy === 'test' ? w.t('accounts.ui.testing') : w.t('accounts.ui.test')}
        </button>
        <button type="submit" className="button primary" aria-disabled={busy !== null}>
          {busy === 'save' ? w.t('accounts.ui.saving') : w.t('accounts.ui.save')}
        </button>
        {cancelButton}
      </div>
      <div aria-live="polite">
        {result ? (
          <ConnectionTestReport
            result={result}
            incomingLabel={w.t('accounts.ui.incomingLine', { protocol: protocolLabel })}
          />
        ) : null}
      </div>
      <ErrorMessage message={error} />
    </form>
  );
}

function DiscoveryNote({ found }: { readonly found: DiscoveryView }) {
  const w = useWords();
  return (
    <div className="discovery-note" role="status">
      <p>
        {found.found
          ? w.t('accounts.ui.found', { address: found.address })
          : w.t('accounts.ui.notFound', { address: found.address })}
      </p>
      {found.sources.length ? (
        <ul className="sources">
          {found.sources.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : null}
      {found.guessed ? <p className="help">{w.t('accounts.ui.guessed')}</p> : null}
    </div>
  );
}
