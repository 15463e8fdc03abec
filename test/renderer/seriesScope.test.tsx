// @vitest-environment jsdom
/**
 * One meeting of a series in the calendar's details: my answer is for this meeting or the whole series (the
 * RECURRENCE-ID sent or not), a cancelled meeting of a series that goes on is removed alone or with its series,
 * and the meeting shows its own date rather than the series' next one. A held-back change is worded for the person.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EventDetails } from '../../renderer/src/features/calendar/EventDetails';
import { I18nProvider } from '../../renderer/src/lib/i18n';
import { CardFrame } from '../../renderer/src/features/decisions/CardFrame';
import { eventView } from './fixtures';
import { renderWithApi, teardown } from './helpers';
import type { DecisionView } from '../../shared/ipc/contract.js';

afterEach(teardown);

const RID = '2026-03-11T08:00:00Z';
const occurrence = eventView({
  uid: 'standup',
  recurrenceId: RID,
  summary: 'Standup',
  start: RID,
  end: '2026-03-11T08:15:00Z',
  timezone: 'Europe/Berlin',
  recurring: true,
  rrule: 'FREQ=DAILY;COUNT=10',
});

function details(event = occurrence, lang: 'en' | 'de' = 'en') {
  return (
    <I18nProvider initial={lang}>
      <EventDetails state={{ status: 'ready', event }} onClose={() => undefined} onChanged={() => undefined} />
    </I18nProvider>
  );
}

describe('one meeting of a series', () => {
  it('answers this meeting only by default, and the whole series when asked', async () => {
    const { api } = renderWithApi(details());
    const only = await screen.findByRole('radio', { name: /^This meeting only \(Wed, Mar 11/ });
    expect((only as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('group', { name: 'My answer is for' })).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(api.argsOf('respondToEvent')).toHaveLength(1));
    expect(api.argsOf('respondToEvent')[0]).toMatchObject({ uid: 'standup', recurrenceId: RID, status: 'accepted' });

    fireEvent.click(screen.getByRole('radio', { name: 'The whole series' }));
    fireEvent.click(screen.getByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(api.argsOf('respondToEvent')).toHaveLength(2));
    expect(api.argsOf('respondToEvent')[1]).toMatchObject({ uid: 'standup', recurrenceId: null, status: 'declined' });
  });

  it('shows the meeting at its own date, as one of a series (not the series’ next meeting)', async () => {
    renderWithApi(details());
    const panel = await screen.findByRole('complementary', { name: 'Standup' });
    expect(panel.textContent).toMatch(/When.*Wed, Mar 11/);
    expect(panel.textContent).toContain('One meeting of a series: Daily, 10 times');
    expect(panel.textContent).not.toMatch(/Next/);
  });

  it('asks nothing of a meeting I organize or a single event', async () => {
    renderWithApi(details(eventView({ recurrenceId: null })));
    await screen.findByRole('button', { name: 'Accept' });
    expect(screen.queryByRole('group', { name: 'My answer is for' })).toBeNull();
  });

  it('removes one cancelled meeting alone while its series goes on, or the series on request', async () => {
    const cancelled = { ...occurrence, status: 'CANCELLED' };
    const { api } = renderWithApi(details(cancelled), {
      events: [
        { ...calendarEntry(), recurrenceId: null, status: null },
        { ...calendarEntry(), recurrenceId: RID, status: 'CANCELLED' },
      ],
    });
    expect(await screen.findByText(/The other meetings of the series stay in your calendar/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove this meeting' }));
    await waitFor(() => expect(api.argsOf('removeEvent')).toEqual([{ uid: 'standup', recurrenceId: RID }]));
    fireEvent.click(screen.getByRole('button', { name: 'Remove the whole series' }));
    await waitFor(() => expect(api.argsOf('removeEvent')[1]).toEqual({ uid: 'standup', recurrenceId: null }));
  });

  it('in German: the choice and the cancelled meeting', async () => {
    renderWithApi(details(occurrence, 'de'));
    expect(await screen.findByRole('radio', { name: /^Nur diesen Termin \(Mi\., 11\. März/ })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Die ganze Serie' })).toBeTruthy();
  });
});

function calendarEntry() {
  return {
    uid: 'standup',
    recurrenceId: null as string | null,
    start: RID,
    end: '2026-03-11T08:15:00Z',
    allDay: false,
    summary: 'Standup',
    status: null as string | null,
    partstat: 'NEEDS-ACTION',
    location: null,
    organizer: 'alice@example.com',
    transparent: false,
  };
}

describe('a change held back for the person', () => {
  const held = (lang: 'en' | 'de') => {
    const decision = {
      id: 'h1',
      kind: 'reply',
      uid: 'mine-1',
      recurrenceId: null,
      summary: 'Design review',
      from: 'mallory@example.net',
      choices: ['apply', 'ignore'],
      warnings: [],
      reason: {
        key: 'reason.heldBack',
        params: {
          held: 'unverified',
          sender: 'mallory@example.net',
          action: 'recordReply',
          who: 'bob@example.net',
          partstat: 'DECLINED',
          answer: 'DECLINED',
          summary: 'Design review',
          instance: 'all',
        },
      },
    } as unknown as DecisionView;
    return (
      <I18nProvider initial={lang}>
        <CardFrame decision={decision} titleId="t" choices={null}>
          {null}
        </CardFrame>
      </I18nProvider>
    );
  };

  it('names the buttons instead of "a person can apply it"', () => {
    const { container } = renderWithApi(held('en'));
    const text = container.textContent ?? '';
    expect(text).toContain('the sender could not be verified');
    expect(text).toContain('“Apply” will note in your calendar that bob@example.net declined "Design review"');
    expect(text).toContain('“Ignore” leaves your calendar as it is.');
    expect(text).not.toMatch(/A person can/);
  });

  it('in German', () => {
    const { container } = renderWithApi(held('de'));
    expect(container.textContent).toContain('„Übernehmen“ wird in Ihrem Kalender vermerken, dass bob@example.net');
  });
});
