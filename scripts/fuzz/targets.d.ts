import type { FuzzInput } from './inputs.js';
export declare class Violation extends Error {
    readonly name = "Violation";
}
export declare function runIcs(text: string): void;
export declare function runItip(text: string, headerMethod: string | null, me: readonly string[]): void;
export declare function runMail(bytes: Buffer): Promise<void>;
/** One data dir in a temp folder, used for a batch of inputs, then checked and removed. */
export declare class ProcessBed {
    #private;
    readonly root: string;
    constructor(me: readonly string[]);
    run(bytes: Buffer): Promise<void>;
    /** Every stored file loads in a fresh DataDir without problems, parses, and holds no raw control characters. */
    verify(): Promise<void>;
    dispose(): void;
}
export declare function runTarget(input: FuzzInput, me: readonly string[], bed: ProcessBed | null): Promise<void>;
