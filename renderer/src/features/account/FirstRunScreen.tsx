/** First start without an account: explain in one sentence, then the account form. */
import { getApi, type SettingsView } from '../../api';
import { ScreenHeading } from '../../components/ScreenHeading';
import { AccountForm } from './AccountForm';

export interface FirstRunScreenProps {
  readonly me: readonly string[];
  readonly onDone: (settings: SettingsView) => void;
  readonly onSkip: () => void;
}

export function FirstRunScreen({ me, onDone, onSkip }: FirstRunScreenProps) {
  return (
    <section className="screen first-run" aria-labelledby="first-run-heading">
      <ScreenHeading id="first-run-heading">Add your mail account</ScreenHeading>
      <p className="lead">
        The companion watches your inbox for meeting invitations, applies what it safely can to your calendar and sends your answers. It needs your
        mail account for that; the password is kept in your system's keychain.
      </p>
      <AccountForm
        initial={null}
        initialMe={me}
        onTest={(input) => getApi().testConnection(input)}
        onSave={(input) => getApi().saveAccount(input)}
        onSaved={onDone}
        onCancel={onSkip}
        cancelLabel="Set up later"
      />
    </section>
  );
}
