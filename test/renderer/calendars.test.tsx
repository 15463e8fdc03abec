// @vitest-environment jsdom
/**
 * The calendar-server parts of the renderer: the form's draft rules (what is missing, what is sent), the picker
 * with read-only calendars disabled, the Settings section choosing a calendar, the sync line in the status bar
 * (offline with changes waiting, a refused password with its fix, in German too) and an event's calendar.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CalendarChoiceView, CalendarSyncView, MailAccountView } from '../../shared/ipc/contract.js';
import { createTranslator } from '../../shared/i18n/index.js';
import {
  calDavDraftFromAccount,
  calDavDraftFromDiscovery,
  calDavInputOf,
  calDavProblems,
  withChange,
} from '../../renderer/src/calendars/calDavDraft';
import { CalendarPicker } from '../../renderer/src/calendars/CalendarPicker';
import { CalendarsSection } from '../../renderer/src/calendars/CalendarsSection';
import { EventCalendar } from '../../renderer/src/calendars/EventCalendar';
import { StatusBar } from '../../renderer/src/components/StatusBar';
import { I18nProvider } from '../../renderer/src/lib/i18n';
import { renderWithApi, teardown } from './helpers';

afterEach(() => {
  cleanup();
  teardown();
});

const w = createTranslator('en');
const DAV = 'https://dav.example.com/';

describe('the calendar server draft', () => {
  it('starts from discovery or the domain, and sends the mail password only when shared', () => {
    const found = calDavDraftFromDiscovery('me@example.com', 'me', {
      address: 'me@example.com',
      found: true,
      protocol: 'imap',
      incoming: null,
      smtp: null,
      oauthProvider: null,
      sources: [],
      guessed: false,
      caldavUrl: `${DAV}dav/`,
    });
    expect(found).toMatchObject({ enabled: false, url: `${DAV}dav/`, user: 'me', samePassword: true });
    expect(calDavDraftFromDiscovery('me@example.com', '', null).url).toBe('example.com');
    const on = { ...found, enabled: true };
    expect(calDavInputOf(on, 'password')).toEqual({ url: `${DAV}dav/`, user: 'me', samePassword: true, password: '' });
    // An OAuth account has no mail password to share: its own is sent.
    expect(calDavInputOf({ ...on, password: 'cal' }, 'oauth2')).toMatchObject({ samePassword: false, password: 'cal' });
    expect(calDavInputOf(found, 'password')).toBeNull();
  });

  it('says what is missing, and accepts a kept password only for the stored server', () => {
    const mail = { method: 'password' as const, password: '' };
    const d = {
      ...calDavDraftFromDiscovery('me@example.com', 'me', null),
      enabled: true,
      url: '',
      samePassword: false,
    };
    const p = calDavProblems(w, d, mail, false);
    expect([...p.invalid]).toEqual(['calUrl', 'calPassword']);
    const account = {
      id: 'me',
      me: ['me@example.com'],
      incoming: { host: 'imap.example.com', port: 993, security: 'tls', user: 'me' },
      auth: 'password',
      caldav: { url: DAV, user: 'me', samePassword: false },
    } as unknown as MailAccountView;
    const kept = calDavDraftFromAccount(account);
    expect(calDavProblems(w, kept, mail, true).problems).toEqual([]);
    const moved = withChange(kept, { url: 'https://other.example/' });
    expect(calDavProblems(w, moved, mail, true).problems).toEqual(['Type the calendar password.']);
  });

  it('sends only a calendar the person picked among those found', () => {
    const d = { ...calDavDraftFromDiscovery('me@example.com', 'me', null), enabled: true, password: 'x' };
    const probe = { ok: true, code: null, problem: null, calendars: [], defaultHref: `${DAV}a/` };
    expect(calDavInputOf({ ...d, probe }, 'oauth2')).not.toHaveProperty('calendar');
    expect(calDavInputOf({ ...d, probe, calendar: `${DAV}b/` }, 'oauth2')).toMatchObject({ calendar: `${DAV}b/` });
    expect(withChange({ ...d, probe, calendar: `${DAV}b/` }, { password: 'y' })).toMatchObject({
      probe: null,
      calendar: null,
    });
  });
});

const calendars: CalendarChoiceView[] = [
  {
    account: `me@${DAV}`,
    name: 'Work',
    href: `${DAV}work/`,
    color: '#3366cc',
    writable: true,
    target: true,
    chosen: false,
  },
  {
    account: `me@${DAV}`,
    name: 'Holidays',
    href: `${DAV}hol/`,
    color: 'red;x:y',
    writable: false,
    target: false,
    chosen: false,
  },
  {
    account: `me@${DAV}`,
    name: 'Home',
    href: `${DAV}home/`,
    color: null,
    writable: true,
    target: false,
    chosen: false,
  },
];

describe('choosing a calendar', () => {
  it('shows read-only calendars disabled, and draws only real colours', () => {
    const picked: string[] = [];
    render(
      <I18nProvider initial="en">
        <CalendarPicker
          calendars={calendars}
          selected={`${DAV}work/`}
          defaultHref={`${DAV}work/`}
          legend="New invitations go to"
          onSelect={(h) => picked.push(h)}
        />
      </I18nProvider>,
    );
    const group = screen.getByRole('group', { name: 'New invitations go to' });
    expect((screen.getByRole('radio', { name: /Holidays/ }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByRole('radio', { name: /Holidays/ }).closest('label')?.textContent).toContain('read-only');
    expect((screen.getByRole('radio', { name: /Work/ }) as HTMLInputElement).checked).toBe(true);
    const swatches = [...group.querySelectorAll<HTMLElement>('.colour-swatch')].map((s) => s.style.background);
    expect(swatches[0]).not.toBe('');
    expect(swatches.slice(1)).toEqual(['', '']);
    fireEvent.click(screen.getByRole('radio', { name: /Home/ }));
    expect(picked).toEqual([`${DAV}home/`]);
  });

  it('saves the choice in Settings and says where new invitations go', async () => {
    const { api } = renderWithApi(
      <I18nProvider initial="en">
        <CalendarsSection />
      </I18nProvider>,
    );
    api.override('listCalendars', async () => ({ ok: true, value: calendars }));
    api.override('chooseCalendar', async ({ href }) => ({
      ok: true,
      value: calendars.map((c) => ({ ...c, target: c.href === href, chosen: c.href === href })),
    }));
    api.emit('calendarSyncChanged', { accounts: [] });
    fireEvent.click(await screen.findByRole('radio', { name: /Home/ }));
    await screen.findByText('New invitations now go to “Home”.');
    expect(api.argsOf('chooseCalendar')).toEqual([{ account: `me@${DAV}`, href: `${DAV}home/` }]);
    expect((screen.getByRole('radio', { name: /Home/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Use the server’s default' }));
    await screen.findByText('New invitations go to the server’s default calendar.');
  });

  it('says so when there is no calendar server', async () => {
    renderWithApi(
      <I18nProvider initial="en">
        <CalendarsSection />
      </I18nProvider>,
    );
    await screen.findByText('No calendar server is set up: the calendar is kept on this computer.');
  });
});

const sync = (extra: Partial<CalendarSyncView>): CalendarSyncView => ({
  account: `me@${DAV}`,
  server: 'dav.example.com',
  user: 'me',
  state: 'ok',
  lastSync: '2026-03-01T08:00:00Z',
  queued: 0,
  problem: null,
  ...extra,
});

describe('the sync state in the status bar', () => {
  const connection = { state: 'connected' as const, message: 'Watching', since: '2026-03-01T08:00:00Z' };

  it('says offline with the changes waiting, and a refused password with its fix', () => {
    const { container } = render(
      <I18nProvider initial="en">
        <StatusBar
          connection={connection}
          calendars={[sync({ state: 'offline', queued: 3, problem: { key: 'calendars.error.DAV_UNREACHABLE' } })]}
        />
      </I18nProvider>,
    );
    expect(container.querySelector('.calendar-sync')?.textContent).toMatch(
      /^◐ Calendar on dav\.example\.com: offline, 3 changes waiting \(last synced .+\)$/,
    );
    cleanup();
    const german = render(
      <I18nProvider initial="de">
        <StatusBar
          connection={connection}
          calendars={[
            sync({ state: 'error', problem: { key: 'calendars.error.DAV_AUTH', params: { detail: '401' } } }),
          ]}
        />
      </I18nProvider>,
    );
    expect(german.container.querySelector('.calendar-sync')?.textContent).toMatch(
      /Kalender auf dav\.example\.com: Der Server lehnt Benutzername oder Passwort ab\. Abhilfe:/,
    );
  });

  it('says nothing of calendars without a calendar server', () => {
    const { container } = render(
      <I18nProvider initial="en">
        <StatusBar connection={connection} />
      </I18nProvider>,
    );
    expect(container.querySelector('.calendar-sync')).toBeNull();
  });
});

describe('an event’s calendar', () => {
  it('names the server calendar, or this computer', () => {
    const { container, rerender } = render(
      <I18nProvider initial="en">
        <EventCalendar calendar={{ account: 'a', href: `${DAV}work/`, name: 'Work', color: '#3366cc' }} />
      </I18nProvider>,
    );
    expect(container.textContent).toBe('Calendar Work');
    rerender(
      <I18nProvider initial="en">
        <EventCalendar calendar={null} />
      </I18nProvider>,
    );
    expect(container.textContent).toBe('CalendarOn this computer only');
  });
});
