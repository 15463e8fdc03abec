import { describe, expect, it } from 'vitest';
import { MAX_CALENDAR_BYTES, parseMailBounded } from '../../../electron/mail/boundedMailParser.js';
import { isPartTooLarge, maxEncodedPartBytes } from '../../../electron/mail/imap/messageFetch.js';
import { readImipMail } from '../../../electron/mail/readImipMail.js';

const ics = (extra = ''): string =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    'UID:size-1',
    'DTSTAMP:20260601T100000Z',
    'DTSTART:20260701T100000Z',
    `SUMMARY:s${extra}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
const b64 = (s: string): string => Buffer.from(s).toString('base64').replace(/.{76}/g, '$&\r\n');

function mail(parts: { type: string; body: string; name?: string }[]): Buffer {
  const lines = [
    'From: o@example.org',
    'To: me@example.com',
    'Subject: s',
    'Message-ID: <s@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
  ];
  for (const p of parts)
    lines.push(
      '--b',
      `Content-Type: ${p.type}${p.name ? `; name="${p.name}"` : ''}`,
      'Content-Transfer-Encoding: base64',
      '',
      b64(p.body),
    );
  lines.push('--b--', '');
  return Buffer.from(lines.join('\r\n'));
}

describe('size limits before decoding', () => {
  it('a calendar part over the limit is refused as too large, from its size, without its text', async () => {
    const big = ics('x'.repeat(MAX_CALENDAR_BYTES));
    const r = await readImipMail(mail([{ type: 'text/calendar; method=REQUEST', body: big }]));
    expect(r).toMatchObject({ ok: false, error: { code: 'CALENDAR_TOO_LARGE' } });
    expect(r.ok ? '' : r.error.message).toMatch(/has \d+ bytes; the limit is 4194304 bytes/);
  });

  it('keeps only the cap of an oversized part and nothing of an unrelated attachment', async () => {
    const parsed = await parseMailBounded(
      mail([
        { type: 'text/calendar', body: ics('y'.repeat(MAX_CALENDAR_BYTES)) },
        { type: 'application/pdf', body: 'z'.repeat(1_000_000), name: 'a.pdf' },
      ]),
      {},
    );
    const [cal, pdf] = parsed.attachments;
    expect(cal).toMatchObject({ oversize: true });
    expect(cal?.content.length).toBe(MAX_CALENDAR_BYTES);
    expect(cal?.decodedSize).toBeGreaterThan(MAX_CALENDAR_BYTES);
    expect(pdf?.decodedSize).toBe(1_000_000);
    expect(pdf?.content.length).toBeLessThanOrEqual(64);
  });

  it('an invitation beside an oversized calendar attachment is still read', async () => {
    const r = await readImipMail(
      mail([
        { type: 'text/calendar; method=REQUEST', body: ics() },
        { type: 'application/ics', body: ics('y'.repeat(MAX_CALENDAR_BYTES)), name: 'big.ics' },
      ]),
    );
    expect(r.ok).toBe(true);
    expect(r.ok && r.value.calendarParts.map((p) => p.text)).toEqual([ics()]);
  });

  it('a part exactly at the limit is read', async () => {
    const body = ics();
    const padded = body.replace('SUMMARY:s', `SUMMARY:s${'p'.repeat(MAX_CALENDAR_BYTES - body.length)}`);
    expect(Buffer.byteLength(padded)).toBe(MAX_CALENDAR_BYTES);
    const r = await readImipMail(mail([{ type: 'text/calendar; method=REQUEST', body: padded }]));
    expect(r.ok && r.value.calendarParts[0]?.text.length).toBe(MAX_CALENDAR_BYTES);
  });

  it('IMAP: the BODYSTRUCTURE size decides, allowing for what base64 adds', () => {
    const encoded = b64('q'.repeat(MAX_CALENDAR_BYTES)).length;
    expect(maxEncodedPartBytes('base64')).toBeGreaterThanOrEqual(encoded);
    expect(maxEncodedPartBytes('base64')).toBeLessThan(encoded + 100);
    expect(isPartTooLarge({ size: encoded, encoding: 'base64' })).toBe(false);
    expect(isPartTooLarge({ size: encoded + 100, encoding: 'base64' })).toBe(true);
    expect(isPartTooLarge({ size: MAX_CALENDAR_BYTES, encoding: 'quoted-printable' })).toBe(false);
    expect(isPartTooLarge({ size: MAX_CALENDAR_BYTES + 1, encoding: '7bit' })).toBe(true);
  });
});
