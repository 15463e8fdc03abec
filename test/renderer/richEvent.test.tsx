// @vitest-environment jsdom
/**
 * Readable invitations: sanitized HTML descriptions whose links show their target before opening, the join
 * button, long attendee lists collapsed behind a summary, the rule in words, all-day entries not counted as
 * conflicts, forwarded invitations said as such, and no raw instant in any visible text.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DecisionsScreen } from '../../renderer/src/features/decisions/DecisionsScreen';
import { I18nProvider } from '../../renderer/src/lib/i18n';
import { forwardedInvitation, richInvitation } from './fixtures';
import { renderWithApi, teardown } from './helpers';

afterEach(() => {
  teardown();
  vi.restoreAllMocks();
});

async function card(title: string): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { name: title, level: 2 });
  const article = heading.closest('article');
  if (!article) throw new Error(`no card for ${title}`);
  return article;
}

/** ISO 8601 dates or date-times as the engine writes them. */
export const ISO_INSTANT = /\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?/;

describe('a rich invitation', () => {
  it('shows the HTML description sanitized: markup kept, no script, image, style or javascript link', async () => {
    renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [richInvitation] });
    const article = await card('Weekly sync');
    const description = article.querySelector('.description');
    expect(description?.querySelector('b')?.textContent).toBe('Agenda');
    expect(description?.querySelectorAll('li')).toHaveLength(2);
    expect(description?.innerHTML).not.toMatch(/<script|<img|style=|onclick|javascript:|tracker/);
    expect(description?.textContent).not.toContain('<');
  });

  it('shows where a link leads before opening it in a new tab (web host)', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [richInvitation] });
    const c = within(await card('Weekly sync'));
    fireEvent.click(c.getByRole('link', { name: 'the notes' }));
    const confirm = c.getByRole('group', { name: 'Open this link in your browser?' });
    expect(confirm.textContent).toContain('https://wiki.example.com/q4');
    expect(open).not.toHaveBeenCalled();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Open link' }));
    await waitFor(() =>
      expect(open).toHaveBeenCalledWith('https://wiki.example.com/q4', '_blank', 'noopener,noreferrer'),
    );
    await waitFor(() => expect(c.queryByRole('group', { name: 'Open this link in your browser?' })).toBeNull());
  });

  it('opens the join link through the host when it has openExternal (desktop)', async () => {
    const { api } = renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [richInvitation] });
    const opened: string[] = [];
    Object.assign(api, {
      openExternal: async ({ url }: { url: string }) => (opened.push(url), { ok: true, value: null }),
    });
    const c = within(await card('Weekly sync'));
    expect(c.getByText('on teams.microsoft.com')).toBeTruthy();
    fireEvent.click(c.getByRole('button', { name: 'Join meeting' }));
    await waitFor(() => expect(opened).toEqual(['https://teams.microsoft.com/l/meetup-join/abc']));
  });

  it('collapses eleven attendees behind a summary and says the rule in words', async () => {
    renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [richInvitation] });
    const c = within(await card('Weekly sync'));
    expect(c.getByText(/^1 accepted, 1 declined, 9 waiting/)).toBeTruthy();
    expect(c.queryByText(/Kai <kai@example.com>/)).toBeNull();
    const toggle = c.getByRole('button', { name: 'Show all 11 attendees' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(c.getByText(/Kai <kai@example.com>/)).toBeTruthy();
    expect(c.getByText(/^Weekly on Monday, 8 times/)).toBeTruthy();
  });

  it('names an all-day event once as "also on that day", not as conflicts', async () => {
    renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [richInvitation] });
    const c = within(await card('Weekly sync'));
    expect(c.getByText('No conflicts with your calendar.')).toBeTruthy();
    expect(c.getByText('Also on that day: Offsite')).toBeTruthy();
  });

  it('shows no raw instant anywhere, the reason included', async () => {
    renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [richInvitation, forwardedInvitation] });
    const article = await card('Weekly sync');
    expect(article.textContent).toMatch(/starting Mon, 30 Nov|starting Mon, Nov 30/);
    expect(document.body.textContent).not.toMatch(ISO_INSTANT);
  });

  it('says a forwarded invitation is one instead of "Invited as"', async () => {
    renderWithApi(<DecisionsScreen focusRequest={null} />, { decisions: [forwardedInvitation] });
    const c = within(await card('Budget review'));
    expect(c.queryByText(/Invited as/)).toBeNull();
    expect(c.getByText(/reached you at bob@example.org, probably forwarded/)).toBeTruthy();
    // No location: no "Where" row with "No location given".
    expect(c.queryByText('Where')).toBeNull();
  });
});

describe('in German', () => {
  it('shows the card in German with German plural and date rules', async () => {
    renderWithApi(
      <I18nProvider initial="de">
        <DecisionsScreen focusRequest={null} />
      </I18nProvider>,
      { decisions: [richInvitation] },
    );
    const c = within(await card('Weekly sync'));
    expect(c.getByText('Einladung')).toBeTruthy();
    expect(c.getByRole('button', { name: 'Zusagen' })).toBeTruthy();
    expect(c.getByRole('button', { name: 'Vielleicht' })).toBeTruthy();
    expect(c.getByText(/^Wöchentlich am Montag, 8-mal/)).toBeTruthy();
    expect(c.getByText(/^1 zugesagt, 1 abgesagt, 9 ausstehend/)).toBeTruthy();
    expect(c.getByRole('button', { name: 'Alle 11 Teilnehmer zeigen' })).toBeTruthy();
    // German dates: "Mo., 30. Nov." and a 24-hour clock.
    expect(c.getAllByText(/Mo\., 30\. Nov\./)[0]?.textContent).toMatch(/\d{2}:\d{2}/);
    expect(c.getAllByText(/Mo\., 30\. Nov\./)[0]?.textContent).not.toMatch(/AM|PM/);
    expect(c.getByText(/Warum Sie gefragt werden/)).toBeTruthy();
  });
});
