/** The engine's warnings about a message (sender not verified, DMARC failed), shown prominently with icon and text. */
import { useId } from 'react';
import type { Message } from '../../../shared/i18n/catalogue.js';
import { useWords } from '../lib/i18n';

export interface WarningBlockProps {
  readonly warnings: readonly (string | Message)[];
}

export function WarningBlock({ warnings }: WarningBlockProps) {
  const w = useWords();
  const headingId = useId();
  if (warnings.length === 0) return null;
  return (
    <div className="warning-block" role="group" aria-labelledby={headingId}>
      <p className="warning-title" id={headingId}>
        <span className="warning-icon" aria-hidden="true">
          ⚠
        </span>{' '}
        {w.t('ui.card.warning')}
      </p>
      <ul>
        {warnings.map((text, i) => (
          <li key={i}>{w.text(text)}</li>
        ))}
      </ul>
    </div>
  );
}
