// @vitest-environment jsdom
/** The calendar screen with FullCalendar itself: range fetch, the look of each answer, details on click/Enter. */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CalendarScreen } from '../../renderer/src/features/calendar/CalendarScreen';
import { renderWithApi, teardown } from './helpers';

beforeAll(() => {
  // jsdom has no layout: FullCalendar measures with ResizeObserver, which is missing there.
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
});
afterEach(teardown);

async function eventElement(title: string): Promise<HTMLElement> {
  const titleEl = await screen.findByText(title, { selector: '.ev-title' });
  const el = titleEl.closest<HTMLElement>('.ev');
  if (!el) throw new Error(`no event element for ${title}`);
  return el;
}

describe('calendar screen', () => {
  it('fetches the visible range and marks each answer by class and by words', async () => {
    const { api } = renderWithApi(<CalendarScreen initialDate="2026-03-10" initialView="agenda" />);
    await waitFor(() => expect(api.argsOf('listEvents').length).toBeGreaterThan(0));
    const range = api.argsOf('listEvents')[0];
    expect(Date.parse(range?.from ?? '')).toBeLessThanOrEqual(Date.parse('2026-03-10T00:00:00Z'));
    const cases: [string, string, string][] = [
      ['Quarterly planning', 'ev-needs-action', 'not answered yet'],
      ['Maybe coffee', 'ev-tentative', 'maybe'],
      ['Vendor pitch', 'ev-declined', 'you declined'],
      ['Stand-up', 'ev-cancelled', 'cancelled'],
      ['Design review', 'ev-confirmed', ''],
    ];
    for (const [title, cls, words] of cases) {
      const el = await eventElement(title);
      expect(el.classList.contains(cls), `${title} has ${cls}`).toBe(true);
      if (words) expect(el.textContent).toContain(`(${words})`);
      expect(el.querySelector('[title]')?.getAttribute('title')).toBe(words ? `${title} (${words})` : title);
    }
  });

  it('opens the details of an event with Enter and closes them with Escape', async () => {
    const { api } = renderWithApi(<CalendarScreen initialDate="2026-03-10" initialView="agenda" />);
    const el = await eventElement('Stand-up');
    const focusable = el.closest<HTMLElement>('[tabindex="0"]') ?? el.querySelector<HTMLElement>('[tabindex="0"]');
    expect(focusable).not.toBeNull();
    focusable?.focus();
    fireEvent.keyDown(focusable as HTMLElement, { key: 'Enter' });
    const panel = await screen.findByRole('complementary', { name: 'Stand-up' });
    // The cancelled meeting first; then its series, to know whether the series goes on (remove one or all).
    expect(api.argsOf('getEvent')[0]).toEqual({ uid: 'evt-8', recurrenceId: '2026-03-09T08:00:00Z' });
    expect(panel.textContent).toContain('Attendees');
    fireEvent.keyDown(panel, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('complementary')).toBeNull());
  });

  it('opens details on click and refetches on eventsChanged', async () => {
    const { api } = renderWithApi(<CalendarScreen initialDate="2026-03-10" initialView="agenda" />);
    fireEvent.click(await eventElement('Maybe coffee'));
    await screen.findByRole('complementary', { name: 'Maybe coffee' });
    const before = api.argsOf('listEvents').length;
    api.state.events = api.state.events.filter((e) => e.uid !== 'evt-7');
    api.emit('eventsChanged', {});
    await waitFor(() => expect(api.argsOf('listEvents').length).toBe(before + 1));
    await waitFor(() => expect(screen.queryByText('Vendor pitch', { selector: '.ev-title' })).toBeNull());
  });

  it('moves between events with the arrow keys', async () => {
    renderWithApi(<CalendarScreen initialDate="2026-03-10" initialView="agenda" />);
    await eventElement('Stand-up');
    const targets = Array.from(document.querySelectorAll<HTMLElement>('.ev')).map(
      (ev) => ev.closest<HTMLElement>('[tabindex="0"]') ?? ev.querySelector<HTMLElement>('[tabindex="0"]') ?? ev,
    );
    expect(targets.length).toBeGreaterThan(2);
    targets[0]?.focus();
    fireEvent.keyDown(targets[0] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(targets[1]);
    fireEvent.keyDown(targets[1] as HTMLElement, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(targets[2]);
    fireEvent.keyDown(targets[2] as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(targets[1]);
  });
});
