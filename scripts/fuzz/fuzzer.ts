/**
 * The fuzzing loop: inputs `start … start+count-1` of a run, each built from (seed, number), run against its
 * target under the oracle. Findings are grouped by signature (target, kind, message, innermost product frame) so
 * one bug found a thousand times is reported once, with the first input that showed it.
 */
import type { Corpus } from './corpus.js';
import { DEFAULT_MAX_LEN, makeInput, TARGETS, type FuzzInput, type Target } from './inputs.js';
import { ProcessBed, runTarget, Violation, warmUp } from './targets.js';

export type FindingKind = 'exception' | 'violation' | 'slow' | 'memory' | 'hang';

export interface Finding {
  readonly kind: FindingKind;
  readonly target: Target;
  readonly index: number;
  readonly seedName: string;
  readonly message: string;
  readonly signature: string;
  readonly count: number;
}

export interface FuzzOptions {
  readonly seed: number;
  readonly start?: number;
  /** The inputs `start`, `start + stride`, … below `start + count` (several workers share one run by stride). */
  readonly count: number;
  readonly stride?: number;
  readonly targets?: readonly Target[];
  /** Time budget per input; longer is a `slow` finding (a hang is caught outside, by the supervisor). */
  readonly budgetMs?: number;
  /** The bound on an input's size in bytes (libFuzzer's `-max_len`); DEFAULT_MAX_LEN unless given. */
  readonly maxLen?: number;
  /** Resident memory above this after an input is a `memory` finding. */
  readonly maxRssBytes?: number;
  /** Inputs per data dir for the process target. */
  readonly batch?: number;
  /** Called before each input (the supervisor's heartbeat). */
  readonly onInput?: (index: number) => void;
  /** Stop early once this time (epoch ms) has passed. */
  readonly deadline?: number;
  /** Replaces the targets (tests of the fuzzer itself). */
  readonly run?: (input: FuzzInput) => Promise<void>;
}

export interface FuzzReport {
  readonly inputs: number;
  readonly byTarget: Record<Target, number>;
  /** Time spent per target (building the inputs, running them, checking a batch), for a rate per target. */
  readonly msByTarget: Record<Target, number>;
  readonly seconds: number;
  readonly findings: Finding[];
}

/** The first stack frame inside the product's own folders: where the bug is, not where it surfaced. */
function productFrame(e: unknown): string {
  const stack = e instanceof Error ? (e.stack ?? '') : '';
  const lines = stack.split('\n').filter((l) => l.trimStart().startsWith('at '));
  const frame = lines.find((l) => /[/\\](shared|electron)[/\\]/.test(l) && !l.includes('node_modules'));
  if (frame)
    return frame
      .trim()
      .replace(/:\d+\)?$/, '')
      .replace(/^.*[/\\](shared|electron)[/\\]/, '$1/');
  // Raised outside the product, and no product frame on the stack (an async continuation): where it was raised.
  return (lines[0] ?? '')
    .trim()
    .replace(/^.*node_modules[/\\]/, '')
    .replace(/:\d+\)?$/, '');
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.slice(0, 300);
  return `thrown non-error: ${String(e)}`.slice(0, 300);
}

export class FindingLog {
  readonly #bySignature = new Map<string, Finding>();
  /** Called with each new signature as it is first seen (the supervisor keeps them if the worker dies later). */
  onNew: ((f: Finding) => void) | null = null;

  add(kind: FindingKind, input: FuzzInput, message: string, where = ''): void {
    const signature = `${input.target}|${kind}|${message.replace(/\d+/g, 'N').slice(0, 120)}|${where}`;
    const seen = this.#bySignature.get(signature);
    if (seen) {
      this.#bySignature.set(signature, { ...seen, count: seen.count + 1 });
      return;
    }
    const f: Finding = {
      kind,
      target: input.target,
      index: input.index,
      seedName: input.seed,
      message,
      signature,
      count: 1,
    };
    this.#bySignature.set(signature, f);
    this.onNew?.(f);
  }

  merge(f: Finding): void {
    const seen = this.#bySignature.get(f.signature);
    this.#bySignature.set(f.signature, seen ? { ...seen, count: seen.count + f.count } : f);
  }

  list(): Finding[] {
    return [...this.#bySignature.values()];
  }
}

/**
 * An input of at most DEFAULT_MAX_LEN takes a few ms; one over a quarter second is worth a look (and would cut
 * the run's rate by hundreds of inputs). Under heavy load from other work, raise it with --budget.
 */
export const DEFAULT_BUDGET_MS = 250;

export async function fuzz(corpus: Corpus, opts: FuzzOptions, log = new FindingLog()): Promise<FuzzReport> {
  const targets = opts.targets ?? TARGETS;
  const budget = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  const maxLen = opts.maxLen ?? DEFAULT_MAX_LEN;
  const maxRss = opts.maxRssBytes ?? 1536 * 1024 * 1024;
  const batch = opts.batch ?? 200;
  const start = opts.start ?? 0;
  const stride = Math.max(1, Math.floor(opts.stride ?? 1));
  const byTarget: Record<Target, number> = { mail: 0, ics: 0, itip: 0, process: 0 };
  const msByTarget: Record<Target, number> = { mail: 0, ics: 0, itip: 0, process: 0 };
  if (!opts.run && targets.includes('process')) await warmUp();
  const t0 = Date.now();
  let bed: ProcessBed | null = null;
  let bedUses = 0;
  let done = 0;
  const closeBed = async (last: FuzzInput): Promise<void> => {
    if (!bed) return;
    const began = performance.now();
    try {
      await bed.verify();
    } catch (e) {
      log.add(
        e instanceof Violation ? 'violation' : 'exception',
        last,
        `after a batch: ${describe(e)}`,
        productFrame(e),
      );
    }
    bed.dispose();
    bed = null;
    bedUses = 0;
    msByTarget.process += performance.now() - began;
  };
  let last: FuzzInput | null = null;
  try {
    for (let i = start; i < start + opts.count; i += stride) {
      if (opts.deadline !== undefined && Date.now() > opts.deadline) break;
      opts.onInput?.(i);
      const built = performance.now();
      const input = makeInput(corpus, opts.seed, i, targets, maxLen);
      last = input;
      if (input.target === 'process') {
        bed ??= new ProcessBed(corpus.me);
        bedUses++;
      }
      const began = performance.now();
      try {
        await (opts.run ? opts.run(input) : runTarget(input, corpus.me, bed));
      } catch (e) {
        log.add(e instanceof Violation ? 'violation' : 'exception', input, describe(e), productFrame(e));
      }
      const took = performance.now() - began;
      if (took > budget)
        log.add('slow', input, `took ${Math.round(took)} ms (budget ${budget} ms), ${input.bytes.length} bytes`);
      // Reading the resident size costs a /proc read; every 64th input and any slow one are enough to catch growth.
      if ((took > 50 || done % 64 === 0) && process.memoryUsage.rss() > maxRss)
        log.add(
          'memory',
          input,
          `resident memory ${Math.round(process.memoryUsage.rss() / 1048576)} MB after the input`,
        );
      byTarget[input.target]++;
      msByTarget[input.target] += performance.now() - built;
      done++;
      if (bedUses >= batch) await closeBed(input);
    }
  } finally {
    if (last) await closeBed(last);
  }
  return { inputs: done, byTarget, msByTarget, seconds: (Date.now() - t0) / 1000, findings: log.list() };
}
