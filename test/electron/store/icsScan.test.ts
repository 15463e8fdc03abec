import { describe, expect, it } from 'vitest';
import { parseContentLine, scanIcs } from '../../../electron/store/icsScan.js';

const cal = (...body: string[]): string => ['BEGIN:VCALENDAR', ...body, 'END:VCALENDAR', ''].join('\r\n');

describe('parseContentLine', () => {
  it('reads quoted parameters containing ":" ";" ","', () => {
    const line = parseContentLine(
      'ATTENDEE;CN="Doe, Jane; PhD: Dept";SENT-BY="mailto:b@x";MEMBER="mailto:g1@x","mailto:g2@x":mailto:jane@x',
    );
    expect(line?.name).toBe('ATTENDEE');
    expect(line?.params.get('CN')).toEqual(['Doe, Jane; PhD: Dept']);
    expect(line?.params.get('MEMBER')).toEqual(['mailto:g1@x', 'mailto:g2@x']);
    expect(line?.value).toBe('mailto:jane@x');
  });

  it.each(['ATTENDEE;CN:mailto:a@x', 'ATTENDEE;CN="open:mailto:a@x', 'NO COLON', ':value'])('rejects %j', (text) => {
    expect(parseContentLine(text)).toBeNull();
  });
});

describe('scanIcs', () => {
  it('finds UIDs (unescaped) of top-level components only and addresses outside alarms', () => {
    const scan = scanIcs(
      '\ufeff' +
        cal(
          'BEGIN:VEVENT',
          'UID:a\\,b',
          'ORGANIZER;SENT-BY="MAILTO:Boss.Assistant@X.org":mailto:boss@x.org',
          'ATTENDEE:mailto:a%40b.org',
          'BEGIN:VALARM',
          'UID:alarm-uid',
          'ATTENDEE:mailto:me-reminder@x.org',
          'END:VALARM',
          'END:VEVENT',
        ),
    );
    expect(scan).toEqual({ uids: ['a,b'], addresses: ['boss@x.org', 'boss.assistant@x.org', 'a@b.org'], error: null });
  });

  it('unfolds continuation lines before reading them', () => {
    const scan = scanIcs(
      cal('BEGIN:VEVENT', 'UID:long-', ' uid', 'ATTENDEE;CN=X:mailto:fold', '\ted@x.org', 'END:VEVENT').replace(
        /\r\n/g,
        '\n',
      ),
    );
    expect(scan.uids).toEqual(['long-uid']);
    expect(scan.addresses).toEqual(['folded@x.org']);
  });

  it.each([
    ['two calendars', cal('BEGIN:VEVENT', 'UID:a', 'END:VEVENT') + cal(), /after END:VCALENDAR/],
    ['mismatched END', cal('BEGIN:VEVENT', 'UID:a', 'END:VTODO'), /does not close/],
    ['truncated', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n', /ends inside VEVENT/],
    ['not a calendar', 'BEGIN:VCARD\r\nEND:VCARD\r\n', /expected BEGIN:VCALENDAR/],
    ['empty', '', /no BEGIN:VCALENDAR/],
  ])('reports %s', (_label, text, message) => {
    expect(scanIcs(text).error).toMatch(message);
  });

  it('reads names and parameters as a full parse of each line does: case, quotes, folds, non-ASCII names', () => {
    const scan = scanIcs(
      cal(
        'begin:vevent',
        'uid:lower-case',
        'ATTENDEE;CN="Doe: John; Jr.":mailto:quoted@x.org',
        'ATTENDEE;CN=Zoë;sent-by="mailto:helper@x.org":mailto:zoe@x.org',
        // ſ upper-cases to S: the parameter is SENT-BY.
        'ORGANIZER;CN=Org;\u017fENT-BY="mailto:long-s@x.org":mailto:org@x.org',
        'ATTENDEE;CN=Fol',
        ' ded;SENT-BY="mailto:fold-helper@x.org":mail',
        ' to:fold@x.org',
        'end:vevent',
      ),
    );
    expect(scan.error).toBeNull();
    expect(scan.uids).toEqual(['lower-case']);
    expect(scan.addresses).toEqual([
      'quoted@x.org',
      'zoe@x.org',
      'helper@x.org',
      'org@x.org',
      'long-s@x.org',
      'fold@x.org',
      'fold-helper@x.org',
    ]);
  });

  it.each([
    ['a parameter without "="', 'ATTENDEE;CN:mailto:a@x.org'],
    ['an unclosed quote', 'ATTENDEE;CN="Doe:mailto:a@x.org'],
    ['text after a quoted value', 'ATTENDEE;CN="Doe"x:mailto:a@x.org'],
    ['a bad name before parameters', 'X_Y;A=b:c'],
    ['a bad parameter name', 'ATTENDEE;C N=x:mailto:a@x.org'],
  ])('refuses %s as a full parse does', (_label, line) => {
    expect(parseContentLine(line)).toBeNull();
    expect(scanIcs(cal('BEGIN:VEVENT', 'UID:a', line, 'END:VEVENT')).error).toMatch(/malformed parameters/);
  });
});
