/** First start without an account: explain in one sentence, then the account form. */
import { getApi, type SettingsView } from '../../api';
import { ScreenHeading } from '../../components/ScreenHeading';
import { AccountForm } from './AccountForm';
import { useWords } from '../../lib/i18n';

export interface FirstRunScreenProps {
  readonly me: readonly string[];
  readonly onDone: (settings: SettingsView) => void;
  readonly onSkip: () => void;
}

export function FirstRunScreen({ me, onDone, onSkip }: FirstRunScreenProps) {
  const w = useWords();
  return (
    <section className="screen first-run" aria-labelledby="first-run-heading">
      <ScreenHeading id="first-run-heading">{w.t('ui.firstRun.heading')}</ScreenHeading>
      <p className="lead">{w.t('ui.firstRun.lead')}</p>
      <AccountForm
        initial={null}
        initialMe={me}
        onTest={(input) => getApi().testConnection(input)}
        onSave={(input) => getApi().saveAccount(input)}
        onSaved={onDone}
        onCancel={onSkip}
        cancelLabel={w.t('ui.firstRun.later')}
      />
    </section>
  );
}
