import { describe, expect, it } from 'vitest';
import { findJoinUrl } from '../../../shared/calendar/joinLink.js';

describe('findJoinUrl', () => {
  it('prefers an RFC 7986 CONFERENCE with FEATURE=VIDEO over a dial-in and over text', () => {
    expect(
      findJoinUrl({
        conference: [
          { uri: 'tel:+1-555-0100', feature: 'PHONE' },
          { uri: 'https://meet.example.org/abc', feature: 'AUDIO,VIDEO' },
        ],
        description: 'Join https://zoom.us/j/123',
      }),
    ).toBe('https://meet.example.org/abc');
  });

  it('reads the Teams and Google properties', () => {
    expect(findJoinUrl({ teamsUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x/0?context=%7b%7d' })).toBe(
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x/0?context=%7b%7d',
    );
    expect(findJoinUrl({ googleConference: 'https://meet.google.com/abc-defg-hij' })).toBe(
      'https://meet.google.com/abc-defg-hij',
    );
  });

  it('finds Teams, Zoom, Meet and Webex links in the location or the description, angle brackets and all', () => {
    expect(
      findJoinUrl({
        location: 'Microsoft Teams Meeting',
        description: 'Join: <https://teams.microsoft.com/l/meetup-join/abc>\n',
      }),
    ).toBe('https://teams.microsoft.com/l/meetup-join/abc');
    expect(findJoinUrl({ location: 'https://us02web.zoom.us/j/8123?pwd=xyz.' })).toBe(
      'https://us02web.zoom.us/j/8123?pwd=xyz',
    );
    expect(findJoinUrl({ description: 'Video: https://meet.google.com/xyz-abcd-efg' })).toBe(
      'https://meet.google.com/xyz-abcd-efg',
    );
    expect(findJoinUrl({ htmlDescription: '<a href="https://acme.webex.com/meet/j?x=1&amp;y=2">Join</a>' })).toBe(
      'https://acme.webex.com/meet/j?x=1&y=2',
    );
  });

  it('gives nothing for other links, other schemes or none', () => {
    expect(findJoinUrl({ description: 'Agenda at https://wiki.example.com/q3' })).toBeNull();
    expect(findJoinUrl({ teamsUrl: 'javascript:alert(1)' })).toBeNull();
    expect(findJoinUrl({ location: 'http://zoom.us/j/1' })).toBeNull();
    expect(findJoinUrl({ conference: [{ uri: 'https://evil.example@zoom.us/x' }] })).toBeNull();
    expect(findJoinUrl({})).toBeNull();
  });
});
