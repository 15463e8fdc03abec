import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildImipMail, ImipBuildError, textToHtml } from '../../../electron/mail/buildImipMail.js';
import { readImipMail } from '../../../electron/mail/readImipMail.js';
import { detectScheduling } from '../../../shared/mail/detectScheduling.js';
import type { ItipMethod, ItipMail } from '../../../shared/model/outgoing.js';

/** A folded, CRLF, UTF-8 VCALENDAR like the engine produces, with lines longer than QP's 76 columns. */
function ics(method: ItipMethod): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//iMIP Companion//EN',
    `METHOD:${method}`,
    'BEGIN:VTIMEZONE',
    'TZID:Europe/Berlin',
    'BEGIN:STANDARD',
    'DTSTART:19701025T030000',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    'UID:7f3e2a10-5b4c-4d3e-8f2a-1b0c9d8e7f6a@example.com',
    'DTSTAMP:20261102T090000Z',
    'DTSTART;TZID=Europe/Berlin:20261110T140000',
    'DTEND;TZID=Europe/Berlin:20261110T150000',
    'SUMMARY:Abstimmung mit Jürgen Müller über das Budget 2027 – Raum „Süd“ = ',
    ' zweiter Teil',
    'ORGANIZER;CN=Ann Example:mailto:ann@example.com',
    'ATTENDEE;PARTSTAT=ACCEPTED;CN=Bob Example:mailto:bob@example.org',
    'DESCRIPTION:Trailing space and tab must survive: \t',
    'SEQUENCE:2',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

function message(method: ItipMethod, over: Partial<ItipMail> = {}): ItipMail {
  return {
    method,
    from: { address: 'bob@example.org', name: 'Bob Ö. Example' },
    to: { address: 'ann@example.com', name: 'Ann Example' },
    subject: 'Accepted: Abstimmung – Budget 2027',
    text: 'Bob has accepted <b>your</b> invitation & "thanks" it\'s fine.\nSecond line.',
    ics: ics(method),
    uid: '7f3e2a10-5b4c-4d3e-8f2a-1b0c9d8e7f6a@example.com',
    recurrenceId: null,
    sequence: 2,
    ...over,
  };
}

const FIXED = { messageId: '<reply-1@example.org>', date: new Date('2026-11-02T09:00:00Z') };

describe('buildImipMail', () => {
  it('lays out mixed ▸ alternative(plain, html, text/calendar; method) + one invite.ics attachment', async () => {
    const raw = (await buildImipMail(message('REPLY'), FIXED)).toString('latin1');
    expect(raw).toMatch(/^Content-Type: multipart\/mixed;/m);
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(raw).toMatch(/^Content-Type: text\/html; charset=utf-8$/m);
    expect(raw.match(/^Content-Type: text\/calendar; charset=utf-8; method=REPLY$/gm)).toHaveLength(1);
    expect(raw.match(/^Content-Type: application\/ics; name=invite\.ics$/gm)).toHaveLength(1);
    expect(raw).toMatch(/^Content-Disposition: attachment; filename=invite\.ics$/m);
    // Order: the calendar alternative is last inside multipart/alternative, the attachment after it.
    expect(raw.indexOf('text/plain')).toBeLessThan(raw.indexOf('text/html'));
    expect(raw.indexOf('text/html')).toBeLessThan(raw.indexOf('text/calendar'));
    expect(raw.indexOf('text/calendar')).toBeLessThan(raw.indexOf('application/ics'));
    expect(raw).not.toMatch(/\r(?!\n)|[^\r]\n/);
  });

  it('writes From, To, Subject, Message-ID, Date and no Reply-To', async () => {
    const parsed = await simpleParser(await buildImipMail(message('REPLY'), FIXED));
    expect(parsed.from?.value).toEqual([{ address: 'bob@example.org', name: 'Bob Ö. Example' }]);
    expect(parsed.subject).toBe('Accepted: Abstimmung – Budget 2027');
    expect(parsed.messageId).toBe('<reply-1@example.org>');
    expect(parsed.date?.toISOString()).toBe('2026-11-02T09:00:00.000Z');
    expect(parsed.headers.has('reply-to')).toBe(false);
    expect(parsed.headers.has('auto-submitted')).toBe(false);
    expect(parsed.headers.has('in-reply-to')).toBe(false);
  });

  it.each<ItipMethod>(['REQUEST', 'REPLY', 'CANCEL', 'COUNTER', 'REFRESH', 'PUBLISH', 'ADD', 'DECLINECOUNTER'])(
    'keeps the %s calendar byte-exact through readImipMail',
    async (method) => {
      const msg = message(method);
      const r = await readImipMail(await buildImipMail(msg, FIXED));
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.calendarParts).toHaveLength(2);
      expect(r.value.calendarParts[0]).toMatchObject({ contentType: 'text/calendar', method, isAttachment: false });
      expect(r.value.calendarParts[1]).toMatchObject({
        contentType: 'application/ics',
        filename: 'invite.ics',
        isAttachment: true,
      });
      for (const part of r.value.calendarParts) expect(part.text).toBe(msg.ics);
      const d = detectScheduling(r.value);
      expect(d).toMatchObject({
        kind: 'calendar',
        method,
        headerMethod: method,
        notes: ['2 identical calendar parts; one used'],
      });
      expect(r.value.replyTo).toEqual([]);
    },
  );

  it('escapes everything in the html alternative and keeps text/plain as written', async () => {
    const parsed = await simpleParser(await buildImipMail(message('REPLY'), FIXED));
    expect(parsed.text?.trim()).toBe('Bob has accepted <b>your</b> invitation & "thanks" it\'s fine.\nSecond line.');
    expect(parsed.html).toContain(
      'Bob has accepted &lt;b&gt;your&lt;/b&gt; invitation &amp; &quot;thanks&quot; it&#39;s fine.<br>\nSecond line.',
    );
    expect(parsed.html).not.toContain('<b>');
    expect(textToHtml('<script>alert(1)</script>')).not.toContain('<script>');
  });

  it('adds Auto-Submitted only when asked', async () => {
    const parsed = await simpleParser(await buildImipMail(message('CANCEL'), { ...FIXED, autoSubmitted: true }));
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('writes In-Reply-To and References for a reply', async () => {
    const parsed = await simpleParser(
      await buildImipMail(message('REPLY'), { ...FIXED, inReplyTo: '<invite-9@example.com>' }),
    );
    expect(parsed.inReplyTo).toBe('<invite-9@example.com>');
    expect(parsed.references).toBe('<invite-9@example.com>');
  });

  it('generates a Message-ID and Date when none is given', async () => {
    const parsed = await simpleParser(
      await buildImipMail(message('REQUEST', { from: { address: 'ann@example.com' } })),
    );
    expect(parsed.messageId).toMatch(/^<[^@\s]+@example\.com>$/);
    expect(parsed.date).toBeInstanceOf(Date);
  });

  it('normalises a bare-LF calendar to CRLF (RFC 5545 §3.1)', async () => {
    const msg = message('REQUEST', { ics: ics('REQUEST').replace(/\r\n/g, '\n') });
    const r = await readImipMail(await buildImipMail(msg, FIXED));
    expect(r.ok && r.value.calendarParts[0]?.text).toBe(ics('REQUEST'));
  });

  it('refuses a body whose METHOD disagrees with the message, or has none (RFC 6047 §2.4)', async () => {
    await expect(buildImipMail(message('REPLY', { ics: ics('REQUEST') }), FIXED)).rejects.toMatchObject({
      code: 'ITIP_METHOD_MISMATCH',
    });
    const noMethod = ics('REPLY').replace('METHOD:REPLY\r\n', '');
    await expect(buildImipMail(message('REPLY', { ics: noMethod }), FIXED)).rejects.toBeInstanceOf(ImipBuildError);
  });
});

describe('header line lengths (RFC 5322 §2.1.1: at most 998 octets a line)', () => {
  const longs = { ascii: 'x'.repeat(100_000), words: 'a b '.repeat(25_000), utf8: 'Ünï '.repeat(20_000) };
  for (const [kind, long] of Object.entries(longs)) {
    it(`keeps every header line within 998 octets with a long ${kind} subject and names`, async () => {
      const raw = await buildImipMail(
        message('REPLY', {
          subject: long,
          from: { address: 'bob@example.org', name: long },
          to: { address: 'ann@example.com', name: long },
        }),
        FIXED,
      );
      const head = raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
      const tooLong = head
        .split('\r\n')
        .filter((l) => l.length > 998)
        .map((l) => `${l.slice(0, 40)}… (${l.length})`);
      expect(tooLong).toEqual([]);
      const parsed = await simpleParser(raw);
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : null).toBe('ann@example.com');
      expect(parsed.from?.value[0]?.address).toBe('bob@example.org');
    });
  }
});
