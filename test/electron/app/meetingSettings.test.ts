/**
 * The meeting settings through the validated boundary, as the renderer saves them: the default reminder, reply
 * tokens and the iMIP address patterns go into the data dir's config.json, where the CLI and the agent read them
 * (`reminderMinutesOf`, `organizeContextOf`); a value that cannot be used is refused with a code and the catalogue's
 * wording of what is wrong, and config.json is left as it was. A meeting created afterwards follows all three.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ME, openTestApp, type TestApp } from './appFixtures.js';
import type { IpcResult } from '../../../shared/ipc/contract.js';
import { DataDir } from '../../../electron/store/dataDir.js';
import { reminderMinutesOf } from '../../../electron/settings/schedulingSettings.js';
import { organizeContextOf } from '../../../electron/settings/organizeSettings.js';
import { createTranslator } from '../../../shared/i18n/index.js';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(() => app.cleanup());

function value<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const onDisk = (): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(app.data.root, 'config.json'), 'utf8')) as Record<string, unknown>;

describe('meeting settings in the app', () => {
  it('start at their defaults', async () => {
    expect(value(await app.api.getSettings())).toMatchObject({
      defaultReminderMinutes: null,
      replyTokens: false,
      imipAddressPatterns: [],
      sources: { defaultReminderMinutes: 'default', replyTokens: 'default', imipAddressPatterns: 'default' },
    });
  });

  it('are saved into config.json, where the CLI and the agent read the same values', async () => {
    const view = value(
      await app.api.updateSettings({
        defaultReminderMinutes: 30,
        replyTokens: true,
        imipAddressPatterns: ['*@example.com', ' partner.example.net '],
      }),
    );
    expect(view).toMatchObject({
      defaultReminderMinutes: 30,
      replyTokens: true,
      imipAddressPatterns: ['*@example.com', 'partner.example.net'],
      sources: { defaultReminderMinutes: 'data-dir', replyTokens: 'data-dir', imipAddressPatterns: 'data-dir' },
    });
    expect(onDisk()).toMatchObject({
      defaultReminderMinutes: 30,
      replyTokens: true,
      imipAddressPatterns: ['*@example.com', 'partner.example.net'],
    });
    // The running orchestrator at once, and a process opening the data dir afterwards (a CLI command).
    expect(app.orchestrator.context()).toMatchObject({
      defaultReminderMinutes: 30,
      imipAddressPatterns: ['*@example.com', 'partner.example.net'],
    });
    const cli = await DataDir.open(app.data.root, { fsync: false });
    expect(reminderMinutesOf(cli.config())).toBe(30);
    expect(organizeContextOf(cli).imipAddressPatterns).toEqual(['*@example.com', 'partner.example.net']);

    // None is saved as the person's choice.
    const none = value(await app.api.updateSettings({ defaultReminderMinutes: null }));
    expect(none).toMatchObject({ defaultReminderMinutes: null, sources: { defaultReminderMinutes: 'data-dir' } });
    expect(reminderMinutesOf(app.data.config())).toBeNull();
  });

  it('a meeting created afterwards: my copy rings, the REQUESTs carry no alarm, a token, only matched attendees mailed', async () => {
    value(
      await app.api.updateSettings({
        defaultReminderMinutes: 15,
        replyTokens: true,
        imipAddressPatterns: ['*@example.com'],
      }),
    );
    const created = value(
      await app.api.createEvent({
        summary: 'Design review',
        start: '2026-03-20T10:00',
        end: '2026-03-20T11:00',
        tz: 'Europe/Berlin',
        allDay: false,
        attendees: [{ address: 'bob@example.com' }, { address: 'room-2@rooms.example.org' }],
      }),
    );
    expect(created).toMatchObject({ outcome: 'applied' });
    expect([...created.sentTo]).toEqual(['bob@example.com']);
    const stored = app.data.calendar.getText(created.uid) ?? '';
    expect(stored).toMatch(/BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M/);
    const [local, domain] = ME.split('@');
    expect(stored.replace(/\r\n /g, '')).toMatch(new RegExp(`ORGANIZER[^\\r]*:mailto:${local}\\+[a-z0-9]+@${domain}`));
    expect(typeof onDisk()['replyTokenSecret']).toBe('string');
    const mails = app.outbox();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain('METHOD:REQUEST');
    expect(mails[0]).not.toMatch(/VALARM/);
    expect(value(await app.api.listAlarms({ from: '2026-03-20T00:00:00Z', to: '2026-03-21T00:00:00Z' }))).toEqual([
      expect.objectContaining({ summary: 'Design review', fireAt: '2026-03-20T08:45:00.000Z', action: 'DISPLAY' }),
    ]);
  });

  it('refuses a pattern that cannot be used with a code and what is wrong, and saves nothing', async () => {
    value(await app.api.updateSettings({ imipAddressPatterns: ['partner.example.net'] }));
    const en = createTranslator('en');
    const cases: [string[], string][] = [
      [
        ['partner.example.net', 'a.org, b.org'],
        '"a.org, b.org" contains a space or a comma: enter one pattern at a time.',
      ],
      [
        ['/(unclosed/'],
        '"/(unclosed/" is not a regular expression that can be read: check its brackets and backslashes.',
      ],
      [['x@y@example.com'], '"x@y@example.com" has more than one @: a pattern is one address, like *@example.com.'],
      [[''], 'A pattern cannot be empty.'],
      [['a.org', 'A.org '], '"A.org" is already in the list.'],
      [Array.from({ length: 101 }, (_, i) => `d${i}.org`), 'There can be at most 100 patterns.'],
    ];
    for (const [patterns, words] of cases) {
      const r = await app.api.updateSettings({ imipAddressPatterns: patterns });
      expect(r.ok, JSON.stringify(patterns)).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('INVALID_ARGUMENT');
      expect(r.error.reason && en.render(r.error.reason)).toBe(words);
    }
    expect(onDisk()['imipAddressPatterns']).toEqual(['partner.example.net']);
  });

  it('refuses a reminder outside at the start to a week before', async () => {
    for (const minutes of [-5, 10081, 2.5]) {
      const r = await app.api.updateSettings({ defaultReminderMinutes: minutes });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    expect(value(await app.api.updateSettings({ defaultReminderMinutes: 10080 })).defaultReminderMinutes).toBe(10080);
  });
});
