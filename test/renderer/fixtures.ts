/**
 * Sample data for the renderer tests (and a local preview): one decision of each kind the UI treats specially,
 * calendar events in every answer state, activity, settings. Plain contract values only.
 */
import type { ActivityEntry, CalendarEventView, DecisionView, SettingsView } from '../../shared/ipc/contract.js';
import type { EventView } from '../../shared/model/decisions.js';
import { textMessage } from '../../shared/model/storedMessage.js';

export function eventView(over: Partial<EventView> = {}): EventView {
  return {
    uid: 'evt-1',
    recurrenceId: null,
    summary: 'Quarterly planning',
    start: '2026-03-10T15:00:00Z',
    end: '2026-03-10T16:00:00Z',
    allDay: false,
    timezone: 'America/New_York',
    location: 'Room 4.01',
    description: 'Agenda:\n1. Numbers\n2. Plans',
    status: 'CONFIRMED',
    sequence: 0,
    organizer: { address: 'alice@example.com', name: 'Alice' },
    attendees: [
      { address: 'me@example.com', name: null, partstat: 'NEEDS-ACTION', role: 'REQ-PARTICIPANT' },
      { address: 'bob@example.com', name: 'Bob', partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' },
      { address: 'carol@example.com', name: 'Carol', partstat: 'DECLINED', role: 'OPT-PARTICIPANT' },
    ],
    recurring: false,
    ...over,
  };
}

function decision(over: Partial<DecisionView> & Pick<DecisionView, 'id' | 'kind'>): DecisionView {
  return {
    uid: 'evt-1',
    recurrenceId: null,
    summary: 'Quarterly planning',
    choices: ['apply', 'ignore'],
    reason: textMessage('The policy asks you first.'),
    warnings: [],
    createdAt: '2026-03-01T09:00:00Z',
    from: 'alice@example.com',
    identity: 'me@example.com',
    proposed: eventView(),
    current: null,
    attendee: null,
    comment: null,
    conflicts: [],
    organizerZone: null,
    changedOccurrences: [],
    ...over,
  };
}

export const invitation = decision({
  id: 'd-invite',
  kind: 'invitation',
  choices: ['accept', 'tentative', 'decline'],
  reason: textMessage('You are invited by Alice; only you can answer.'),
  organizerZone: 'America/New_York',
  conflicts: [{ uid: 'evt-x', summary: 'Dentist', start: '2026-03-10T15:30:00Z', end: '2026-03-10T16:30:00Z' }],
});

export const reschedule = decision({
  id: 'd-resched',
  kind: 'reschedule',
  uid: 'evt-2',
  summary: 'Design review',
  choices: ['accept', 'tentative', 'decline'],
  reason: textMessage('The organizer moved a meeting you had accepted.'),
  current: eventView({
    uid: 'evt-2',
    summary: 'Design review',
    start: '2026-03-11T09:00:00Z',
    end: '2026-03-11T10:00:00Z',
    location: 'Room A',
  }),
  proposed: eventView({
    uid: 'evt-2',
    summary: 'Design review',
    start: '2026-03-12T13:00:00Z',
    end: '2026-03-12T14:00:00Z',
    location: 'Room B',
    sequence: 1,
  }),
});

export const partyCrasher = decision({
  id: 'd-crasher',
  kind: 'party-crasher',
  uid: 'evt-3',
  summary: 'Team lunch',
  choices: ['approve', 'ignore'],
  reason: textMessage('dave@example.com answered but was not invited.'),
  from: 'dave@example.com',
  identity: 'me@example.com',
  attendee: 'mailto:dave@example.com',
  current: eventView({ uid: 'evt-3', summary: 'Team lunch', organizer: { address: 'me@example.com', name: null } }),
  proposed: eventView({
    uid: 'evt-3',
    summary: 'Team lunch',
    attendees: [{ address: 'mailto:dave@example.com', name: 'Dave', partstat: 'ACCEPTED', role: null }],
  }),
});

export const counter = decision({
  id: 'd-counter',
  kind: 'counter',
  uid: 'evt-4',
  summary: 'One-on-one',
  choices: ['accept-counter', 'decline-counter'],
  reason: textMessage('Bob proposes another time.'),
  from: 'bob@example.com',
  attendee: 'bob@example.com',
  comment: 'Mornings are better for me.',
  current: eventView({
    uid: 'evt-4',
    summary: 'One-on-one',
    start: '2026-03-13T16:00:00Z',
    end: '2026-03-13T16:30:00Z',
    location: 'Cafe',
  }),
  proposed: eventView({
    uid: 'evt-4',
    summary: 'One-on-one',
    start: '2026-03-14T08:00:00Z',
    end: '2026-03-14T08:30:00Z',
    location: 'Video call',
  }),
});

export const heldUpdate = decision({
  id: 'd-update',
  kind: 'update',
  uid: 'evt-5',
  summary: 'All hands',
  choices: ['apply', 'ignore'],
  reason: textMessage('The sender could not be verified, so the update waits for you.'),
  warnings: [
    'The sender mallory@example.net is not the organizer alice@example.com.',
    'DMARC failed for example.net.',
  ].map(textMessage),
  from: 'mallory@example.net',
  proposed: eventView({
    uid: 'evt-5',
    summary: 'All hands',
    description: '<script>alert("x")</script><b>bold</b>\nSecond line',
  }),
});

const many = ['Dana', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo', 'Kai'].map((name) => ({
  address: `${name.toLowerCase()}@example.com`,
  name,
  partstat: 'NEEDS-ACTION',
  role: 'REQ-PARTICIPANT',
}));

/** A weekly Teams meeting written in HTML, eleven attendees, and a reason still carrying a raw instant. */
export const richInvitation = decision({
  id: 'd-rich',
  kind: 'invitation',
  uid: 'evt-rich',
  summary: 'Weekly sync',
  choices: ['accept', 'tentative', 'decline'],
  reason: textMessage('Alice invites you to "Weekly sync" starting 2026-11-30T15:00:00Z.'),
  organizerZone: 'Europe/Berlin',
  proposed: eventView({
    uid: 'evt-rich',
    summary: 'Weekly sync',
    start: '2026-11-30T15:00:00Z',
    end: '2026-11-30T15:30:00Z',
    timezone: 'Europe/Berlin',
    location: 'Microsoft Teams Meeting',
    description: 'Agenda\nJoin: https://teams.microsoft.com/l/meetup-join/abc',
    htmlDescription:
      '<p><b>Agenda</b></p><ul><li>Numbers</li><li>Plans</li></ul><img src="https://tracker.example.com/p.gif"><p style="background:url(https://tracker.example.com/x)">See <a href="https://wiki.example.com/q4" onclick="alert(1)">the notes</a> and <a href="javascript:alert(1)">this</a></p><script>alert(1)</script>',
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
    recurring: true,
    rrule: 'FREQ=WEEKLY;COUNT=8;BYDAY=MO',
    attendees: [
      { address: 'me@example.com', name: null, partstat: 'NEEDS-ACTION', role: 'REQ-PARTICIPANT' },
      { address: 'bob@example.com', name: 'Bob', partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' },
      { address: 'carol@example.com', name: 'Carol', partstat: 'DECLINED', role: 'OPT-PARTICIPANT' },
      ...many,
    ],
  }),
  conflicts: [
    { uid: 'evt-offsite', summary: 'Offsite', start: '2026-11-30', end: '2026-12-03' },
    { uid: 'evt-offsite', summary: 'Offsite', start: '2026-12-01', end: '2026-12-03' },
  ],
});

/** An invitation forwarded to me: my address is not among the attendees. */
export const forwardedInvitation = decision({
  id: 'd-forwarded',
  kind: 'invitation',
  uid: 'evt-fwd',
  summary: 'Budget review',
  choices: ['accept', 'tentative', 'decline'],
  reason: textMessage('You are not on the attendee list.'),
  identity: 'bob@example.org',
  proposed: eventView({ uid: 'evt-fwd', summary: 'Budget review', location: null }),
});

export const allDecisions: readonly DecisionView[] = [invitation, reschedule, partyCrasher, counter, heldUpdate];

export const calendarEvents: readonly CalendarEventView[] = [
  {
    uid: 'evt-1',
    recurrenceId: null,
    start: '2026-03-10T15:00:00Z',
    end: '2026-03-10T16:00:00Z',
    allDay: false,
    summary: 'Quarterly planning',
    status: 'CONFIRMED',
    partstat: 'NEEDS-ACTION',
    location: 'Room 4.01',
    organizer: 'alice@example.com',
    transparent: false,
  },
  {
    uid: 'evt-2',
    recurrenceId: null,
    start: '2026-03-11T09:00:00Z',
    end: '2026-03-11T10:00:00Z',
    allDay: false,
    summary: 'Design review',
    status: 'CONFIRMED',
    partstat: 'ACCEPTED',
    location: 'Room A',
    organizer: 'alice@example.com',
    transparent: false,
  },
  {
    uid: 'evt-6',
    recurrenceId: null,
    start: '2026-03-12T11:00:00Z',
    end: '2026-03-12T12:00:00Z',
    allDay: false,
    summary: 'Maybe coffee',
    status: 'CONFIRMED',
    partstat: 'TENTATIVE',
    location: null,
    organizer: 'bob@example.com',
    transparent: false,
  },
  {
    uid: 'evt-7',
    recurrenceId: null,
    start: '2026-03-13T13:00:00Z',
    end: '2026-03-13T14:00:00Z',
    allDay: false,
    summary: 'Vendor pitch',
    status: 'CONFIRMED',
    partstat: 'DECLINED',
    location: null,
    organizer: 'eve@example.com',
    transparent: false,
  },
  {
    uid: 'evt-8',
    recurrenceId: '2026-03-09T08:00:00Z',
    start: '2026-03-09T08:00:00Z',
    end: '2026-03-09T08:15:00Z',
    allDay: false,
    summary: 'Stand-up',
    status: 'CANCELLED',
    partstat: 'ACCEPTED',
    location: null,
    organizer: 'alice@example.com',
    transparent: false,
  },
  {
    uid: 'evt-9',
    recurrenceId: null,
    start: '2026-03-09',
    end: '2026-03-10',
    allDay: true,
    summary: 'Conference day',
    status: 'CONFIRMED',
    partstat: null,
    location: 'Berlin',
    organizer: null,
    transparent: true,
  },
];

export const activity: readonly ActivityEntry[] = [
  {
    at: '2026-03-01T09:02:00Z',
    kind: 'reply',
    outcome: 'applied',
    reason: textMessage('Bob accepted "Quarterly planning".'),
    uid: 'evt-1',
    recurrenceId: null,
    source: 'mail',
    choice: null,
  },
  {
    at: '2026-03-01T09:01:00Z',
    kind: 'party-crasher',
    outcome: 'applied',
    reason: textMessage('Added dave@example.net to "Quarterly planning" as accepted; an invitation was sent to them.'),
    uid: 'evt-1',
    recurrenceId: null,
    source: 'you',
    choice: 'approve',
  },
  {
    at: '2026-03-01T09:00:00Z',
    kind: 'invitation',
    outcome: 'pending',
    reason: textMessage('You are invited by Alice; only you can answer.'),
    uid: 'evt-1',
    recurrenceId: null,
    source: 'mail',
    choice: null,
  },
  {
    at: '2026-02-28T17:00:00Z',
    kind: 'invalid',
    outcome: 'error',
    reason: textMessage('The calendar data has no VEVENT.'),
    uid: null,
    recurrenceId: null,
    source: 'mail',
    choice: null,
  },
];

export const settingsWithAccount: SettingsView = {
  policy: 'known',
  timeframe: '4W',
  me: ['me@example.com'],
  notifications: true,
  startAtLogin: false,
  language: 'system',
  defaultReminderMinutes: null,
  replyTokens: false,
  imipAddressPatterns: [],
  displayName: null,
  addressNames: {},
  account: {
    imap: { host: 'imap.example.com', port: 993, security: 'tls', user: 'me@example.com' },
    smtp: { host: 'smtp.example.com', port: 465, security: 'tls', user: 'me@example.com' },
    hasPassword: true,
  },
  canEditAccount: true,
  sources: {
    policy: 'data-dir',
    timeframe: 'default',
    me: 'data-dir',
    notifications: 'default',
    startAtLogin: 'default',
    language: 'default',
    defaultReminderMinutes: 'default',
    replyTokens: 'default',
    imipAddressPatterns: 'default',
    displayName: 'default',
    addressNames: 'default',
  },
  setByConfigFile: [],
};

export const settingsFirstRun: SettingsView = { ...settingsWithAccount, me: [], account: null };
