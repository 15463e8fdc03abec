import { describe, expect, it } from 'vitest';
import { detectScheduling, type DetectedScheduling } from '../../../shared/mail/detectScheduling.js';
import { calendarCompareKey, readTopLevelMethod, unfoldLines } from '../../../shared/mail/icalText.js';
import type { CalendarPart, IncomingMail } from '../../../shared/model/mail.js';

function mailWith(parts: CalendarPart[]): IncomingMail {
  return {
    messageId: '<m@example.com>',
    from: { address: 'a@example.com' },
    sender: null,
    replyTo: [],
    to: [{ address: 'b@example.org' }],
    cc: [],
    subject: 's',
    date: '2026-05-01T10:00:00.000Z',
    authenticationResults: [],
    calendarParts: parts,
    textBody: null,
  };
}

const cal = (method: string | null, extra?: string): string =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    ...(method ? [`METHOD:${method}`] : []),
    'BEGIN:VEVENT',
    'UID:u1',
    ...(extra ? [extra] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n') + '\r\n';

function part(over: Partial<CalendarPart> & { text: string }): CalendarPart {
  return { contentType: 'text/calendar', method: null, filename: null, charset: 'utf-8', isAttachment: false, ...over };
}

function calendar(d: DetectedScheduling): Extract<DetectedScheduling, { kind: 'calendar' }> {
  if (d.kind !== 'calendar') throw new Error(`expected a calendar, got: ${d.reason}`);
  return d;
}

describe('detectScheduling rules', () => {
  it('prefers the text/calendar with method= among identical copies whatever the order', () => {
    const text = cal('REQUEST');
    const d = calendar(
      detectScheduling(
        mailWith([
          part({ contentType: 'application/ics', filename: 'invite.ics', isAttachment: true, charset: null, text }),
          part({ method: 'REQUEST', text }),
        ]),
      ),
    );
    expect(d.part.contentType).toBe('text/calendar');
    expect(d.notes).toEqual(['2 identical calendar parts; one used']);
  });

  it('treats copies that differ only in line endings, folding and a final newline as identical', () => {
    const crlf = cal('REQUEST', 'SUMMARY:A long summary that someone folded');
    const lfFolded = crlf.replace(/\r\n/g, '\n').replace('someone folded', 'someone\n  folded').replace(/\n$/, '');
    expect(calendarCompareKey(crlf)).toBe(calendarCompareKey(lfFolded));
    const d = calendar(
      detectScheduling(
        mailWith([
          part({ method: 'REQUEST', text: crlf }),
          part({ contentType: 'application/ics', isAttachment: true, text: lfFolded }),
        ]),
      ),
    );
    expect(d.notes).toEqual(['2 identical calendar parts; one used']);
  });

  it('when parts differ, prefers the inline text/calendar whose body has METHOD', () => {
    const d = calendar(
      detectScheduling(
        mailWith([
          part({
            contentType: 'application/ics',
            filename: 'other.ics',
            isAttachment: true,
            method: 'PUBLISH',
            text: cal('PUBLISH', 'UID:other'),
          }),
          part({ method: 'REQUEST', text: cal('REQUEST') }),
        ]),
      ),
    );
    expect(d.method).toBe('REQUEST');
    expect(d.part.isAttachment).toBe(false);
    expect(d.notes[0]).toMatch(
      /^2 different calendar parts; used text\/calendar \(inline\), ignored application\/ics other\.ics \(attachment\) METHOD:PUBLISH$/,
    );
  });

  it('then any part whose body has METHOD, over a part with only a header method', () => {
    const d = calendar(
      detectScheduling(
        mailWith([
          part({ method: 'REQUEST', text: cal(null, 'SUMMARY:header only') }),
          part({ contentType: 'application/ics', filename: 'invite.ics', isAttachment: true, text: cal('CANCEL') }),
        ]),
      ),
    );
    expect(d.method).toBe('CANCEL');
    expect(d.part.contentType).toBe('application/ics');
    expect(d.headerMethod).toBeNull();
  });

  it('falls back to the header method when no body has METHOD', () => {
    const d = calendar(detectScheduling(mailWith([part({ method: 'reply', text: cal(null) })])));
    expect(d.method).toBe('REPLY');
    expect(d.headerMethod).toBe('REPLY');
    expect(d.notes).toEqual(['body has no METHOD property; header method=reply used']);
  });

  it('accepts quoted and padded method params', () => {
    const d = calendar(detectScheduling(mailWith([part({ method: ' "Request" ', text: cal('REQUEST') })])));
    expect(d.headerMethod).toBe('REQUEST');
  });

  it('reports none for an empty mail and for calendar data without METHOD', () => {
    expect(detectScheduling(mailWith([])).kind).toBe('none');
    const d = detectScheduling(
      mailWith([
        part({ text: cal(null) }),
        part({ contentType: 'application/ics', isAttachment: true, text: cal(null, 'UID:2') }),
      ]),
    );
    expect(d).toMatchObject({
      kind: 'none',
      reason: expect.stringMatching(/^The mail carries 2 calendar parts without METHOD/),
    });
  });

  it('reports none for a part that is not iCalendar at all', () => {
    expect(detectScheduling(mailWith([part({ text: 'hello, this is not a calendar' })])).kind).toBe('none');
  });
});

describe('readTopLevelMethod', () => {
  it.each<[string, string, string | null]>([
    ['plain', 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n', 'REQUEST'],
    ['lower-case name and value', 'begin:vcalendar\nmethod:cancel\nend:vcalendar\n', 'CANCEL'],
    [
      'after the components',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n',
      'REPLY',
    ],
    ['folded value', 'BEGIN:VCALENDAR\r\nMETHOD:REQ\r\n UEST\r\nEND:VCALENDAR\r\n', 'REQUEST'],
    ['with a parameter', 'BEGIN:VCALENDAR\r\nMETHOD;X-FOO=1:PUBLISH\r\nEND:VCALENDAR\r\n', 'PUBLISH'],
    ['BOM', '\uFEFFBEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n', 'REQUEST'],
    [
      'inside a VEVENT only',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nMETHOD:REQUEST\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      null,
    ],
    [
      'in a DESCRIPTION continuation',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDESCRIPTION:see\r\n METHOD:REQUEST\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      null,
    ],
    [
      'second VCALENDAR only',
      'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n',
      null,
    ],
    ['not iCalendar', 'METHOD:REQUEST\r\n', null],
    ['empty value', 'BEGIN:VCALENDAR\r\nMETHOD:\r\nEND:VCALENDAR\r\n', null],
  ])('%s', (_label, text, expected) => {
    expect(readTopLevelMethod(text)).toBe(expected);
  });

  it('unfolds CRLF, LF and CR line breaks', () => {
    expect(unfoldLines('A:1\r\n 2\nB:3\n\t4\rC:5')).toEqual(['A:12', 'B:34', 'C:5']);
  });
});
