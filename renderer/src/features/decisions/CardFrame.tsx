/**
 * The frame every decision card shares: kind, title, sender, warnings, the engine's reason, the kind-specific
 * body and the choices. Focusable (tabIndex -1) so a notification click can bring a person straight to it.
 */
import type { ReactNode } from 'react';
import type { DecisionView } from '../../api';
import { WarningBlock } from '../../components/WarningBlock';
import { KIND_LABELS, stripMailto } from '../../lib/format';
import { say } from '../../lib/say';

export interface CardFrameProps {
  readonly decision: DecisionView;
  readonly titleId: string;
  readonly children: ReactNode;
  readonly choices: ReactNode;
}

export function CardFrame({ decision, titleId, children, choices }: CardFrameProps) {
  return (
    <article className={`card decision-card kind-${decision.kind}`} aria-labelledby={titleId} tabIndex={-1} data-decision-id={decision.id}>
      <header className="card-header">
        <span className="kind-badge">{KIND_LABELS[decision.kind]}</span>
        <h2 className="card-title" id={titleId}>
          {decision.summary || '(no title)'}
        </h2>
        {decision.from ? <p className="card-from">From {stripMailto(decision.from)}</p> : null}
      </header>
      <WarningBlock warnings={decision.warnings} />
      <p className="reason">
        <span className="reason-label">Why you are asked: </span>
        {say(decision.reason)}
      </p>
      <div className="card-body">{children}</div>
      {choices}
    </article>
  );
}
