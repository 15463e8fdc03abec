// @vitest-environment jsdom
/** The mail's own HTML text on a card: sanitized, no remote content, folded when the event has its own description. */
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DecisionsScreen } from '../../renderer/src/features/decisions/DecisionsScreen';
import type { DecisionView } from '../../shared/ipc/contract.js';
import { invitation } from './fixtures';
import { renderWithApi, teardown } from './helpers';

afterEach(teardown);

const HTML =
  '<html><head><style>p{color:red}</style></head><body><p><b>Agenda</b> for Q1</p>' +
  '<img src="https://tracker.example.com/p.gif"><script>alert(1)</script>' +
  '<a href="https://wiki.example.com/q1" onclick="steal()">wiki</a><a href="javascript:alert(2)">bad</a></body></html>';

async function card(): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { name: 'Quarterly planning', level: 2 });
  return heading.closest('article') as HTMLElement;
}

describe("the mail's HTML text", () => {
  it('waits behind a button when the event has its own description, then shows it sanitized', async () => {
    const d: DecisionView = { ...invitation, mailHtml: HTML };
    renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [d] });
    const c = await card();
    const toggle = within(c).getByRole('button', { name: 'Show the text of the mail' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(c.textContent).not.toContain('for Q1');
    fireEvent.click(toggle);
    expect(within(c).getByRole('button', { name: 'Hide the text of the mail' })).toBeTruthy();
    const text = c.querySelector('.mail-text') as HTMLElement;
    expect(text.textContent).toContain('Agenda for Q1');
    expect(text.querySelector('b')?.textContent).toBe('Agenda');
    expect(text.querySelector('img, script, style, [onclick], [src]')).toBeNull();
    expect([...text.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://wiki.example.com/q1',
      null,
    ]);
    // A click shows the target first (the link confirmation), nothing opens by itself.
    fireEvent.click(within(text).getByText('wiki'));
    expect(await screen.findByText(/wiki\.example\.com/)).toBeTruthy();
  });

  it('is shown at once, labelled, when the event has no description of its own', async () => {
    const d: DecisionView = {
      ...invitation,
      proposed: invitation.proposed ? { ...invitation.proposed, description: null, htmlDescription: null } : null,
      mailHtml: HTML,
    };
    renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [d] });
    const c = await card();
    expect(within(c).getByText('The text of the mail')).toBeTruthy();
    expect(within(c).queryByRole('button', { name: /text of the mail/ })).toBeNull();
    expect(c.querySelector('.mail-text')?.textContent).toContain('Agenda for Q1');
  });
});
