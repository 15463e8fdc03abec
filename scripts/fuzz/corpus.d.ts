export interface Seed {
    readonly name: string;
    readonly text: string;
}
export interface Corpus {
    readonly mails: readonly Seed[];
    readonly calendars: readonly Seed[];
    /** Addresses the seed mails were sent to: the data dir's `me`, so invitations reach the person paths. */
    readonly me: readonly string[];
}
export declare function loadCorpus(fixtures: string): Corpus;
