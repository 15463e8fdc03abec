// @vitest-environment jsdom
/** An update card names the single meetings of a series that change: moved, relocated, cancelled, in both languages. */
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DecisionsScreen } from '../../renderer/src/features/decisions/DecisionsScreen';
import { I18nProvider } from '../../renderer/src/lib/i18n';
import type { DecisionView } from '../../shared/ipc/contract.js';
import { heldUpdate, invitation, reschedule } from './fixtures';
import { renderWithApi, teardown } from './helpers';

afterEach(teardown);

const seriesUpdate: DecisionView = {
  ...heldUpdate,
  changedOccurrences: [
    {
      recurrenceId: '2026-03-16T09:00:00Z',
      allDay: false,
      before: { start: '2026-03-16T09:00:00Z', end: '2026-03-16T09:30:00Z', location: 'Room 2' },
      after: { start: '2026-03-17T10:00:00Z', end: '2026-03-17T10:30:00Z', location: 'Room 2' },
    },
    {
      recurrenceId: '2026-03-23T09:00:00Z',
      allDay: false,
      before: { start: '2026-03-23T09:00:00Z', end: '2026-03-23T09:30:00Z', location: 'Room 2' },
      after: { start: '2026-03-23T09:00:00Z', end: '2026-03-23T09:30:00Z', location: 'Hall B' },
    },
    {
      recurrenceId: '2026-03-30T08:00:00Z',
      allDay: false,
      before: { start: '2026-03-30T08:00:00Z', end: '2026-03-30T08:30:00Z', location: 'Room 2' },
      after: null,
    },
  ],
};

async function changes(): Promise<string[]> {
  const heading = await screen.findByRole('heading', { name: 'All hands', level: 2 });
  const card = heading.closest('article') as HTMLElement;
  return within(card)
    .getAllByRole('listitem')
    .filter((li) => li.closest('.changed-occurrences'))
    .map((li) => li.textContent ?? '');
}

describe('changed occurrences on a card', () => {
  it('says in English which meetings move, where one now takes place and which is cancelled', async () => {
    renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [seriesUpdate] });
    const lines = await changes();
    expect(screen.getByText('3 meetings of the series change:')).toBeTruthy();
    expect(lines[0]).toMatch(/^The meeting on Mon.* 16.* moves to Tue.* 17.*\.$/);
    expect(lines[1]).toMatch(/takes place in Hall B instead of Room 2\.$/);
    expect(lines[2]).toMatch(/^The meeting on Mon.* 30.* is cancelled\.$/);
    expect(lines.join(' ')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('says it in German, with the plural of the language', async () => {
    renderWithApi(
      <I18nProvider initial="de">
        <DecisionsScreen focusRequest={null} />
      </I18nProvider>,
      { decisions: [{ ...seriesUpdate, changedOccurrences: seriesUpdate.changedOccurrences.slice(2) }] },
    );
    const lines = await changes();
    expect(screen.getByText('Ein Termin der Serie ändert sich:')).toBeTruthy();
    expect(lines[0]).toMatch(/^Der Termin am Mo\., 30\. März.* fällt aus\.$/);
  });

  it('a reschedule of one meeting of a series shows that meeting as the old time, not the series start', async () => {
    const one: DecisionView = {
      ...reschedule,
      recurrenceId: '2026-03-18T09:00:00Z',
      changedOccurrences: [
        {
          recurrenceId: '2026-03-18T09:00:00Z',
          allDay: false,
          before: { start: '2026-03-18T09:00:00Z', end: '2026-03-18T10:00:00Z', location: 'Room A' },
          after: { start: '2026-03-12T13:00:00Z', end: '2026-03-12T14:00:00Z', location: 'Room B' },
        },
      ],
    };
    renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [one] });
    const heading = await screen.findByRole('heading', { name: 'Design review', level: 2 });
    const card = heading.closest('article') as HTMLElement;
    expect(card.querySelector('.old-value')?.textContent).toMatch(/Wed.* 18/);
    // Shown once as old → new, not again in the list.
    expect(card.querySelector('.changed-occurrences')).toBeNull();
  });

  it("shows the series' next meeting where the message moved it, and skips a cancelled one", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-10T12:00:00Z'));
    try {
      const series = {
        ...(invitation.proposed as NonNullable<DecisionView['proposed']>),
        start: '2026-03-09T09:00:00Z',
        end: '2026-03-09T09:30:00Z',
        timezone: 'UTC',
        recurring: true,
        rrule: 'FREQ=WEEKLY;COUNT=8;BYDAY=MO',
      };
      const moved: DecisionView = {
        ...invitation,
        proposed: series,
        changedOccurrences: [
          {
            recurrenceId: '2026-03-16T09:00:00Z',
            allDay: false,
            before: { start: '2026-03-16T09:00:00Z', end: '2026-03-16T09:30:00Z', location: null },
            after: null,
          },
          {
            recurrenceId: '2026-03-23T09:00:00Z',
            allDay: false,
            before: { start: '2026-03-23T09:00:00Z', end: '2026-03-23T09:30:00Z', location: null },
            after: { start: '2026-03-24T13:00:00Z', end: '2026-03-24T13:30:00Z', location: null },
          },
        ],
      };
      renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [moved] });
      const heading = await screen.findByRole('heading', { name: 'Quarterly planning', level: 2 });
      const card = heading.closest('article') as HTMLElement;
      const facts = card.querySelector('.facts') as HTMLElement;
      expect(facts.querySelector('dt')?.textContent).toBe('Next');
      // 16 Mar is cancelled, 23 Mar moved to Tue 24 Mar: that is the next meeting.
      expect(facts.querySelector('dd')?.textContent).toMatch(/Tue.* 24/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('skips a meeting my calendar cancelled after the invitation came (EXDATE or a CANCEL for it)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-10T12:00:00Z'));
    try {
      const series = {
        ...(invitation.proposed as NonNullable<DecisionView['proposed']>),
        start: '2026-03-09T09:00:00Z',
        end: '2026-03-09T09:30:00Z',
        timezone: 'UTC',
        recurring: true,
        rrule: 'FREQ=WEEKLY;COUNT=8;BYDAY=MO',
      };
      const card: DecisionView = {
        ...invitation,
        proposed: series,
        changedOccurrences: [],
        cancelledOccurrences: ['2026-03-16T09:00:00Z', '2026-03-23T09:00:00.000Z'],
      };
      renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [card] });
      const heading = await screen.findByRole('heading', { name: 'Quarterly planning', level: 2 });
      const facts = (heading.closest('article') as HTMLElement).querySelector('.facts') as HTMLElement;
      expect(facts.querySelector('dt')?.textContent).toBe('Next');
      // 16 and 23 March were cancelled in my calendar: the next meeting is Monday 30 March.
      expect(facts.querySelector('dd')?.textContent).toMatch(/Mon.* 30/);
    } finally {
      vi.useRealTimers();
    }
  });
});
