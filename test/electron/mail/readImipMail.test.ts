import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readImipMail } from '../../../electron/mail/readImipMail.js';
import type { CalendarPart, IncomingMail } from '../../../shared/model/mail.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/eml/', import.meta.url));
const raw = (name: string): Buffer => readFileSync(FIXTURES + name);

async function read(name: string): Promise<IncomingMail> {
  const r = await readImipMail(raw(name));
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** The calendar bytes as the fixture encodes them in base64, decoded independently of mailparser. */
function base64Block(name: string, afterHeader: RegExp): string {
  const text = raw(name).toString('latin1');
  const start = text.search(afterHeader);
  const body = text.slice(start).split(/\r?\n\r?\n/)[1] ?? '';
  return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
}

type Shape = Pick<CalendarPart, 'contentType' | 'method' | 'filename' | 'charset' | 'isAttachment'>;
const inline = (method: string | null, charset: string | null, filename: string | null = null): Shape => ({
  contentType: 'text/calendar',
  method,
  filename,
  charset,
  isAttachment: false,
});
const inviteIcs: Shape = {
  contentType: 'application/ics',
  method: null,
  filename: 'invite.ics',
  charset: null,
  isAttachment: true,
};

describe('readImipMail: vendor fixtures', () => {
  it.each<[string, Shape[]]>([
    ['outlook/request-base64.eml', [inline('REQUEST', 'utf-8')]],
    ['outlook/reply-no-organizer.eml', [inline('REPLY', 'utf-8')]],
    ['outlook/meeting-forward.eml', [inline('REQUEST', 'utf-8')]],
    ['google/request.eml', [inline('REQUEST', 'UTF-8'), inviteIcs]],
    ['google/cancel.eml', [inline('CANCEL', 'UTF-8'), inviteIcs]],
    ['google/reply.eml', [inline('REPLY', 'UTF-8'), inviteIcs]],
    ['icloud/request-qp.eml', [inline('REQUEST', 'UTF-8', 'invite.ics')]],
    ['thunderbird/request.eml', [inline('REQUEST', 'UTF-8'), inviteIcs]],
    ['thunderbird/reply.eml', [inline('REPLY', 'UTF-8'), inviteIcs]],
    ['zoom-teams/teams-request.eml', [inline('REQUEST', 'utf-8')]],
    ['zoom-teams/zoom-request.eml', [inline('REQUEST', 'UTF-8')]],
    [
      'proton/request-no-method.eml',
      [{ contentType: 'text/calendar', method: null, filename: 'invite.ics', charset: 'utf-8', isAttachment: true }],
    ],
    ['edge/lowercase-method.eml', [inline('request', 'utf-8')]],
    [
      'edge/latin1-ics-no-charset.eml',
      [{ contentType: 'application/ics', method: null, filename: 'termin.ics', charset: null, isAttachment: true }],
    ],
    [
      'edge/plain-ics-attachment.eml',
      [{ contentType: 'text/calendar', method: null, filename: 'Team offsite.ics', charset: null, isAttachment: true }],
    ],
    ['edge/no-calendar.eml', []],
    ['edge/broken-boundary.eml', []],
    [
      'edge/method-mismatch.eml',
      [
        {
          contentType: 'text/calendar',
          method: 'REQUEST',
          filename: 'appointment.ics',
          charset: 'utf-8',
          isAttachment: true,
        },
      ],
    ],
    ['edge/forwarded-rfc822.eml', [inline('REQUEST', 'UTF-8'), inviteIcs]],
    ['edge/lf-only.eml', [inline('REQUEST', 'UTF-8')]],
    ['edge/single-part.eml', [inline('REQUEST', 'UTF-8')]],
    [
      'edge/octet-stream-ics.eml',
      [
        {
          contentType: 'application/octet-stream',
          method: null,
          filename: 'webinar.ics',
          charset: null,
          isAttachment: true,
        },
      ],
    ],
  ])('%s', async (name, shapes) => {
    const mail = await read(name);
    expect(mail.calendarParts.map(({ text: _text, ...shape }) => shape)).toEqual(shapes);
    for (const part of mail.calendarParts) {
      expect(part.text).toMatch(/^BEGIN:VCALENDAR\r?\n/);
      expect(part.text).toMatch(/END:VCALENDAR\r?\n?$/);
      expect(part.text).not.toContain('\uFFFD');
    }
  });

  it('fills the envelope of an Outlook request', async () => {
    const mail = await read('outlook/request-base64.eml');
    expect(mail).toMatchObject({
      messageId: '<AM9PR03MB7000F1C4E2B5A9D3C1E7A2B4D9A12@AM9PR03MB7000.eurprd03.prod.outlook.example.net>',
      from: { address: 'dana.fischer@example.com', name: 'Dana Fischer' },
      sender: null,
      replyTo: [],
      to: [{ address: 'bob@example.org', name: 'Bob Example' }],
      cc: [{ address: 'erik.lang@example.com', name: 'Erik Lang' }],
      subject: 'Quarterly planning Q2',
      date: '2026-03-03T08:14:19.000Z',
    });
    expect(mail.authenticationResults).toHaveLength(1);
    expect(mail.authenticationResults[0]).toMatch(
      /^spf=pass .*dmarc=pass action=none header\.from=example\.com;compauth=pass reason=100$/,
    );
    expect(mail.textBody).toContain('Review Q1 numbers');
  });

  it('keeps the base64 text/calendar byte-exact, CRLFs and UTF-8 included', async () => {
    const mail = await read('outlook/request-base64.eml');
    const expected = base64Block('outlook/request-base64.eml', /Content-Type: text\/calendar/);
    expect(mail.calendarParts[0]?.text).toBe(expected);
    expect(expected).toContain('LOCATION;LANGUAGE=en-US:Room Ägäis (3rd floor)\r\n');
    expect(expected).toContain('X-MICROSOFT-CDO-OWNERAPPTID:2124163811\r\n');
  });

  it("keeps the mail's HTML body as written (Google, Outlook put the invitation's text there); none without one", async () => {
    const google = await read('google/request.eml');
    expect(google.htmlBody).toMatch(/^<!doctype html>/);
    expect(google.htmlBody).toContain('<a href="https://meet.example.net/abc-defg-hij">Join with Google Meet</a>');
    const outlook = await read('outlook/request-base64.eml');
    expect(outlook.htmlBody).toContain('<html');
    const plain = await read('thunderbird/request.eml');
    expect(plain.htmlBody ?? null).toBeNull();
  });

  it('reads Sender, Reply-To and every Authentication-Results header, newest first', async () => {
    const google = await read('google/request.eml');
    expect(google.sender).toEqual({ address: 'calendar-notification@example.net', name: 'Google Calendar' });
    expect(google.replyTo).toEqual([{ address: 'alice@example.com', name: 'Alice Example' }]);
    expect(google.authenticationResults).toHaveLength(2);
    expect(google.authenticationResults[0]).toMatch(/^mx2\.example\.org;\s+dkim=pass/);
    expect(google.authenticationResults[1]).toBe('relay.example.org; arc=none');

    const proton = await read('proton/request-no-method.eml');
    expect(proton.authenticationResults.map((a) => a.split(';')[1]?.trim().split('=')[0])).toEqual([
      'dmarc',
      'spf',
      'dkim',
    ]);
  });

  it('decodes quoted-printable UTF-8 calendars and RFC 2047 subjects (iCloud)', async () => {
    const mail = await read('icloud/request-qp.eml');
    expect(mail.subject).toBe('Invitation: Dîner de fin de projet on 22 May 2026');
    expect(mail.date).toBe('2026-05-02T09:13:01.000Z');
    expect(mail.from).toEqual({ address: 'noreply@example.net', name: 'Henry Adams' });
    expect(mail.replyTo).toEqual([{ address: 'henry.adams@example.net' }]);
    const text = mail.calendarParts[0]?.text ?? '';
    expect(text).toContain('SUMMARY:Dîner de fin de projet\r\n');
    expect(text).not.toMatch(/[^\r]\n/);
  });

  it('reads 8-bit UTF-8 parts and both copies identically (Thunderbird)', async () => {
    const mail = await read('thunderbird/request.eml');
    const [inlinePart, attached] = mail.calendarParts;
    expect(inlinePart?.text).toContain('SUMMARY:Release retro – 2026.4\r\n');
    expect(attached?.text).toBe(inlinePart?.text);
    expect(mail.subject).toBe('Invitation: Release retro – 2026.4 @ Mon 27 Apr 2026 14:00 - 15:00 (CEST)');
    expect(mail.to).toEqual([
      { address: 'bob@example.org' },
      { address: 'jana.novakova@example.com', name: 'Jana Nováková' },
    ]);
  });

  it('decodes an undeclared Latin-1 application/ics as windows-1252', async () => {
    const mail = await read('edge/latin1-ics-no-charset.eml');
    const text = mail.calendarParts[0]?.text ?? '';
    expect(text).toContain('ORGANIZER;CN=Jürgen Müller:mailto:juergen.mueller@example.com');
    expect(text).toContain('LOCATION:Büro Müller\\, 2. Stock');
    expect(mail.from?.name).toBe('Jürgen Müller');
  });

  it('keeps the declared Content-Type of an octet-stream .ics (mailparser would guess text/calendar)', async () => {
    const mail = await read('edge/octet-stream-ics.eml');
    expect(mail.calendarParts[0]?.contentType).toBe('application/octet-stream');
  });

  it('does not count a PDF sent as application/octet-stream', async () => {
    const mail = await read('edge/no-calendar.eml');
    expect(mail.calendarParts).toEqual([]);
    expect(mail.textBody).toContain('Minutes attached');
  });

  it('reads a forwarded message/rfc822 after the outer parts, keeping the outer text and envelope', async () => {
    const mail = await read('edge/forwarded-rfc822.eml');
    const original = await read('google/request.eml');
    expect(mail.from).toEqual({ address: 'bob@example.org', name: 'Bob Example' });
    expect(mail.subject).toBe('Fwd: Invitation: Design review');
    expect(mail.textBody).toContain('Rosa, could you go');
    expect(mail.textBody).not.toContain('You have been invited');
    expect(mail.calendarParts.map((p) => p.text)).toEqual(original.calendarParts.map((p) => p.text));
  });

  it('reads an inline message/rfc822 the same way', async () => {
    const inner = raw('edge/single-part.eml').toString('utf8');
    const mail = Buffer.from(
      [
        'From: Bob Example <bob@example.org>',
        'To: rosa.diaz@example.org',
        'Subject: Fwd: Board meeting',
        'Date: Tue, 15 Dec 2026 10:00:00 +0000',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="fwd"',
        '',
        '--fwd',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'See below.',
        '--fwd',
        'Content-Type: text/calendar; method=PUBLISH; charset=utf-8; name=outer.ics',
        'Content-Disposition: attachment; filename=outer.ics',
        '',
        'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR',
        '--fwd',
        'Content-Type: message/rfc822',
        'Content-Disposition: inline',
        '',
        inner,
        '--fwd--',
        '',
      ].join('\r\n'),
    );
    const r = await readImipMail(mail);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.calendarParts.map((p) => p.method)).toEqual(['PUBLISH', 'REQUEST']);
    expect(r.value.textBody?.trim()).toBe('See below.');
  });

  it('reads an LF-only .eml', async () => {
    const mail = await read('edge/lf-only.eml');
    expect(raw('edge/lf-only.eml').includes('\r')).toBe(false);
    expect(mail.subject).toBe('Invitation: Reading group');
    expect(mail.date).toBe('2026-11-25T00:45:00.000Z');
    expect(mail.calendarParts[0]?.text).toContain('METHOD:REQUEST\nBEGIN:VEVENT\n');
  });

  it('reads a mail whose whole body is text/calendar', async () => {
    const mail = await read('edge/single-part.eml');
    expect(mail.textBody).toBeNull();
    expect(mail.calendarParts[0]?.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Sabre//')).toBe(true);
  });

  it('does not fail on a long Teams HTML body', async () => {
    const mail = await read('zoom-teams/teams-request.eml');
    expect(mail.subject).toBe('Steering group – Q3 2026');
    expect(mail.calendarParts[0]?.text).toContain('X-MICROSOFT-SKYPETEAMSMEETINGURL:');
    expect(mail.calendarParts[0]?.text.length).toBeGreaterThan(15_000);
    expect(mail.textBody).toContain('Microsoft Teams meeting');
  });
});

describe('readImipMail: bad input is an error value, never an exception', () => {
  it('rejects a truncated base64 calendar with CALENDAR_TRUNCATED', async () => {
    const r = await readImipMail(raw('edge/truncated-base64.eml'));
    expect(r).toMatchObject({ ok: false, error: { code: 'CALENDAR_TRUNCATED' } });
    if (!r.ok) expect(r.error.message).toMatch(/END:VCALENDAR/);
  });

  it('drops a truncated part when a complete one is present', async () => {
    const mail = Buffer.from(
      [
        'From: a@example.com',
        'Subject: two parts',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/calendar; method=REQUEST',
        '',
        'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR',
        '--b',
        'Content-Type: application/ics; name=invite.ics',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x\r\n').toString('base64').slice(0, 40),
        '--b--',
      ].join('\r\n'),
    );
    const r = await readImipMail(mail);
    expect(r.ok && r.value.calendarParts.map((p) => p.contentType)).toEqual(['text/calendar']);
  });

  it.each<[string, Uint8Array, string]>([
    ['empty input', new Uint8Array(0), 'MAIL_EMPTY'],
    ['whitespace only', Buffer.from('\r\n\r\n  \r\n'), 'MAIL_EMPTY'],
    [
      'binary garbage',
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]),
      'MAIL_NOT_RFC5322',
    ],
    [
      'a bare .ics file',
      Buffer.from('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n'),
      'MAIL_NOT_RFC5322',
    ],
  ])('%s → %s', async (_label, input, code) => {
    const r = await readImipMail(input);
    expect(r).toMatchObject({ ok: false, error: { code } });
    if (!r.ok) expect(r.error.message.length).toBeGreaterThan(10);
  });

  it('accepts a plain Uint8Array as well as a Buffer', async () => {
    const bytes = new Uint8Array(raw('edge/single-part.eml'));
    const r = await readImipMail(bytes);
    expect(r.ok && r.value.calendarParts).toHaveLength(1);
  });

  it('reports an unreadable Date as null, not as "now"', async () => {
    const r = await readImipMail(
      Buffer.from('From: a@example.com\r\nDate: sometime next week\r\nSubject: x\r\n\r\nhello\r\n'),
    );
    expect(r.ok && r.value.date).toBeNull();
    const none = await readImipMail(Buffer.from('From: a@example.com\r\nSubject: x\r\n\r\nhello\r\n'));
    expect(none.ok && none.value.date).toBeNull();
  });

  it('decodes with the declared charset, and as UTF-8 then windows-1252 when the label is unknown', async () => {
    const ics = (charset: string): Buffer =>
      Buffer.concat([
        Buffer.from(
          `From: a@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/calendar; method=REQUEST; charset=${charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`,
        ),
        Buffer.from('BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:M\u00fcller\r\nEND:VCALENDAR\r\n', 'latin1'),
      ]);
    const latin = await readImipMail(ics('ISO-8859-1'));
    expect(latin.ok && latin.value.calendarParts[0]?.text).toContain('SUMMARY:Müller');
    const unknown = await readImipMail(ics('x-no-such-charset'));
    expect(unknown.ok && unknown.value.calendarParts[0]?.text).toContain('SUMMARY:Müller');
    expect(unknown.ok && unknown.value.calendarParts[0]?.charset).toBe('x-no-such-charset');
  });

  it('reads a body declared ISO-8859-1 whose octets are UTF-8 as UTF-8 (Lotus Notes, X-LOTUS-CHARSET:UTF-8)', async () => {
    const part = (charset: string, body: Buffer): Buffer =>
      Buffer.concat([
        Buffer.from(
          `From: a@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/calendar; method=REQUEST; charset="${charset}"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`,
        ),
        body,
      ]);
    const text = 'BEGIN:VCALENDAR\r\nX-LOTUS-CHARSET:UTF-8\r\nSUMMARY:Projekt Übergabe – Müller\r\nEND:VCALENDAR\r\n';
    for (const charset of ['ISO-8859-1', 'windows-1252', 'us-ascii', 'ISO-8859-15']) {
      const r = await readImipMail(part(charset, Buffer.from(text, 'utf8')));
      expect(r.ok && r.value.calendarParts[0]?.text, charset).toContain('SUMMARY:Projekt Übergabe – Müller');
    }
    // Real Latin-1 stays Latin-1, and another declared charset is still read as declared.
    const latin = await readImipMail(
      part('ISO-8859-1', Buffer.from('BEGIN:VCALENDAR\r\nSUMMARY:Müller\r\nEND:VCALENDAR\r\n', 'latin1')),
    );
    expect(latin.ok && latin.value.calendarParts[0]?.text).toContain('SUMMARY:Müller');
    const koi = await readImipMail(part('koi8-r', Buffer.from([0x53, 0x3a, 0xf0, 0xd2, 0xc9])));
    expect(koi.ok && koi.value.calendarParts[0]?.text).toContain('S:При');
  });

  it('ignores a forwarded message/rfc822 that is itself garbage', async () => {
    const mail = Buffer.from(
      'From: a@example.com\r\nSubject: fwd\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\nContent-Transfer-Encoding: base64\r\n\r\n////AAAA\r\n--b--\r\n',
    );
    const r = await readImipMail(mail);
    expect(r.ok && r.value.calendarParts).toEqual([]);
  });
});

describe('readImipMail: parser limits', () => {
  it('returns MAIL_UNPARSEABLE for a header block beyond mailparser’s 1 MiB limit', async () => {
    const many = Array.from({ length: 30 }, (_, i) => `X-Junk-${i}: ${'x'.repeat(40_000)}`).join('\r\n');
    const huge = Buffer.from(`From: a@example.com\r\n${many}\r\nSubject: s\r\n\r\nbody\r\n`);
    const r = await readImipMail(huge);
    expect(r).toMatchObject({ ok: false, error: { code: 'MAIL_UNPARSEABLE' } });
  });

  it('refuses a header field over 64 KiB before parsing (found by fuzzing: a CR-only mail read as one From: field took 15 s)', async () => {
    const long = Buffer.from(`From: a@example.com\r\nX-Junk: ${'x'.repeat(1_200_000)}\r\nSubject: s\r\n\r\nbody\r\n`);
    expect(await readImipMail(long)).toMatchObject({ ok: false, error: { code: 'MAIL_HEADER_TOO_LARGE' } });
    // Folded fields are measured unfolded; a long body line is not a header field.
    const folded = Buffer.from(
      `From: a@example.com\r\nTo: ${Array.from({ length: 5000 }, (_, i) => `p${i}@example.com`).join(',\r\n ')}\r\nSubject: s\r\n\r\n${'b'.repeat(200_000)}\r\n`,
    );
    expect(await readImipMail(folded)).toMatchObject({ ok: false, error: { code: 'MAIL_HEADER_TOO_LARGE' } });
    const body = Buffer.from(`From: a@example.com\r\nSubject: s\r\n\r\n${'b'.repeat(200_000)}\r\n`);
    expect((await readImipMail(body)).ok).toBe(true);
  });
});

describe('readImipMail: line ends', () => {
  it('reads a mail whose lines end in CR alone like the same mail with CRLF (found by fuzzing: one endless header)', async () => {
    const crlf = readFileSync(`${FIXTURES}/google/request.eml`);
    const cr = Buffer.from(crlf.toString('latin1').replace(/\r\n/g, '\r'), 'latin1');
    expect(cr.includes(0x0a)).toBe(false);
    const a = await readImipMail(crlf);
    const b = await readImipMail(cr);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.value.calendarParts.map((p) => p.text)).toEqual(a.value.calendarParts.map((p) => p.text));
    expect(b.value.calendarParts.length).toBeGreaterThan(0);
    expect({ ...b.value, textBody: null, htmlBody: null }).toEqual({ ...a.value, textBody: null, htmlBody: null });
    // Thousands of CR-ended lines are thousands of short header fields, not one of 130 KB.
    const many = Buffer.from(
      `From: me@example.com\rTo: me@example.com\r${'X-Line: DTSTART:20260101T000000Z\r'.repeat(4000)}\rbody\r`,
    );
    expect(await readImipMail(many)).toMatchObject({
      ok: true,
      value: { textBody: expect.stringMatching(/^body\s*$/) },
    });
    // A stray CR inside a CRLF mail is not a line end (mailparser reads it as a space).
    const stray = Buffer.from('From: a@example.com\r\nSubject: a\rb\r\n\r\nbody\r\n');
    expect(await readImipMail(stray)).toMatchObject({ ok: true, value: { subject: 'a b' } });
  });
});

describe('readImipMail: folds inside a character', () => {
  it('joins a UTF-8 character split by a fold before decoding (RFC 5545 §3.1 folds octets), LF-only too', async () => {
    const cal = (eol: string): Buffer => {
      const head = Buffer.from(
        ['BEGIN:VCALENDAR', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'UID:fold-1', 'SUMMARY:Caf'].join(eol),
      );
      const e = Buffer.from('é', 'utf8'); // 0xC3 0xA9
      const tail = Buffer.from(['', 'END:VEVENT', 'END:VCALENDAR', ''].join(eol));
      return Buffer.concat([
        head,
        e.subarray(0, 1),
        Buffer.from(`${eol} `),
        e.subarray(1),
        Buffer.from(' Lunch'),
        tail,
      ]);
    };
    for (const eol of ['\r\n', '\n']) {
      const mail = Buffer.concat([
        Buffer.from(
          [
            'From: a@example.com',
            'To: b@example.com',
            'Subject: x',
            'MIME-Version: 1.0',
            'Content-Type: text/calendar; method=REQUEST; charset=UTF-8',
            'Content-Transfer-Encoding: 8bit',
            '',
            '',
          ].join(eol),
        ),
        cal(eol),
      ]);
      const r = await readImipMail(mail);
      if (!r.ok) throw new Error(r.error.message);
      const text = r.value.calendarParts[0]?.text ?? '';
      expect(text).toContain('SUMMARY:Café Lunch');
      expect(text).not.toContain('\uFFFD');
    }
  });
});
