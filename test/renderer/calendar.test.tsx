// @vitest-environment jsdom
/** The calendar's parts that do not need a layout engine: how answers look, and the event details panel. */
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventDetails } from '../../renderer/src/features/calendar/EventDetails';
import { eventLook, LOOK_MARKS } from '../../renderer/src/features/calendar/eventLook';
import { eventView } from './fixtures';
import { teardown } from './helpers';

afterEach(teardown);

describe('event look', () => {
  it('derives the look from STATUS and my PARTSTAT, with words for each difference', () => {
    expect(eventLook({ status: 'CANCELLED', partstat: 'ACCEPTED' })).toBe('cancelled');
    expect(eventLook({ status: 'CONFIRMED', partstat: 'DECLINED' })).toBe('declined');
    expect(eventLook({ status: null, partstat: 'NEEDS-ACTION' })).toBe('needs-action');
    expect(eventLook({ status: null, partstat: 'TENTATIVE' })).toBe('tentative');
    expect(eventLook({ status: 'TENTATIVE', partstat: null })).toBe('tentative');
    expect(eventLook({ status: 'CONFIRMED', partstat: 'ACCEPTED' })).toBe('confirmed');
    expect(eventLook({ status: null, partstat: null })).toBe('confirmed');
    for (const look of ['cancelled', 'declined', 'tentative', 'needs-action'] as const)
      expect(LOOK_MARKS[look]).not.toBe('');
  });
});

describe('event details', () => {
  it('shows time, location, organizer, attendees with answers and the description as text', () => {
    const event = eventView({ description: 'Bring <img src=x onerror=alert(1)> slides\nand coffee' });
    render(<EventDetails state={{ status: 'ready', event }} onClose={() => undefined} />);
    const panel = screen.getByRole('complementary', { name: 'Quarterly planning' });
    expect(panel.textContent).toContain('Room 4.01');
    expect(panel.textContent).toContain('Alice <alice@example.com>');
    expect(screen.getByRole('list', { name: 'Attendees' }).textContent).toContain('Bob <bob@example.com>: accepted');
    expect(panel.querySelector('.description')?.textContent).toBe(
      'Bring <img src=x onerror=alert(1)> slides\nand coffee',
    );
    expect(panel.querySelector('img')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Quarterly planning' }));
  });

  it('says when my last message to a person bounced (organizer or attendee), and only then', () => {
    const event = eventView({
      organizer: { address: 'alice@example.com', name: 'Alice', undelivered: true },
      attendees: [
        {
          address: 'bob@example.com',
          name: 'Bob',
          partstat: 'NEEDS-ACTION',
          role: 'REQ-PARTICIPANT',
          undelivered: true,
        },
        { address: 'carol@example.com', name: 'Carol', partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' },
      ],
    });
    render(<EventDetails state={{ status: 'ready', event }} onClose={() => undefined} />);
    const panel = screen.getByRole('complementary', { name: 'Quarterly planning' });
    expect(panel.textContent).toContain('Alice <alice@example.com> · your last answer could not be delivered to them');
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      '? Bob <bob@example.com>: not answered yet · the last message to them could not be delivered',
      '✓ Carol <carol@example.com>: accepted',
    ]);
  });

  it('closes with the button and with Escape', () => {
    const onClose = vi.fn();
    render(<EventDetails state={{ status: 'ready', event: eventView() }} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Close event details' }));
    fireEvent.keyDown(screen.getByRole('heading', { name: 'Quarterly planning' }), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('shows the error from getEvent', () => {
    render(
      <EventDetails
        state={{ status: 'error', message: 'That event does not exist any more.' }}
        onClose={() => undefined}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('That event does not exist any more.');
  });
});
