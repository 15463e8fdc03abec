// @vitest-environment jsdom
/** The shell: navigation with the decisions badge, status bar, pushed events, keyboard reach and names. */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { renderWithApi, tabSequence, tabThrough, teardown } from './helpers';
import { textMessage } from '../../shared/model/storedMessage.js';

afterEach(teardown);

beforeAll(() => {
  // jsdom has no layout: FullCalendar measures with ResizeObserver, which is missing there.
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
});

function unnamed(role: 'button' | 'textbox' | 'checkbox' | 'radio' | 'combobox' | 'spinbutton'): HTMLElement[] {
  return screen.queryAllByRole(role, { name: (name) => name.trim() === '' });
}

function expectKeyboardReach(): void {
  const buttons = screen.getAllByRole('button');
  const reached = tabThrough();
  for (const b of buttons) expect(reached, `Tab reaches "${b.textContent}"`).toContain(b);
  for (const role of ['button', 'textbox', 'checkbox', 'radio', 'combobox', 'spinbutton'] as const)
    expect(unnamed(role)).toEqual([]);
}

describe('app shell', () => {
  it('shows the navigation with the open decision count and the connection state', async () => {
    renderWithApi(<App />);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Decisions, 5 open' })).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Decisions, 5 open' }).getAttribute('aria-current')).toBe('page');
    expect(nav.textContent).toContain('Calendar');
    await waitFor(() => expect(screen.getByText('Connected')).toBeTruthy());
    expect(screen.getByText(/Watching INBOX at imap.example.com/)).toBeTruthy();
  });

  it('shows a notice for unusable files in the data folder', async () => {
    renderWithApi(<App />, {
      dataProblems: [
        {
          file: '/d/quarantine/calendar/a.ics',
          message: 'calendar/a.ics was moved to quarantine/: a.ics is not a usable iCalendar object',
        },
      ],
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/A file in the data folder could not be used/);
    expect(alert.textContent).toContain('calendar/a.ics was moved to quarantine/');
  });

  it('updates badge and status bar from pushed events and opens a decision from a notification', async () => {
    const { api } = renderWithApi(<App />);
    await screen.findByRole('button', { name: 'Decisions, 5 open' });
    fireEvent.click(screen.getByRole('button', { name: 'Activity' }));
    await screen.findByRole('heading', { name: 'Activity', level: 1 });
    api.emit('decisionsChanged', { count: 7 });
    api.emit('connectionChanged', { state: 'error', message: 'IMAP login failed', since: '2026-03-01T10:00:00Z' });
    await screen.findByRole('button', { name: 'Decisions, 7 open' });
    expect(screen.getByText('Connection problem')).toBeTruthy();
    api.emit('decisionOpened', { id: 'd-counter' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-decision-id')).toBe('d-counter'));
  });

  it('moves focus to the heading of the screen chosen in the navigation', async () => {
    renderWithApi(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Settings', level: 1 })),
    );
  });

  it('lists activity with time, who, kind, outcome and reason, and adds pushed entries', async () => {
    const { api } = renderWithApi(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Activity' }));
    await screen.findByText('Bob accepted "Quarterly planning".');
    expect(api.argsOf('listActivity')).toEqual([{ limit: 200 }]);
    const rows = screen.getAllByRole('row');
    expect(rows[0]?.textContent).toBe('TimeByWhatOutcomeDetails');
    expect(rows[1]?.textContent).toMatch(/Incoming mailAnswer✓ AppliedBob accepted/);
    expect(rows[2]?.textContent).toMatch(/You: Add themAnswer from someone not invited✓ AppliedAdded dave/);
    api.emit('activityAdded', {
      at: '2026-03-02T08:00:00Z',
      kind: 'cancel',
      outcome: 'applied',
      reason: textMessage('Alice cancelled "Stand-up".'),
      uid: 'evt-8',
      recurrenceId: null,
      source: 'mail',
      choice: null,
    });
    await screen.findByText('Alice cancelled "Stand-up".');
    expect(screen.getAllByRole('row')[1]?.textContent).toContain('Cancellation');
    api.emit('activityAdded', {
      at: '2026-03-02T08:05:00Z',
      kind: 'reply',
      outcome: 'applied',
      reason: textMessage('You declined "Stand-up".'),
      uid: 'evt-8',
      recurrenceId: null,
      source: 'you',
      choice: 'declined',
    });
    await screen.findByText('You declined "Stand-up".');
    expect(screen.getAllByRole('row')[1]?.textContent).toMatch(/^.*You: DeclineAnswer/);
  });

  it('Tab reaches every button on the decisions screen and every control has a name', async () => {
    renderWithApi(<App />);
    await screen.findByRole('heading', { name: 'Quarterly planning' });
    expect(screen.getAllByRole('button').length).toBeGreaterThan(15);
    expectKeyboardReach();
    // The order follows the page: navigation first, then the cards top to bottom.
    const order = tabSequence().map((el) => el.textContent ?? '');
    expect(order.indexOf('Settings')).toBeLessThan(order.indexOf('Accept'));
  });

  it('Tab reaches every button on the settings screen and every control has a name', async () => {
    renderWithApi(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    await screen.findByRole('heading', { name: 'Settings', level: 1 });
    fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));
    fireEvent.change(screen.getByLabelText('Your e-mail address'), { target: { value: 'me@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('button', { name: 'Test connection' });
    expectKeyboardReach();
  });

  it('says so when opened without a host', () => {
    // No fake installed: window.api is missing, as when the built page is opened on its own.
    render(<App />);
    expect(screen.getByText(/This page needs the companion behind it/)).toBeTruthy();
  });

  it('opens the event of an activity row in the calendar, and offers a skip link to the screen', async () => {
    const { api } = renderWithApi(<App />);
    const skip = await screen.findByRole('link', { name: 'Skip to content' });
    fireEvent.click(skip);
    expect(document.activeElement?.id).toBe('decisions-heading');
    fireEvent.click(screen.getByRole('button', { name: 'Activity' }));
    await screen.findByText('Bob accepted "Quarterly planning".');
    fireEvent.click(screen.getAllByRole('button', { name: 'Show in calendar' })[0] as HTMLElement);
    // The calendar is loaded on first use, which takes a moment.
    await screen.findByRole('complementary', { name: 'Quarterly planning' }, { timeout: 10_000 });
    expect(api.argsOf('getEvent')).toEqual([{ uid: 'evt-1', recurrenceId: null }]);
  });

  it('names the open decisions once in the navigation and collapses it to icons on request', async () => {
    renderWithApi(<App />);
    const nav = await screen.findByRole('navigation');
    const decisions = await screen.findByRole('button', { name: 'Decisions, 5 open' });
    expect(decisions).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Collapse the sidebar' }));
    expect(nav.classList.contains('collapsed')).toBe(true);
    expect(screen.getByRole('button', { name: 'Expand the sidebar' }).getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByRole('button', { name: 'Decisions, 5 open' })).toBeTruthy();
  });

  it('lists a bounce of my own reply as returned mail, not as incoming mail applied', async () => {
    const bounce = {
      at: '2026-03-02T09:00:00Z',
      kind: 'not-scheduling',
      outcome: 'applied',
      reason: textMessage(
        'Your reply to "Quarterly planning" could not be delivered (olga@example.org: 550 5.1.1 user unknown): the organizer is marked so.',
      ),
      uid: 'evt-1',
      recurrenceId: null,
      source: 'mail',
      choice: null,
    } as const;
    const { api } = renderWithApi(<App />);
    api.state.activity = [bounce, ...api.state.activity];
    fireEvent.click(await screen.findByRole('button', { name: 'Activity' }));
    await screen.findByText(/could not be delivered/);
    expect(screen.getAllByRole('row')[1]?.textContent).toMatch(
      /^.*Returned mailYour message was not delivered✓ Noted on the event/,
    );
  });
});
