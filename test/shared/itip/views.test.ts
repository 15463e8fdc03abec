/**
 * Event views (shared/itip/views.ts): the join link is found in the texts that hold one, whatever the case of
 * the scheme, and a text without an https URL gives none.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { eventView } from '../../../shared/itip/index.js';

function view(...lines: string[]): ReturnType<typeof eventView> {
  const text = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    'BEGIN:VEVENT',
    'UID:ev-1',
    'DTSTAMP:20260301T100000Z',
    'DTSTART:20260310T100000Z',
    'DTEND:20260310T110000Z',
    'SUMMARY:Planning',
    ...lines,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return eventView(cal.getFirstSubcomponent('vevent') as ICAL.Component, 'ev-1');
}

describe('eventView join link', () => {
  it('finds a meeting link in the description', () => {
    expect(view('DESCRIPTION:Join: https://example.zoom.us/j/123?pwd=x').joinUrl).toBe(
      'https://example.zoom.us/j/123?pwd=x',
    );
  });

  it('finds it with an upper-case scheme, and in the location', () => {
    expect(view('LOCATION:HTTPS://meet.google.com/abc-defg-hij').joinUrl).toBe('HTTPS://meet.google.com/abc-defg-hij');
  });

  it('finds it in an HTML description written with &amp;', () => {
    expect(
      view('X-ALT-DESC;FMTTYPE=text/html:<a href="https://teams.microsoft.com/l/x?a=1&amp;b=2">Join</a>').joinUrl,
    ).toBe('https://teams.microsoft.com/l/x?a=1&b=2');
  });

  it('gives none for texts without an https link', () => {
    expect(view('DESCRIPTION:Agenda: budget', 'LOCATION:Room 101').joinUrl).toBeNull();
    expect(view('DESCRIPTION:http://example.zoom.us/j/1').joinUrl).toBeNull();
  });
});
