// @vitest-environment jsdom
/** Errors from the host in the person's language: the code's sentence, the host's detail where it says more. */
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DecisionsScreen } from '../../renderer/src/features/decisions/DecisionsScreen';
import { I18nProvider, makeWords } from '../../renderer/src/lib/i18n';
import { errorText } from '../../renderer/src/lib/errorWords';
import { invitation } from './fixtures';
import { renderWithApi, teardown } from './helpers';

afterEach(teardown);

describe('error words', () => {
  it('words a code in the chosen language and keeps the detail only where it adds something', () => {
    const de = makeWords('de', undefined, ['de-DE']);
    expect(errorText(de, { code: 'HOST_UNREACHABLE', message: 'The companion is not reachable: is it running?' })).toBe(
      'Der Companion antwortet nicht. Läuft er noch? Nichts von dem, was Sie entschieden haben, geht verloren.',
    );
    expect(errorText(de, { code: 'DECISION_FAILED', message: 'SMTP 550 mailbox unavailable' })).toMatch(
      /^Ihre Entscheidung konnte nicht ausgeführt werden; .* \(SMTP 550 mailbox unavailable\)$/,
    );
    const en = makeWords('en', undefined, ['en-GB']);
    expect(errorText(en, { code: 'INTERNAL', message: 'Something went wrong inside the companion.' })).toBe(
      'Something went wrong inside the companion.',
    );
    // A code this version does not know: the host's sentence as it came.
    expect(errorText(en, { code: 'SOMETHING_NEW', message: 'A new kind of failure.' })).toBe('A new kind of failure.');
  });

  it('a refused decision keeps its card and says why in German', async () => {
    const { api } = renderWithApi(
      <I18nProvider initial="de">
        <DecisionsScreen focusRequest={null} />
      </I18nProvider>,
      { decisions: [invitation] },
    );
    api.override('decide', async () => ({
      ok: false,
      error: { code: 'HOST_UNREACHABLE', message: 'The companion is not reachable.' },
    }));
    const heading = await screen.findByRole('heading', { name: 'Quarterly planning', level: 2 });
    const card = heading.closest('article') as HTMLElement;
    fireEvent.click(within(card).getByRole('button', { name: 'Zusagen' }));
    expect((await within(card).findByRole('alert')).textContent).toMatch(/Der Companion antwortet nicht/);
    expect(screen.getByRole('heading', { name: 'Quarterly planning', level: 2 })).toBeTruthy();
  });
});
