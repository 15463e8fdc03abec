/**
 * The notice for unusable files in the data folder (corrupt, unreadable, moved aside to quarantine/): shown above
 * every screen until they are dealt with, so a decision or an event that could not be read is never lost in
 * silence.
 */
import type { DataProblem } from '../api';

export function DataProblemsBanner({ problems }: { problems: readonly DataProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <section className="banner data-problems" role="alert" aria-labelledby="data-problems-heading">
      <h2 id="data-problems-heading">
        {problems.length === 1 ? 'A file in the data folder could not be used' : `${problems.length} files in the data folder could not be used`}
      </h2>
      <p>Nothing was overwritten. Unusable files are kept in the data folder&apos;s quarantine folder; run <code>imip-companion check</code> for the list.</p>
      <ul>
        {problems.map((p) => (
          <li key={p.file}>{p.message}</li>
        ))}
      </ul>
    </section>
  );
}
