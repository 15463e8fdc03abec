/**
 * The fuzzing loop: inputs `start … start+count-1` of a run, each built from (seed, number), run against its
 * target under the oracle. Findings are grouped by signature (target, kind, message, innermost product frame) so
 * one bug found a thousand times is reported once, with the first input that showed it.
 */
import type { Corpus } from './corpus.js';
import { type FuzzInput, type Target } from './inputs.js';
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
    readonly count: number;
    readonly targets?: readonly Target[];
    /** Time budget per input; longer is a `slow` finding (a hang is caught outside, by the supervisor). */
    readonly budgetMs?: number;
    /** Resident memory above this after an input is a `memory` finding. */
    readonly maxRssBytes?: number;
    /** Inputs per data dir for the process target. */
    readonly batch?: number;
    /** Called before each input (the supervisor's heartbeat). */
    readonly onInput?: (index: number) => void;
    /** Stop early once this time (epoch ms) has passed. */
    readonly deadline?: number;
}
export interface FuzzReport {
    readonly inputs: number;
    readonly byTarget: Record<Target, number>;
    readonly seconds: number;
    readonly findings: Finding[];
}
export declare class FindingLog {
    #private;
    add(kind: FindingKind, input: FuzzInput, message: string, where?: string): void;
    list(): Finding[];
}
export declare function fuzz(corpus: Corpus, opts: FuzzOptions, log?: FindingLog): Promise<FuzzReport>;
