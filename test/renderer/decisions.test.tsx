// @vitest-environment jsdom
/** Decision cards: each kind shows its data and answers with the right choice and comment. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DecisionsScreen } from '../../renderer/src/features/decisions/DecisionsScreen';
import { counter, heldUpdate, invitation, partyCrasher, reschedule } from './fixtures';
import { renderWithApi, teardown } from './helpers';
import { say } from '../../renderer/src/lib/say';

afterEach(teardown);

async function card(title: string): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { name: title, level: 2 });
  const article = heading.closest('article');
  if (!article) throw new Error(`no card for ${title}`);
  return article;
}

describe('decision cards', () => {
  it('shows an invitation with times, place, organizer, attendees, description and conflicts', async () => {
    renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [invitation] });
    const c = within(await card('Quarterly planning'));
    expect(c.getByText('Invitation')).toBeTruthy();
    expect(c.getByText(say(invitation.reason))).toBeTruthy();
    expect(c.getByText('Room 4.01')).toBeTruthy();
    expect(c.getByText('Alice <alice@example.com>')).toBeTruthy();
    // My zone and the organizer's are named in words, both in the locale's time format.
    expect(c.getByText(/organizer’s time:/).textContent).toMatch(/organizer’s time: .*11:00.*\(Eastern Time\)/);
    const attendees = c.getByRole('list', { name: 'Attendees' }).textContent ?? '';
    expect(attendees).toMatch(/Bob <bob@example.com>: accepted/);
    expect(attendees).toMatch(/Carol <carol@example.com>: declined/);
    expect(attendees).toMatch(/me@example.com: not answered yet/);
    expect(c.getByText(/Agenda:/).textContent).toBe('Agenda:\n1. Numbers\n2. Plans');
    expect(c.getByText(/Conflicts with 1 event in your calendar/)).toBeTruthy();
    expect(c.getByText(/Dentist/)).toBeTruthy();
    expect(c.getByRole('button', { name: 'Accept' })).toBeTruthy();
    expect(c.getByRole('button', { name: 'Maybe' })).toBeTruthy();
    expect(c.getByRole('button', { name: 'Decline' })).toBeTruthy();
    expect(c.getByText('Invited as me@example.com')).toBeTruthy();
  });

  it('accepts an invitation with a comment, removes the card and announces the outcome', async () => {
    const { api } = renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [invitation, counter] });
    const c = within(await card('Quarterly planning'));
    fireEvent.change(c.getByLabelText('Comment to the organizer (optional)'), {
      target: { value: '  See you there  ' },
    });
    fireEvent.click(c.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Quarterly planning' })).toBeNull());
    expect(api.argsOf('decide')).toEqual([{ id: 'd-invite', choice: 'accept', comment: 'See you there' }]);
    expect(screen.getByRole('status').textContent).toContain('You accepted; your answer was sent to the organizer.');
    // Focus moves on to the next card rather than being lost.
    await waitFor(() => expect(document.activeElement?.getAttribute('data-decision-id')).toBe('d-counter'));
  });

  it('declines without a comment as null', async () => {
    const { api } = renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [invitation] });
    fireEvent.click(within(await card('Quarterly planning')).getByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(api.argsOf('decide')).toEqual([{ id: 'd-invite', choice: 'decline', comment: null }]));
    await screen.findByText(/Nothing waits for you/);
  });

  it('shows a reschedule as old time → new time and answers tentative', async () => {
    const { api } = renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [reschedule] });
    const c = within(await card('Design review'));
    const oldTime = c.getByText('Old time').nextElementSibling?.textContent ?? '';
    const newTime = c.getByText('New time').nextElementSibling?.textContent ?? '';
    expect(oldTime).toMatch(/Mar/);
    expect(oldTime).toMatch(/11/);
    expect(newTime).toMatch(/12/);
    expect(c.getByText('Room A → Room B')).toBeTruthy();
    fireEvent.click(c.getByRole('button', { name: 'Maybe' }));
    await waitFor(() =>
      expect(api.argsOf('decide')).toEqual([{ id: 'd-resched', choice: 'tentative', comment: null }]),
    );
  });

  it('shows who crashed which event and approves', async () => {
    const { api } = renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [partyCrasher] });
    const c = within(await card('Team lunch'));
    const sentence = c.getByText(/is not on its guest list/).textContent ?? '';
    expect(sentence).toContain('dave@example.com answered “accepted” to Team lunch');
    expect(c.queryByLabelText(/Comment/)).toBeNull();
    expect(c.getAllByRole('button').map((b) => b.textContent)).toEqual(['Add them', 'Ignore']);
    // What each choice does, including that an invitation is mailed to them.
    expect(c.getByText(/mails them the invitation/)).toBeTruthy();
    fireEvent.click(c.getByRole('button', { name: 'Add them' }));
    await waitFor(() => expect(api.argsOf('decide')).toEqual([{ id: 'd-crasher', choice: 'approve', comment: null }]));
  });

  it('compares current and proposed for a counter and declines the proposal with a comment', async () => {
    const { api } = renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [counter] });
    const c = within(await card('One-on-one'));
    const rows = c.getAllByRole('row');
    expect(rows[2]?.textContent).toBe('LocationCafeVideo call');
    expect(c.getByText('Mornings are better for me.')).toBeTruthy();
    fireEvent.change(c.getByLabelText('Comment to bob@example.com (optional)'), {
      target: { value: 'Afternoons only' },
    });
    fireEvent.click(c.getByRole('button', { name: 'Decline proposal' }));
    await waitFor(() =>
      expect(api.argsOf('decide')).toEqual([
        { id: 'd-counter', choice: 'decline-counter', comment: 'Afternoons only' },
      ]),
    );
  });

  it('accepts a counter-proposal', async () => {
    const { api } = renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [counter] });
    fireEvent.click(within(await card('One-on-one')).getByRole('button', { name: 'Accept proposal' }));
    await waitFor(() => expect(api.argsOf('decide')[0]).toMatchObject({ id: 'd-counter', choice: 'accept-counter' }));
  });

  it('shows warnings, the reason and Apply / Ignore for a held update', async () => {
    const { api } = renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [heldUpdate] });
    const article = await card('All hands');
    const c = within(article);
    const warnings = c.getByRole('group', { name: /Warning/ });
    expect(warnings.textContent).toContain('is not the organizer');
    expect(warnings.textContent).toContain('DMARC failed');
    expect(c.getByText(say(heldUpdate.reason))).toBeTruthy();
    fireEvent.click(c.getByRole('button', { name: 'Ignore' }));
    await waitFor(() => expect(api.argsOf('decide')).toEqual([{ id: 'd-update', choice: 'ignore', comment: null }]));
  });

  it('renders a description containing HTML sanitized: markup kept, no script', async () => {
    renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [heldUpdate] });
    const article = await card('All hands');
    const description = article.querySelector('.description');
    expect(description?.textContent).not.toContain('<');
    expect(description?.querySelector('b')?.textContent).toBe('bold');
    expect(article.querySelector('script')).toBeNull();
  });

  it('keeps the card and shows the error when decide fails', async () => {
    const { api } = renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [invitation] });
    api.override('decide', async () => ({
      ok: false,
      error: { code: 'DECISION_FAILED', message: 'The event changed meanwhile.' },
    }));
    const c = within(await card('Quarterly planning'));
    fireEvent.click(c.getByRole('button', { name: 'Accept' }));
    expect((await c.findByRole('alert')).textContent).toContain('The event changed meanwhile.');
    expect(screen.getByRole('heading', { name: 'Quarterly planning' })).toBeTruthy();
  });

  it('reloads on decisionsChanged and focuses a card on request', async () => {
    const { api, rerender } = renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [invitation] });
    await card('Quarterly planning');
    api.state.decisions = [invitation, counter];
    api.emit('decisionsChanged', { count: 2 });
    await card('One-on-one');
    rerender(<DecisionsScreen focusRequest={{ id: 'd-counter', seq: 1 }} />);
    await waitFor(() => expect(document.activeElement?.getAttribute('data-decision-id')).toBe('d-counter'));
  });
});
