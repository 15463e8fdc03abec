/**
 * The fuzzer's deterministic randomness: every input is derived from (run seed, input number) alone, so any input
 * a run reports can be rebuilt from those two numbers without replaying the run.
 */

export class Random {
  #state: number;

  /**
   * `maxLen`: the bound on an input's size (libFuzzer's `-max_len`). Not random, but carried here because the
   * mutations that choose a size (huge values, deep nesting, long headers) scale their rare extremes to it instead
   * of building megabytes that are cut anyway.
   */
  constructor(
    seed: number,
    readonly maxLen = Number.POSITIVE_INFINITY,
  ) {
    this.#state = seed >>> 0 || 0x9e3779b9;
  }

  /** Mulberry32: small, fast and good enough to pick mutations; not for anything secret. */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('pick from an empty list');
    return list[this.int(list.length)] as T;
  }
}

/** The seed of input number `index` of a run with seed `runSeed` (a 32-bit integer hash of both). */
export function inputSeed(runSeed: number, index: number): number {
  let h = (runSeed ^ 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ index, 0xcc9e2d51) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x1b873593) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
