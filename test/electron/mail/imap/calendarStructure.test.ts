import { describe, expect, it } from 'vitest';
import type { MessageStructureObject } from 'imapflow';
import {
  findCalendarParts,
  findDeliveryStatusPart,
  findHtmlBody,
  pickFilename,
  writtenCharset,
} from '../../../../electron/mail/imap/calendarStructure.js';

const text = (part: string): MessageStructureObject => ({
  part,
  type: 'text/plain',
  parameters: { charset: 'utf-8' },
  encoding: '7bit',
  size: 10,
});
const cal = (part: string, extra: Partial<MessageStructureObject> = {}): MessageStructureObject => ({
  part,
  type: 'text/calendar',
  parameters: { charset: 'utf-8', method: 'REQUEST' },
  encoding: 'base64',
  size: 900,
  ...extra,
});

describe('findCalendarParts (BODYSTRUCTURE, RFC 3501 §6.4.5 part numbers)', () => {
  it('a single-part text/calendar message is part 1', () => {
    const root: MessageStructureObject = {
      type: 'text/calendar',
      parameters: { method: 'CANCEL' },
      encoding: 'quoted-printable',
      size: 500,
    };
    expect(findCalendarParts(root)).toEqual([
      {
        section: '1',
        contentType: 'text/calendar',
        method: 'CANCEL',
        charset: null,
        filename: null,
        isAttachment: false,
        encoding: 'quoted-printable',
        size: 500,
      },
    ]);
  });

  it('multipart/alternative with an inline text/calendar plus an .ics attachment, in document order', () => {
    const root: MessageStructureObject = {
      type: 'multipart/mixed',
      childNodes: [
        { part: '1', type: 'multipart/alternative', childNodes: [text('1.1'), cal('1.2')] },
        {
          part: '2',
          type: 'application/ics',
          parameters: { name: 'invite.ics' },
          disposition: 'attachment',
          dispositionParameters: { filename: 'invite.ics' },
          encoding: 'base64',
          size: 1200,
        },
      ],
    };
    expect(findCalendarParts(root).map((p) => [p.section, p.contentType, p.isAttachment, p.filename])).toEqual([
      ['1.2', 'text/calendar', false, null],
      ['2', 'application/ics', true, 'invite.ics'],
    ]);
  });

  it('parts of a forwarded message/rfc822 come after the outer ones; a single-part inner body is <n>.1', () => {
    const root: MessageStructureObject = {
      type: 'multipart/mixed',
      childNodes: [
        { part: '1', type: 'message/rfc822', childNodes: [cal('1', { parameters: { charset: 'utf-8' } })] },
        {
          part: '2',
          type: 'message/rfc822',
          childNodes: [{ part: '2', type: 'multipart/alternative', childNodes: [text('2.1'), cal('2.2')] }],
        },
        cal('3', { disposition: 'attachment' }),
      ],
    };
    expect(findCalendarParts(root).map((p) => [p.section, p.method])).toEqual([
      ['3', 'REQUEST'],
      ['1.1', null],
      ['2.2', 'REQUEST'],
    ]);
  });

  it('octet-stream only with a calendar file name; PDFs and plain text are not calendar parts', () => {
    const root: MessageStructureObject = {
      type: 'multipart/mixed',
      childNodes: [
        text('1'),
        {
          part: '2',
          type: 'application/octet-stream',
          dispositionParameters: { filename: 'agenda.pdf' },
          disposition: 'attachment',
          size: 9000,
        },
        { part: '3', type: 'application/octet-stream', parameters: { name: 'webinar.ics' }, size: 800 },
        { part: '4', type: 'application/octet-stream', size: 800 },
        { part: '5', type: 'text/plain', parameters: { name: 'old.VCS' }, size: 300 },
      ],
    };
    expect(findCalendarParts(root).map((p) => p.section)).toEqual(['3', '5']);
  });

  it('stops following forwards after three levels', () => {
    let node: MessageStructureObject = cal('1.1.1.1.1');
    for (const part of ['1.1.1.1', '1.1.1', '1.1', '1'])
      node = { part, type: 'message/rfc822', childNodes: [{ ...node, part }] };
    expect(findCalendarParts({ type: 'multipart/mixed', childNodes: [node] })).toEqual([]);
  });

  it('no structure, no parts', () => {
    expect(findCalendarParts(undefined)).toEqual([]);
  });
});

describe('what BODYSTRUCTURE reports differently from the header as written', () => {
  it('an unquoted filename with a space is truncated by the server; the Content-Type name continues it', () => {
    expect(pickFilename('Team', 'Team offsite.ics')).toBe('Team offsite.ics');
    expect(pickFilename('a.ics', 'b.ics')).toBe('a.ics');
    expect(pickFilename(null, 'b.ics')).toBe('b.ics');
    expect(pickFilename(null, null)).toBeNull();
  });

  it("Dovecot's default us-ascii for text/* reads as undeclared (UTF-8 then windows-1252), other labels stay", () => {
    expect(writtenCharset('text/calendar', 'us-ascii')).toBeNull();
    expect(writtenCharset('text/calendar', 'US-ASCII')).toBeNull();
    expect(writtenCharset('text/calendar', 'ISO-8859-1')).toBe('ISO-8859-1');
    expect(writtenCharset('application/ics', 'us-ascii')).toBe('us-ascii');
  });
});

describe('findDeliveryStatusPart (a bounce: multipart/report, RFC 3464 §2)', () => {
  const bounce = (report: MessageStructureObject): MessageStructureObject => ({
    type: 'multipart/report',
    parameters: { 'report-type': 'delivery-status' },
    childNodes: [
      text('1'),
      report,
      {
        part: '3',
        type: 'message/rfc822',
        childNodes: [{ part: '3', type: 'multipart/alternative', childNodes: [text('3.1'), cal('3.2')] }],
      },
    ],
  });

  it('finds the report beside the returned message, whose calendar part is listed as usual', () => {
    const root = bounce({ part: '2', type: 'message/delivery-status', encoding: '7bit', size: 420 });
    expect(findDeliveryStatusPart(root)).toEqual({ section: '2', encoding: '7bit', size: 420 });
    expect(findCalendarParts(root).map((p) => p.section)).toEqual(['3.2']);
    expect(
      findDeliveryStatusPart(bounce({ part: '2', type: 'message/global-delivery-status', encoding: '8bit', size: 500 }))
        ?.section,
    ).toBe('2');
  });

  it('none for ordinary mail, a report nested deeper, or one too large to be a report', () => {
    expect(
      findDeliveryStatusPart({
        type: 'multipart/mixed',
        childNodes: [text('1'), { part: '2', type: 'message/delivery-status', size: 100 }],
      }),
    ).toBeNull();
    expect(findDeliveryStatusPart(bounce({ part: '2', type: 'message/delivery-status', size: 10_000_000 }))).toBeNull();
    expect(findDeliveryStatusPart(undefined)).toBeNull();
  });
});

describe('findHtmlBody (the mail text a decision shows, sanitized)', () => {
  const html = (part: string, extra: Partial<MessageStructureObject> = {}): MessageStructureObject => ({
    part,
    type: 'text/html',
    parameters: { charset: 'utf-8' },
    encoding: 'quoted-printable',
    size: 4000,
    ...extra,
  });

  it('finds the HTML alternative of the message itself, not an attached one nor one of a forwarded message', () => {
    const root: MessageStructureObject = {
      type: 'multipart/mixed',
      childNodes: [
        { part: '1', type: 'message/rfc822', childNodes: [html('1.1')] },
        { part: '2', type: 'multipart/alternative', childNodes: [text('2.1'), html('2.2'), cal('2.3')] },
        html('3', { disposition: 'attachment' }),
      ],
    };
    expect(findHtmlBody(root)).toEqual({ section: '2.2', charset: 'utf-8', encoding: 'quoted-printable', size: 4000 });
  });

  it('none in a plain-text invitation, none when it is too large to keep, none from an HTML attachment', () => {
    const alt = (node: MessageStructureObject): MessageStructureObject => ({
      type: 'multipart/alternative',
      childNodes: [text('1'), node, cal('3')],
    });
    expect(findHtmlBody({ type: 'multipart/alternative', childNodes: [text('1'), cal('2')] })).toBeNull();
    expect(findHtmlBody(alt(html('2', { size: 5_000_000 })))).toBeNull();
    expect(findHtmlBody(alt(html('2', { disposition: 'attachment' })))).toBeNull();
    expect(findHtmlBody(undefined)).toBeNull();
  });
});
