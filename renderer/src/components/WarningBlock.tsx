/** The engine's warnings about a message (sender not verified, DMARC failed), shown prominently with icon and text. */
import { useId } from 'react';
import type { Message } from '../../../shared/i18n/index.js';
import { say } from '../lib/say';

export interface WarningBlockProps {
  readonly warnings: readonly Message[];
}

export function WarningBlock({ warnings }: WarningBlockProps) {
  const headingId = useId();
  if (warnings.length === 0) return null;
  return (
    <div className="warning-block" role="group" aria-labelledby={headingId}>
      <p className="warning-title" id={headingId}>
        <span className="warning-icon" aria-hidden="true">⚠</span> Warning
      </p>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>{say(w)}</li>
        ))}
      </ul>
    </div>
  );
}
