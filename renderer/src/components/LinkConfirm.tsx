/**
 * Shows where a link from message content leads before it is opened (a description's link text may say one
 * address and point at another), with Open and Cancel.
 */
import { useEffect, useRef, useState } from 'react';
import { useWords } from '../lib/i18n';
import { openExternal } from '../lib/openExternal';

export interface LinkConfirmProps {
  readonly url: string;
  readonly onDone: () => void;
}

export function LinkConfirm({ url, onDone }: LinkConfirmProps) {
  const w = useWords();
  const openRef = useRef<HTMLButtonElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => openRef.current?.focus(), []);
  return (
    <div className="link-confirm" role="group" aria-label={w.t('ui.link.confirm')}>
      <p>
        {w.t('ui.link.confirm')} <span className="link-target">{url}</span>
      </p>
      <div className="link-actions">
        <button
          type="button"
          className="button"
          ref={openRef}
          onClick={() =>
            void openExternal(url).then((ok) => {
              if (ok) onDone();
              else setFailed(true);
            })
          }
        >
          {w.t('ui.link.open')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {w.t('ui.link.cancel')}
        </button>
      </div>
      {failed ? <p className="error-message">{w.t('ui.link.failed')}</p> : null}
    </div>
  );
}
