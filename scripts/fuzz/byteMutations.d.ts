/**
 * Format-blind mutations on raw bytes and lines: bit flips, byte sets, inserts, deletes, copies and splicing lines
 * from another seed. Inputs are handled as latin1 strings (one character per byte) so any byte survives a round
 * trip through string operations.
 */
import type { Random } from './random.js';
export declare function latin1(bytes: Uint8Array): string;
export declare function bytesOf(text: string): Buffer;
/** UTF-8 text as a latin1 byte string, for inserting readable words into a byte-level input. */
export declare function utf8Bytes(text: string): string;
export declare function flipBit(s: string, r: Random): string;
export declare function setByte(s: string, r: Random): string;
export declare function insertBytes(s: string, r: Random): string;
export declare function deleteRange(s: string, r: Random): string;
export declare function copyRange(s: string, r: Random): string;
export declare function truncate(s: string, r: Random): string;
/** Lines of `other` inserted into `s`, or `s` cut at a line and continued with `other`'s tail. */
export declare function spliceLines(s: string, other: string, r: Random): string;
export declare function shuffleLines(s: string, r: Random): string;
export declare function lineEndings(s: string, r: Random): string;
export declare const BYTE_MUTATIONS: readonly [typeof flipBit, typeof setByte, typeof insertBytes, typeof deleteRange, typeof copyRange, typeof truncate, typeof shuffleLines, typeof lineEndings];
