/**
 * Outlook's VTIMEZONEs as it writes them (Windows names, rules from 1601), for tests of invitations and proposals
 * from Outlook and Exchange. CRLF-joined text, ready to put beside a VEVENT in `ics(…)`.
 */
const zone = (tzid: string, std: [string, string, string], dst: [string, string, string], rules: [string, string]) =>
  [
    'BEGIN:VTIMEZONE',
    `TZID:${tzid}`,
    'BEGIN:STANDARD',
    `DTSTART:${std[0]}`,
    `TZOFFSETFROM:${std[1]}`,
    `TZOFFSETTO:${std[2]}`,
    `RRULE:FREQ=YEARLY;INTERVAL=1;${rules[0]}`,
    'END:STANDARD',
    'BEGIN:DAYLIGHT',
    `DTSTART:${dst[0]}`,
    `TZOFFSETFROM:${dst[1]}`,
    `TZOFFSETTO:${dst[2]}`,
    `RRULE:FREQ=YEARLY;INTERVAL=1;${rules[1]}`,
    'END:DAYLIGHT',
    'END:VTIMEZONE',
  ].join('\r\n');

/** "W. Europe Standard Time": Berlin, Amsterdam, Paris. */
export const W_EUROPE = zone(
  'W. Europe Standard Time',
  ['16010101T030000', '+0200', '+0100'],
  ['16010101T020000', '+0100', '+0200'],
  ['BYDAY=-1SU;BYMONTH=10', 'BYDAY=-1SU;BYMONTH=3'],
);

/** "Pacific Standard Time": US and Canada Pacific. */
export const PACIFIC = zone(
  'Pacific Standard Time',
  ['16010101T020000', '-0700', '-0800'],
  ['16010101T020000', '-0800', '-0700'],
  ['BYDAY=1SU;BYMONTH=11', 'BYDAY=2SU;BYMONTH=3'],
);
