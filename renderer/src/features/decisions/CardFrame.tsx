/**
 * The frame every decision card shares: kind, title, sender, warnings, why a person is asked (the engine's
 * reason: a `Message` rendered in my language, or a sentence as it came with its instants formatted), the
 * single meetings of a series the message changes, the kind-specific body and the choices. Focusable (tabIndex -1) so a notification click can bring a person
 * straight to it.
 */
import type { ReactNode } from 'react';
import type { Message } from '../../../../shared/i18n/catalogue.js';
import type { DecisionView } from '../../api';
import { ChangedOccurrences } from '../../components/ChangedOccurrences';
import { WarningBlock } from '../../components/WarningBlock';
import { kindLabel, stripMailto } from '../../lib/format';
import { useWords } from '../../lib/i18n';

export interface CardFrameProps {
  readonly decision: DecisionView;
  readonly titleId: string;
  readonly children: ReactNode;
  readonly choices: ReactNode;
  /** The occurrence (RECURRENCE-ID) the card already shows as old → new, left out of the list of changes. */
  readonly shownOccurrence?: string | null;
}

export function CardFrame({ decision, titleId, children, choices, shownOccurrence }: CardFrameProps) {
  const w = useWords();
  // The reason becomes a catalogue message; until then it is a sentence.
  const reason = decision.reason as string | Message;
  const warnings = decision.warnings as readonly (string | Message)[];
  const changes = (decision.changedOccurrences ?? []).filter((c) => c.recurrenceId !== shownOccurrence);
  return (
    <article
      className={`card decision-card kind-${decision.kind}`}
      aria-labelledby={titleId}
      tabIndex={-1}
      data-decision-id={decision.id}
    >
      <header className="card-header">
        <span className="kind-badge">{kindLabel(w, decision.kind)}</span>
        <h2 className="card-title" id={titleId}>
          {decision.summary || w.t('ui.card.noTitle')}
        </h2>
        {decision.from ? (
          <p className="card-from">{w.t('ui.card.from', { from: stripMailto(decision.from) })}</p>
        ) : null}
      </header>
      <WarningBlock warnings={warnings} />
      <p className="reason">
        <span className="reason-label">{w.t('ui.card.why')} </span>
        {w.text(reason)}
      </p>
      <ChangedOccurrences changes={changes} />
      <div className="card-body">{children}</div>
      {choices}
    </article>
  );
}
