/**
 * Cheap, parse-free readings of iCalendar text for the mail layer: line-ending normalisation, unfolding
 * (RFC 5545 §3.1), the top-level METHOD of a VCALENDAR (RFC 5545 §3.7.2) and a comparison key that treats two
 * copies of the same object as equal however each MIME part encoded it. Pure: no Node builtins.
 *
 * The detector runs on every incoming mail, so it must not pay for (or fail on) a full iCalendar parse: a part
 * whose VEVENT is broken can still tell us it is a METHOD:REQUEST, and the engine reports the rest.
 */

/** Splits into unfolded content lines; accepts CRLF, bare LF (LF-only .eml files) and bare CR. */
export function unfoldLines(text: string): string[] {
  // RFC 5545 §3.1: a line break followed by one space or tab is a fold; remove both. Tolerate bare LF folds,
  // which appear once a mail has passed through a Unix mbox or a LF-only .eml file.
  const normalised = stripBom(text).replace(/\r\n|\r/g, '\n');
  return normalised.replace(/\n[ \t]/g, '').split('\n');
}

/**
 * The METHOD of the first VCALENDAR, upper-case, or null. Only a property directly inside VCALENDAR counts
 * (depth 1), so a stray `METHOD:` inside a DESCRIPTION or an X- component cannot fake it. Property names are
 * case-insensitive (RFC 5545 §2), so `method:request` is read as REQUEST.
 */
export function readTopLevelMethod(text: string): string | null {
  let depth = 0;
  let seenCalendar = false;
  for (const line of unfoldLines(text)) {
    const begin = /^BEGIN:(.+)$/i.exec(line.trim());
    if (begin) {
      if (depth === 0 && begin[1]?.trim().toUpperCase() !== 'VCALENDAR') return null;
      seenCalendar = true;
      depth++;
      continue;
    }
    if (/^END:/i.test(line.trim())) {
      depth--;
      // Only the first VCALENDAR of a part is read: later ones are not what the header describes.
      if (depth <= 0 && seenCalendar) return null;
      continue;
    }
    if (depth !== 1) continue;
    const m = /^METHOD(?:;[^:]*)?:(.*)$/i.exec(line);
    if (m) {
      const value = (m[1] ?? '').trim().toUpperCase();
      return value === '' ? null : value;
    }
  }
  return null;
}

/** True when the text opens a VCALENDAR (after an optional BOM and blank lines). */
export function looksLikeCalendar(text: string): boolean {
  const first = stripBom(text)
    .slice(0, 512)
    .split(/\r\n|\n|\r/)
    .find((l) => l.trim() !== '');
  return first !== undefined && first.trim().toUpperCase() === 'BEGIN:VCALENDAR';
}

/** True when a VCALENDAR was opened but its END:VCALENDAR never arrived: a truncated part. */
export function isTruncatedCalendar(text: string): boolean {
  const lines = unfoldLines(text).map((l) => l.trim().toUpperCase());
  return lines.includes('BEGIN:VCALENDAR') && !lines.includes('END:VCALENDAR');
}

/**
 * A key under which two copies of one iCalendar object compare equal: line endings normalised, lines unfolded,
 * trailing blanks and empty lines dropped. Google sends the same object as an inline text/calendar (7bit) and
 * as an invite.ics application/ics attachment (base64); the bytes differ only in transfer encoding, but other
 * clients refold lines or end the file without a final CRLF.
 */
export function calendarCompareKey(text: string): string {
  return unfoldLines(text)
    .map(trimBlanksEnd)
    .filter((l) => l !== '')
    .join('\n');
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The line without trailing spaces and tabs. Not `/[ \t]+$/`: that regular expression retries from every blank of
 * a long run that is followed by something else, quadratic in the run (400 kB of spaces inside a SEQUENCE value
 * took minutes).
 */
function trimBlanksEnd(line: string): string {
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  return end === line.length ? line : line.slice(0, end);
}
