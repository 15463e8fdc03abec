/**
 * The notice for unusable files in the data folder (corrupt, unreadable, moved aside to quarantine/): shown above
 * every screen until they are dealt with, so a decision or an event that could not be read is never lost in
 * silence.
 */
import { english } from '../../../shared/i18n/index.js';
import type { DataProblem } from '../api';

export function DataProblemsBanner({ problems }: { problems: readonly DataProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <section className="banner data-problems" role="alert" aria-labelledby="data-problems-heading">
      <h2 id="data-problems-heading">{english.t('reliability.problemsHeading', { count: problems.length })}</h2>
      <p>{english.t('reliability.problemsHelp')}</p>
      <ul>
        {problems.map((p) => (
          <li key={p.file}>{p.message}</li>
        ))}
      </ul>
    </section>
  );
}
