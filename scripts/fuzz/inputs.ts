/**
 * Builds input number `index` of a run from the corpus: picks the target, a seed, and a stack of mutations
 * (format-blind, iCalendar-aware, MIME-aware), all from the input's own random stream.
 */
import { BYTE_MUTATIONS, bytesOf, spliceLines } from './byteMutations.js';
import type { Corpus } from './corpus.js';
import { ICAL_MUTATIONS } from './icalMutations.js';
import { MIME_MUTATIONS, wrapCalendar } from './mimeMutations.js';
import { Random, inputSeed } from './random.js';

export type Target = 'mail' | 'ics' | 'itip' | 'process';
export const TARGETS: readonly Target[] = ['mail', 'ics', 'itip', 'process'];

export interface FuzzInput {
  readonly index: number;
  readonly target: Target;
  readonly seed: string;
  readonly bytes: Buffer;
  /** For `itip`: the MIME method parameter passed alongside. */
  readonly headerMethod: string | null;
}

/**
 * The default bound on an input's size, as libFuzzer's `-max_len`: every seed fits (the largest fixture mail is
 * ~46 KB) and so does a header field over the 64 KiB header limit, while the multi-megabyte inputs that cost
 * 0.1–3 s each (and made a third of the run's time) are not built. The size limits themselves (30 MB parts,
 * 64 KiB header fields, expansion caps) have their own tests; `--max-len` raises the bound for a run aimed at them.
 */
export const DEFAULT_MAX_LEN = 128 * 1024;

type Mutation = (s: string, r: Random) => string;

function mutate(text: string, r: Random, kinds: readonly (readonly Mutation[])[], corpusTexts: () => string): string {
  let s = text.length > r.maxLen ? text.slice(0, r.maxLen) : text;
  const rounds = r.chance(0.5) ? 1 : r.range(2, 6);
  for (let k = 0; k < rounds; k++) {
    if (r.chance(0.1)) {
      s = spliceLines(s, corpusTexts(), r);
      continue;
    }
    s = r.pick(r.pick(kinds))(s, r);
    if (s.length > r.maxLen) s = s.slice(0, r.maxLen);
  }
  return s;
}

export function makeInput(
  corpus: Corpus,
  runSeed: number,
  index: number,
  targets: readonly Target[] = TARGETS,
  maxLen = DEFAULT_MAX_LEN,
): FuzzInput {
  const r = new Random(inputSeed(runSeed, index), maxLen);
  const target = targets[index % targets.length] as Target;
  const anyText = (): string => (r.chance(0.5) ? r.pick(corpus.mails) : r.pick(corpus.calendars)).text;
  const icsKinds = [BYTE_MUTATIONS, ICAL_MUTATIONS, ICAL_MUTATIONS];
  if (target === 'ics' || target === 'itip') {
    const seed = r.pick(corpus.calendars);
    const text = mutate(seed.text, r, icsKinds, anyText);
    const headerMethod =
      target === 'itip' && r.chance(0.5) ? r.pick(['REQUEST', 'REPLY', 'CANCEL', 'request', 'X']) : null;
    return { index, target, seed: seed.name, bytes: bytesOf(text.slice(0, maxLen)), headerMethod };
  }
  // Mail targets: a fixture mail, or a fixture calendar wrapped as a client would send it.
  if (r.chance(0.5)) {
    const seed = r.pick(corpus.mails);
    const text = mutate(seed.text, r, [BYTE_MUTATIONS, MIME_MUTATIONS, ICAL_MUTATIONS], anyText);
    return { index, target, seed: seed.name, bytes: bytesOf(text.slice(0, maxLen)), headerMethod: null };
  }
  const seed = r.pick(corpus.calendars);
  const ics = r.chance(0.8) ? mutate(seed.text, r, icsKinds, anyText) : seed.text;
  const mail = r.chance(0.3)
    ? mutate(wrapCalendar(ics, r), r, [MIME_MUTATIONS, BYTE_MUTATIONS], anyText)
    : wrapCalendar(ics, r);
  return { index, target, seed: seed.name, bytes: bytesOf(mail.slice(0, maxLen)), headerMethod: null };
}
