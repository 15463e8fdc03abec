/**
 * A PUBLISH of several events and a task (Horde, Kolab and Nextcloud export a calendar with its VTODOs): the
 * events are handled as they would be without the task, and the task gets the answer a lone VTODO gets.
 */
import { describe, expect, it } from 'vitest';
import { processItipEach, publishParts } from '../../../shared/itip/publishParts.js';
import { Calendar, envelope, ics, say, vevent } from '../../helpers/itip.js';

const ME = 'me@example.com';
const HUGO = 'hugo@horde.example';

const event = (n: number, ...times: string[]): string =>
  vevent(
    `UID:pub-ev-${n}@horde.example`,
    'DTSTAMP:20260301T081500Z',
    ...times,
    `SUMMARY:Event ${n}`,
    `ORGANIZER;CN=Hugo Horde:mailto:${HUGO}`,
  );

const TASK = [
  'BEGIN:VTODO',
  'UID:pub-todo-1@horde.example',
  'DTSTAMP:20260301T081500Z',
  'SUMMARY:Buy gifts',
  'DUE;VALUE=DATE:20260318',
  'END:VTODO',
].join('\r\n');

const EVENTS = [
  event(1, 'DTSTART:20260314T090000Z', 'DTEND:20260314T100000Z'),
  event(2, 'DTSTART;VALUE=DATE:20260324', 'DTEND;VALUE=DATE:20260327'),
  event(3, 'DTSTART:20260318T150000Z', 'DURATION:PT2H'),
];

function each(cal: Calendar, text: string) {
  const results = processItipEach(
    { ics: text, headerMethod: null, envelope: envelope(HUGO) },
    (u) => cal.get(u),
    cal.ctx(),
  );
  for (const r of results) cal.apply(r);
  return results;
}

describe('PUBLISH of events and a task', () => {
  it('stores the events as without the task, and says the task was not handled', () => {
    const alone = new Calendar([ME], 'always');
    const without = each(alone, ics('PUBLISH', ...EVENTS));
    const cal = new Calendar([ME], 'always');
    const results = each(cal, ics('PUBLISH', ...EVENTS, TASK));
    expect(results.slice(0, 3).map((r) => [r.kind, r.outcome, r.uid])).toEqual(
      without.map((r) => [r.kind, r.outcome, r.uid]),
    );
    expect(cal.events.size).toBe(3);
    const task = results[3];
    expect(results).toHaveLength(4);
    expect([task?.kind, task?.outcome]).toEqual(['unsupported', 'ignored']);
    expect(task?.reason.key).toBe('reason.error.unsupportedComponent');
    expect(say(task!.reason)).toBe(say(each(new Calendar([ME]), ics('PUBLISH', TASK))[0]!.reason));
  });

  it('a single event with a task: the event is stored, the task answered on its own', () => {
    const parts = publishParts(ics('PUBLISH', EVENTS[0] as string, TASK), null);
    expect(parts?.map((p) => p.uid)).toEqual(['pub-ev-1@horde.example', 'pub-todo-1@horde.example']);
  });
});
