/**
 * A copy of a string that is kept for long (an index key, an ETag, a UID), not sharing memory with the text it
 * was cut from. V8 represents a substring (slice, split, a regular expression's match) as a view into its parent
 * and keeps the whole parent alive as long as any such view lives: the UID cut from a 600-byte file keeps the
 * file's text, an ETag cut from a 6 MB server answer keeps the answer. A round trip through JSON makes a string of
 * its own (a detail of the engine, but the one it has had for years; nothing depends on it but memory).
 */
export function ownedString<T extends string | null>(s: T): T {
  return (s === null ? s : JSON.parse(JSON.stringify(s))) as T;
}
