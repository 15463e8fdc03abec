import { describe, expect, it } from 'vitest';
import { readHeaderBlock } from '../../../../electron/mail/imap/headerBlock.js';

describe('readHeaderBlock (a BODY[HEADER.FIELDS (…)] answer)', () => {
  it('reads addresses, RFC 2047 words and every Authentication-Results value, topmost first', async () => {
    const block = Buffer.from(
      [
        'Authentication-Results: mx2.example.test; dmarc=fail',
        'Authentication-Results: mx1.example.test;',
        '\tdkim=pass header.d=example.com',
        'From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <juergen@example.com>',
        'Sender: Assistant <assist@example.com>',
        'Reply-To: a@example.com, b@example.com',
        'To: Team: x@example.org, y@example.org;',
        'Subject: =?UTF-8?B?w5xiZXJzaWNodA==?=',
        'Date: Mon, 28 Sep 2026 09:41:17 +0200 (CEST)',
        'Message-ID: <abc@example.com>',
        '',
        '',
      ].join('\r\n'),
    );
    expect(await readHeaderBlock(block)).toEqual({
      messageId: '<abc@example.com>',
      from: { address: 'juergen@example.com', name: 'Jürgen Müller' },
      sender: { address: 'assist@example.com', name: 'Assistant' },
      replyTo: [{ address: 'a@example.com' }, { address: 'b@example.com' }],
      to: [{ address: 'x@example.org' }, { address: 'y@example.org' }],
      cc: [],
      subject: 'Übersicht',
      date: '2026-09-28T07:41:17.000Z',
      authenticationResults: ['mx2.example.test; dmarc=fail', 'mx1.example.test;\tdkim=pass header.d=example.com'],
    });
  });

  it('an unreadable Date is null (never "now"), and a block without its empty line still parses', async () => {
    const got = await readHeaderBlock(Buffer.from('Date: yesterday-ish\r\nSubject: x'));
    expect(got.date).toBeNull();
    expect(got.subject).toBe('x');
    expect(await readHeaderBlock(undefined)).toMatchObject({
      messageId: null,
      from: null,
      subject: '',
      authenticationResults: [],
    });
  });
});
