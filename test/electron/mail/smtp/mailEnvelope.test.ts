import { describe, expect, it } from 'vitest';
import {
  envelopeFromHeader,
  ensureMessageId,
  readMessageId,
  MESSAGE_ID_DOMAIN,
} from '../../../../electron/mail/smtp/mailEnvelope.js';

const mail = (header: string, eol = '\r\n') => Buffer.from(`${header.split('\n').join(eol)}${eol}${eol}body${eol}`);

describe('envelopeFromHeader', () => {
  it('takes MAIL FROM from From and RCPT TO from To and Cc, each address once, groups flattened', () => {
    const raw = mail(
      'From: "Bob, Ö." <bob@example.org>\nTo: Ann <ann@example.com>, team: carol@example.com, ANN@example.com;\nCc: dave@example.net\nSubject: x',
    );
    expect(envelopeFromHeader(raw)).toEqual({
      from: 'bob@example.org',
      to: ['ann@example.com', 'carol@example.com', 'dave@example.net'],
    });
  });

  it('unfolds continuation lines (RFC 5322 §2.2.3) and reads an LF-only file', () => {
    const raw = mail(
      'From: bob@example.org\nTo: Ann Example\n <ann@example.com>,\n\tcarol@example.com\nSubject: x',
      '\n',
    );
    expect(envelopeFromHeader(raw)?.to).toEqual(['ann@example.com', 'carol@example.com']);
  });

  it('uses Sender when From names several authors (RFC 5322 §3.6.2)', () => {
    const raw = mail('From: a@example.org, b@example.org\nSender: secretary@example.org\nTo: c@example.com');
    expect(envelopeFromHeader(raw)?.from).toBe('secretary@example.org');
  });

  it('ignores the body and is null without a sender or a recipient', () => {
    expect(envelopeFromHeader(Buffer.from('From: a@example.org\r\n\r\nTo: b@example.com\r\n'))).toBeNull();
    expect(envelopeFromHeader(mail('To: b@example.com'))).toBeNull();
    expect(envelopeFromHeader(mail('From: a@example.org\nTo: undisclosed-recipients:;'))).toBeNull();
  });
});

describe('Message-ID', () => {
  it('reads the angle-bracketed id, folded or not', () => {
    expect(readMessageId(mail('From: a@b\nMessage-ID:\n <x.1@example.org>\nTo: c@d'))).toBe('<x.1@example.org>');
    expect(readMessageId(mail('From: a@b\nTo: c@d'))).toBeNull();
  });

  it('leaves a message that has one untouched', () => {
    const raw = mail('Message-Id: <keep@example.org>\nFrom: a@b\nTo: c@d');
    const r = ensureMessageId(raw);
    expect(r).toEqual({ raw, messageId: '<keep@example.org>', added: false });
  });

  it('derives a missing id from the bytes: same file, same id, on every run and device', () => {
    const raw = mail('From: a@b\nTo: c@d\nSubject: same');
    const first = ensureMessageId(raw);
    const second = ensureMessageId(Buffer.from(raw));
    expect(first.added).toBe(true);
    expect(first.messageId).toMatch(new RegExp(`^<[0-9a-f]{32}@${MESSAGE_ID_DOMAIN}>$`));
    expect(second.messageId).toBe(first.messageId);
    expect(ensureMessageId(mail('From: a@b\nTo: c@d\nSubject: other')).messageId).not.toBe(first.messageId);
    expect(first.raw.toString()).toBe(`Message-ID: ${first.messageId}\r\n${raw.toString()}`);
    expect(readMessageId(first.raw)).toBe(first.messageId);
    // Adding it once is enough: the rewritten file keeps it.
    expect(ensureMessageId(first.raw)).toMatchObject({ added: false, messageId: first.messageId });
  });

  it('writes the new header with the line ending the file uses', () => {
    const r = ensureMessageId(mail('From: a@b\nTo: c@d', '\n'));
    expect(r.raw.toString()).toMatch(/^Message-ID: <[0-9a-f]+@imip-companion>\nFrom: a@b\n/);
  });
});
