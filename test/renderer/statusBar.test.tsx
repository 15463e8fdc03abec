// @vitest-environment jsdom
/** The status bar words the connection in the person's language, offline included; a bare sentence as it came. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusBar } from '../../renderer/src/components/StatusBar';
import { I18nProvider } from '../../renderer/src/lib/i18n';

afterEach(cleanup);

const since = '2026-03-01T08:00:00Z';

describe('status bar', () => {
  it('says in German that no account is connected, and what happens while the server cannot be reached', () => {
    const { rerender } = render(
      <I18nProvider initial="de">
        <StatusBar
          connection={{
            state: 'not-configured',
            message: 'No mail account is connected; decisions and the calendar work from the data folder.',
            details: [{ key: 'ui.connection.notConfigured', params: {} }],
            since,
          }}
        />
      </I18nProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe(
      '○ Nicht eingerichtet · Kein E-Mail-Konto verbunden; Entscheidungen und Kalender arbeiten mit dem Datenordner.',
    );
    rerender(
      <I18nProvider initial="de">
        <StatusBar
          connection={{
            state: 'offline',
            message: 'Cannot reach imap.example.com: ECONNREFUSED (retrying)',
            details: [
              { key: 'ui.connection.unreachable', params: { host: 'imap.example.com', error: 'ECONNREFUSED' } },
            ],
            since,
          }}
        />
      </I18nProvider>,
    );
    expect(screen.getByRole('status').textContent).toMatch(
      /imap\.example\.com ist nicht erreichbar: ECONNREFUSED\. Neuer Versuch läuft; Ihre Antworten warten/,
    );
  });

  it('counts replies waiting with the plural of the language, and shows a host sentence without details as it is', () => {
    const { rerender } = render(
      <I18nProvider initial="en">
        <StatusBar
          connection={{
            state: 'connected',
            message: 'Watching me@imap.example.com; 2 messages waiting to be sent',
            details: [{ key: 'ui.connection.watching', params: { account: 'me@imap.example.com', queued: 1 } }],
            since,
          }}
        />
      </I18nProvider>,
    );
    expect(screen.getByRole('status').textContent).toContain(
      'Watching me@imap.example.com; 1 reply waiting to be sent',
    );
    rerender(
      <I18nProvider initial="en">
        <StatusBar connection={{ state: 'connected', message: 'Watching INBOX at imap.example.com', since }} />
      </I18nProvider>,
    );
    expect(screen.getByRole('status').textContent).toContain('Watching INBOX at imap.example.com');
  });
});
