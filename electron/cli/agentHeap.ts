/**
 * The heap setting of the long-running `watch` agent. It idles nearly all the time, for days; V8 grows the young
 * generation (where new objects start) from 1 MB to 16 MB a half as soon as work allocates fast — loading 10,000
 * events at start does — and does not give it back while the process idles: ~30 MB of resident memory held for
 * work that is over. Kept at its first size, the young generation is collected more often, in small steps.
 * Measured (BENCHMARKS.md): the idle agent with 10,000 events 123 → 100 MB resident; a burst of 1,000 invitations
 * about a tenth slower, well inside its target. One-shot commands keep V8's default: they are short and want speed.
 */
import v8 from 'node:v8';

/** Before the agent's modules load. V8 reads the growth factor whenever it would grow the young generation. */
export function keepYoungGenerationSmall(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
