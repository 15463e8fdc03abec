/** "Join meeting" for an event with an online meeting link (EventView.joinUrl), naming the service's host. */
import { useWords } from '../lib/i18n';
import { openExternal, safeExternalUrl } from '../lib/openExternal';

export interface JoinButtonProps {
  readonly url: string | null | undefined;
}

export function JoinButton({ url }: JoinButtonProps) {
  const w = useWords();
  const safe = safeExternalUrl(url);
  if (!safe) return null;
  const host = new URL(safe).hostname;
  return (
    <p className="join">
      <button type="button" className="button primary join-button" onClick={() => void openExternal(safe)}>
        {w.t('ui.join.button')}
      </button>{' '}
      <span className="muted join-host">{w.t('ui.join.via', { host })}</span>
    </p>
  );
}
