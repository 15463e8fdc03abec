/** Reading the instants people and the CLI type: a date or a date-time, with or without an offset. */

/** Something that parses to an instant: a date (`2026-03-01`) or a date-time, with or without an offset. */
export function instantOf(text: string): number | null {
  const t = text.trim();
  // Without an offset a date-time is floating; ISO/JavaScript would read it as local time, the store as UTC wall time.
  const floating = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t);
  const ms = Date.parse(floating ? `${t}Z` : t);
  return Number.isFinite(ms) ? ms : null;
}
