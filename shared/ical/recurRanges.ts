/**
 * Owns the numeric ranges of RRULE BY* parts as ical.js enforces them when it reads a rule (RFC 5545 §3.3.10,
 * with ical.js' own bounds: BYMONTHDAY 0 is let through there, so it is here).
 */

/**
 * The ranges ical.js checks BY* numbers against when it reads an RRULE. It compares the text, not the number, so
 * `BYMONTH=60301T080000Z` or a trailing bare CR slips through as 60301, is written back as `BYMONTH=60301`, and
 * that text is refused: a calendar the store writes must read again, so the number is checked here.
 */
const RECUR_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  bysecond: [0, 60],
  byminute: [0, 59],
  byhour: [0, 23],
  bymonthday: [-31, 31],
  byyearday: [-366, 366],
  byweekno: [-53, 53],
  bymonth: [1, 12],
  bysetpos: [-366, 366],
};

/**
 * ical.js keeps a part it does not know under its name as written; the writer drops the control characters of a
 * line, so `BYMONTHDAY\x07=-999` (unknown, kept) came back as `BYMONTHDAY=-999` (known, refused). A part name must
 * be a token (RFC 5545 §3.3.10 names, or an x-name).
 */
const PART_NAME = /^[a-z0-9-]+$/i;

/** What is wrong in decoded RRULE data (ical.js' lower-case part names): a name or a number, or null. */
export function recurOutOfRange(data: Readonly<Record<string, unknown>>): string | null {
  // An empty name is a trailing ";" (written by some clients), which ical.js reads as nothing.
  for (const k in data)
    if (k !== '' && !PART_NAME.test(k)) return `RRULE part name ${JSON.stringify(k)} is not a token`;
  for (const k in RECUR_RANGES) {
    const v = data[k];
    if (v === undefined) continue;
    const [lo, hi] = RECUR_RANGES[k] as readonly [number, number];
    for (const n of Array.isArray(v) ? v : [v])
      if (typeof n === 'number' && (n < lo || n > hi)) return `RRULE ${k.toUpperCase()}=${n} is outside ${lo}…${hi}`;
  }
  return null;
}
