/**
 * The fuzzer's deterministic randomness: every input is derived from (run seed, input number) alone, so any input
 * a run reports can be rebuilt from those two numbers without replaying the run.
 */
export declare class Random {
    #private;
    constructor(seed: number);
    /** Mulberry32: small, fast and good enough to pick mutations; not for anything secret. */
    next(): number;
    /** An integer in [0, n). */
    int(n: number): number;
    /** An integer in [lo, hi]. */
    range(lo: number, hi: number): number;
    chance(p: number): boolean;
    pick<T>(list: readonly T[]): T;
}
/** The seed of input number `index` of a run with seed `runSeed` (a 32-bit integer hash of both). */
export declare function inputSeed(runSeed: number, index: number): number;
