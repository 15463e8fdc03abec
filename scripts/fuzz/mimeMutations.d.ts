/**
 * MIME-aware mutations (RFC 2045–2049): boundaries, transfer encodings, charsets, content types, header folding
 * and encoded words, deep multipart and message/rfc822 nesting; and wrapping an iCalendar seed into a mail the
 * way real clients send it (RFC 6047 §2.4), so calendar mutations also travel the whole mail path.
 */
import type { Random } from './random.js';
export declare function changeBoundary(s: string, r: Random): string;
export declare function changeEncoding(s: string, r: Random): string;
export declare function changeCharset(s: string, r: Random): string;
export declare function changeContentType(s: string, r: Random): string;
export declare function headerNoise(s: string, r: Random): string;
/** The mail (or part of it) as a message/rfc822 attachment of another mail, `depth` times over. */
export declare function nestMessage(s: string, r: Random): string;
export declare function deepMultipart(s: string, r: Random): string;
/** An iCalendar text (latin1 bytes) inside a mail as a client would send it, with a random encoding. */
export declare function wrapCalendar(ics: string, r: Random): string;
export declare const MIME_MUTATIONS: readonly [typeof changeBoundary, typeof changeEncoding, typeof changeCharset, typeof changeContentType, typeof headerNoise, typeof nestMessage, typeof deepMultipart];
