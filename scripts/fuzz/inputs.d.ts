import type { Corpus } from './corpus.js';
export type Target = 'mail' | 'ics' | 'itip' | 'process';
export declare const TARGETS: readonly Target[];
export interface FuzzInput {
    readonly index: number;
    readonly target: Target;
    readonly seed: string;
    readonly bytes: Buffer;
    /** For `itip`: the MIME method parameter passed alongside. */
    readonly headerMethod: string | null;
}
export declare function makeInput(corpus: Corpus, runSeed: number, index: number, targets?: readonly Target[]): FuzzInput;
