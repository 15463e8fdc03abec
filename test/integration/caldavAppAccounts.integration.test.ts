/**
 * The account form's "Find calendars" against real servers (Radicale with a password, Xandikos without one): the
 * calendars with name, colour and whether they can take invitations, a bare domain found through its SRV record
 * (RFC 6764 §3, a resolver table pointing at loopback), and a refused password worded with its fix.
 */
import { describe, expect, it } from 'vitest';
import { english } from '../../shared/i18n/index.js';
import { probeCalendars } from '../../electron/app/calendarAccounts.js';
import type { DavResolver } from '../../electron/caldav/davDiscovery.js';
import { RADICALE_PORT, XANDIKOS, davUp, makeCalendar, newRadicaleUser } from './caldavHelpers.js';

const input = (url: string, user: string) => ({ url, user, samePassword: false, password: '' });

describe.skipIf(!davUp)('finding the calendars of an account in the app', () => {
  it('lists a Radicale user’s calendars for events (not a tasks-only one), with the first writable as default', async () => {
    const u = newRadicaleUser();
    const work = await makeCalendar(u, 'work', 'Work');
    await makeCalendar(u, 'tasks', 'Tasks', ['VTODO']);
    const r = await probeCalendars(input(`http://127.0.0.1:${RADICALE_PORT}/`, u.name), u.password, { resolver: null });
    expect(r).toMatchObject({ ok: true, code: null, defaultHref: work });
    expect(r.calendars).toEqual([{ name: 'Work', href: work, color: '#3366ccff', writable: true }]);
  });

  it('finds the server of a bare domain through its SRV record (plain http only to loopback)', async () => {
    const u = newRadicaleUser();
    const home = await makeCalendar(u, 'home', 'Home');
    const resolver: DavResolver = {
      resolveSrv: async (name) => {
        if (name === '_caldav._tcp.example.test')
          return [{ name: '127.0.0.1', port: RADICALE_PORT, priority: 0, weight: 0 }];
        throw Object.assign(new Error('no record'), { code: 'ENOTFOUND' });
      },
      resolveTxt: async () => [['path=/']],
    };
    const r = await probeCalendars(input('example.test', u.name), u.password, { resolver });
    expect(r.ok).toBe(true);
    expect(r.calendars.map((c) => c.href)).toEqual([home]);
  });

  it('words a refused password with its fix', async () => {
    const u = newRadicaleUser();
    const r = await probeCalendars(input(`http://127.0.0.1:${RADICALE_PORT}/`, u.name), 'wrong', { resolver: null });
    expect(r).toMatchObject({ ok: false, code: 'DAV_AUTH', calendars: [] });
    expect(english.render(r.problem ?? { key: 'common.text' })).toMatch(/refused the user name or password\. Fix:/);
  });

  it('lists Xandikos’ default calendar', async () => {
    const r = await probeCalendars(input(XANDIKOS, 'user'), '', { resolver: null });
    expect(r.ok).toBe(true);
    expect(r.calendars.length).toBeGreaterThan(0);
    expect(r.calendars.every((c) => c.writable)).toBe(true);
  });
});
