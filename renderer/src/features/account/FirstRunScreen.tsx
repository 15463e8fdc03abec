/** First start without an account: explain in one sentence, then add one (address, discovery, sign-in). */
import { useEffect, useState } from 'react';
import { getApi, type AccountsView, type SettingsView } from '../../api';
import { ScreenHeading } from '../../components/ScreenHeading';
import { AccountEditor } from '../../accounts/AccountEditor';
import { useWords } from '../../lib/i18n';

export interface FirstRunScreenProps {
  readonly me: readonly string[];
  readonly onDone: (settings: SettingsView) => void;
  readonly onSkip: () => void;
}

const NO_CLIENTS: AccountsView['oauthClients'] = { microsoft: false, google: false };

export function FirstRunScreen({ onDone, onSkip }: FirstRunScreenProps) {
  const w = useWords();
  const [clients, setClients] = useState(NO_CLIENTS);
  useEffect(() => {
    void getApi()
      .listAccounts()
      .then((r) => r.ok && setClients(r.value.oauthClients));
  }, []);
  return (
    <section className="screen first-run" aria-labelledby="first-run-heading">
      <ScreenHeading id="first-run-heading">{w.t('ui.firstRun.heading')}</ScreenHeading>
      <p className="lead">{w.t('ui.firstRun.lead')}</p>
      <AccountEditor
        clients={clients}
        onSaved={() =>
          void getApi()
            .getSettings()
            .then((s) => s.ok && onDone(s.value))
        }
        onCancel={onSkip}
        cancelLabel={w.t('ui.firstRun.later')}
      />
    </section>
  );
}
