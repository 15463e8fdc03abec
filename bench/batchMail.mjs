// Deterministic iMIP mail for the batch benchmarks (bench/process-batch.mjs, bench/agent-burst.mjs): new
// invitations to me@example.com from a few organizers, later updates of some of them (a new time, SEQUENCE+1) and
// cancellations of others, each a whole RFC 5322 message with a text/calendar body. Nothing here loads the product.

export const ME = 'me@example.com';
/** The clock the messages are processed at: all were sent the day before, inside the default time frame. */
export const NOW = '2026-03-01T12:00:00Z';

const ORGANIZERS = ['alice@example.org', 'bob@example.org', 'carol@example.net', 'dave@example.com'];

function pad(n, w = 2) {
  return String(n).padStart(w, '0');
}

function stamp(d) {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(
    d.getUTCMinutes(),
  )}00Z`;
}

function vevent(i, method, sequence, shiftHours) {
  const organizer = ORGANIZERS[i % ORGANIZERS.length];
  const start = new Date(Date.UTC(2026, 2, 2 + (i % 60), 8 + (i % 9) + shiftHours));
  const end = new Date(start.getTime() + 3_600_000);
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Example Corp.//Bench//EN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:bench-${i}@example.org`,
    `SEQUENCE:${sequence}`,
    `DTSTAMP:${stamp(new Date(Date.UTC(2026, 1, 28, 9, 0) + sequence * 60_000))}`,
    `DTSTART:${stamp(start)}`,
    `DTEND:${stamp(end)}`,
    `SUMMARY:Meeting ${i}${method === 'CANCEL' ? ' (cancelled)' : ''}`,
    ...(method === 'CANCEL' ? ['STATUS:CANCELLED'] : []),
    `ORGANIZER;CN=Organizer ${i % ORGANIZERS.length}:mailto:${organizer}`,
    `ATTENDEE;CN=Organizer;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:${organizer}`,
    `ATTENDEE;CN=Me;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

function mailOf(i, n, method, ics) {
  const organizer = ORGANIZERS[i % ORGANIZERS.length];
  return [
    `From: Organizer <${organizer}>`,
    `To: Me <${ME}>`,
    `Subject: ${method === 'CANCEL' ? 'Cancelled' : 'Invitation'}: Meeting ${i}`,
    'Date: Sat, 28 Feb 2026 10:00:00 +0000',
    `Message-ID: <bench-${n}-${method.toLowerCase()}-${i}@example.org>`,
    'MIME-Version: 1.0',
    `Content-Type: text/calendar; charset=utf-8; method=${method}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    ics,
  ].join('\r\n');
}

/**
 * `count` mails: the first 70 % new invitations (UIDs 0…), then updates of every fourth of them (a new time,
 * SEQUENCE 1) and cancellations of every fifth. Each entry: { name, text, method, uid }.
 */
export function batchMails(count) {
  const invitations = Math.ceil(count * 0.7);
  const out = [];
  for (let i = 0; i < invitations; i++) out.push({ i, method: 'REQUEST', sequence: 0, shift: 0 });
  for (let i = 0; out.length < count && i < invitations; i += 4)
    out.push({ i, method: 'REQUEST', sequence: 1, shift: 1 });
  for (let i = 2; out.length < count && i < invitations; i += 5)
    out.push({ i, method: 'CANCEL', sequence: 2, shift: 0 });
  return out.slice(0, count).map((m, n) => ({
    name: `${String(n).padStart(5, '0')}.eml`,
    method: m.method,
    uid: `bench-${m.i}@example.org`,
    text: mailOf(m.i, n, m.method, vevent(m.i, m.method, m.sequence, m.shift)),
  }));
}
