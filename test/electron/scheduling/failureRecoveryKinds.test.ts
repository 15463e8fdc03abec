/**
 * Exactly once under every failure, for every kind of message and every decision: an update and a reschedule,
 * PUBLISH, ADD, COUNTER and its two answers, DECLINECOUNTER, REFRESH (answered automatically), a held-back reply
 * applied or ignored, a party crasher approved. Each file operation fails in turn (faultHarness.ts); the recovered
 * data dir must equal an uninterrupted run's. The batched path (many mails, one write batch, one flush) too.
 */
import { describe, expect, it } from 'vitest';
import {
  batchScenario,
  batchStep,
  decideStep,
  fresh,
  ME,
  message,
  open,
  processStep,
  scenario,
  useFaultHarness,
} from './faultHarness.js';

useFaultHarness();

const OLGA = 'olga@example.org';
const BOB = 'bob@example.net';

/** Olga's invitation `f-inv` at SEQUENCE `seq`, starting at `start` (UTC, basic format). */
const request = (seq: number, start: string, summary: string, id: string): Buffer =>
  message(
    OLGA,
    id,
    'REQUEST',
    'UID:f-inv',
    `DTSTAMP:20260228T0${seq}0000Z`,
    `SEQUENCE:${seq}`,
    `DTSTART:${start}`,
    'DURATION:PT1H',
    `SUMMARY:${summary}`,
    `ORGANIZER:mailto:${OLGA}`,
    `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
  );
const invite = request(0, '20260312T090000Z', 'Lunch', 'inv@example.org');
const retitled = request(1, '20260312T090000Z', 'Lunch with the team', 'upd@example.org');
const moved = request(1, '20260313T090000Z', 'Lunch', 'mov@example.org');

const series = message(
  OLGA,
  'ser@example.org',
  'REQUEST',
  'UID:f-ser',
  'DTSTAMP:20260228T000000Z',
  'SEQUENCE:0',
  'DTSTART:20260302T090000Z',
  'DURATION:PT30M',
  'RRULE:FREQ=WEEKLY;COUNT=4',
  'SUMMARY:Standup',
  `ORGANIZER:mailto:${OLGA}`,
  `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
);
const add = message(
  OLGA,
  'add@example.org',
  'ADD',
  'UID:f-ser',
  'DTSTAMP:20260228T010000Z',
  'SEQUENCE:0',
  'DTSTART:20260304T090000Z',
  'DURATION:PT30M',
  'SUMMARY:Standup (extra)',
  `ORGANIZER:mailto:${OLGA}`,
  `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
);
const publish = message(
  OLGA,
  'pub@example.org',
  'PUBLISH',
  'UID:f-pub',
  'DTSTAMP:20260228T000000Z',
  'SEQUENCE:0',
  'DTSTART:20260315T090000Z',
  'DURATION:PT1H',
  'SUMMARY:Open day',
  `ORGANIZER:mailto:${OLGA}`,
);
const declineCounter = message(
  OLGA,
  'dcl@example.org',
  'DECLINECOUNTER',
  'UID:f-inv',
  'DTSTAMP:20260228T020000Z',
  'SEQUENCE:0',
  `ORGANIZER:mailto:${OLGA}`,
  `ATTENDEE:mailto:${ME}`,
  'COMMENT:That time does not work',
);

/** Bob (invited to my `f-org`) writes about it. */
const fromBob = (id: string, method: string, ...lines: string[]): Buffer =>
  message(BOB, id, method, 'UID:f-org', 'DTSTAMP:20260228T000000Z', 'SEQUENCE:0', `ORGANIZER:mailto:${ME}`, ...lines);
const reply = fromBob('rep@example.net', 'REPLY', `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${BOB}`);
const counter = fromBob(
  'cnt@example.net',
  'COUNTER',
  'DTSTART:20260311T090000Z',
  'DTEND:20260311T100000Z',
  'SUMMARY:Review',
  `ATTENDEE;PARTSTAT=TENTATIVE:mailto:${BOB}`,
  'COMMENT:Wednesday suits me better',
);
const refresh = fromBob('ref@example.net', 'REFRESH', `ATTENDEE:mailto:${BOB}`);
const crasher = message(
  'carol@example.com',
  'cra@example.com',
  'REPLY',
  'UID:f-org',
  'DTSTAMP:20260228T000000Z',
  'SEQUENCE:0',
  `ORGANIZER:mailto:${ME}`,
  'ATTENDEE;PARTSTAT=ACCEPTED:mailto:carol@example.com',
);

describe('exactly once under every failure: every kind of message', () => {
  it('each message is the kind it stands for here', async () => {
    const kinds = async (policy: 'always' | 'never', ...raws: Buffer[]): Promise<string[]> => {
      const env = await fresh(policy);
      const out: string[] = [];
      for (const raw of raws) {
        const r = await (await open(env)).orch.processMail(raw);
        out.push(`${r.kind} ${r.outcome}`);
      }
      return out;
    };
    // A newer version of an invitation I have not answered asks again; once answered, it is an update.
    expect(await kinds('always', invite, retitled)).toEqual(['invitation pending', 'invitation pending']);
    const env = await fresh('always');
    const first = await (await open(env)).orch.processMail(invite);
    await (await open(env)).orch.decide(String(first.pendingId), 'accept', null);
    expect((await (await open(env)).orch.processMail(retitled)).outcome).toBe('applied');
    expect(await kinds('always', series, add, publish, invite, declineCounter)).toEqual([
      'invitation pending',
      'add applied',
      'publish applied',
      'invitation pending',
      'declinecounter applied',
    ]);
    expect(await kinds('always', counter, refresh, crasher)).toEqual([
      'counter pending',
      'refresh applied',
      'party-crasher pending',
    ]);
    expect(await kinds('never', reply)).toEqual(['reply pending']);
  });

  it('an update (new title, same time) of an accepted invitation', () =>
    scenario('always', [processStep(invite), decideStep('accept')], processStep(retitled)));
  it('a newer version of an unanswered invitation (its open decision replaced)', () =>
    scenario('always', [processStep(invite)], processStep(retitled)));
  it('a reschedule of an accepted invitation (a decision opened, the event moved provisionally)', () =>
    scenario('always', [processStep(invite), decideStep('accept')], processStep(moved)));
  it('a PUBLISH', () => scenario('always', [], processStep(publish)));
  it('an ADD of an instance to a stored series', () => scenario('always', [processStep(series)], processStep(add)));
  it('a COUNTER to my event (a decision opened)', () => scenario('always', [], processStep(counter)));
  it('a DECLINECOUNTER of a stored invitation', () =>
    scenario('always', [processStep(invite)], processStep(declineCounter)));
  it('a REFRESH of my event (the current version sent at once)', () => scenario('always', [], processStep(refresh)));
  it('a reply held back under "never"', () => scenario('never', [], processStep(reply)));
  it('a reply from someone I did not invite', () => scenario('always', [], processStep(crasher)));
});

describe('exactly once under every failure: every decision', () => {
  for (const choice of ['accept', 'tentative', 'decline', 'ignore'] as const) {
    it(`"${choice}" on a reschedule`, () =>
      scenario('always', [processStep(invite), decideStep('accept'), processStep(moved)], decideStep(choice)));
  }
  it('"ignore" on an invitation', () => scenario('always', [processStep(invite)], decideStep('ignore')));
  it('"accept-counter"', () => scenario('always', [processStep(counter)], decideStep('accept-counter')));
  it('"decline-counter"', () => scenario('always', [processStep(counter)], decideStep('decline-counter')));
  it('deciding one of the decisions of a pack (a removal line appended)', () =>
    scenario('always', [batchStep(invite, counter)], decideStep('accept', 'invitation')));
  it('deciding the last open decision of a pack (the pack deleted)', () =>
    scenario('always', [batchStep(invite, counter), decideStep('accept', 'invitation')], decideStep('accept-counter')));
  it('"ignore" on a counter', () => scenario('always', [processStep(counter)], decideStep('ignore')));
  it('"apply" on a held-back reply', () => scenario('never', [processStep(reply)], decideStep('apply')));
  it('"ignore" on a held-back reply', () => scenario('never', [processStep(reply)], decideStep('ignore')));
  it('"approve" on a party crasher', () => scenario('always', [processStep(crasher)], decideStep('approve')));
  it('"apply" on a held-back update', () =>
    scenario('never', [processStep(invite), decideStep('accept')], processStep(retitled)).then(() =>
      scenario('never', [processStep(invite), decideStep('accept'), processStep(retitled)], decideStep('apply')),
    ));
});

describe('exactly once under every failure: many mails in one write batch', () => {
  it('an invitation, its update and its reschedule, a series and its ADD, a PUBLISH', () =>
    batchScenario('always', [], [invite, retitled, moved, series, add, publish]));
  it('a COUNTER, a REFRESH answered at once, a party crasher and a reply to my event', () =>
    batchScenario('always', [], [counter, refresh, crasher, reply]));
  it('a reschedule of an accepted invitation and a DECLINECOUNTER after it', () =>
    batchScenario('always', [processStep(invite), decideStep('accept')], [moved, declineCounter]));
  it('replies held back under "never"', () => batchScenario('never', [], [reply, crasher]));
});
