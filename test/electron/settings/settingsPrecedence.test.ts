/**
 * One precedence for the scheduling settings: the configuration file, then the data dir's config.json, then the
 * defaults. A value written in the configuration file wins after a restart (and the start log says what it
 * replaced); a change made in Settings applies at once and lasts until then; every value says where it comes from.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCompanion, type Companion } from '../../../electron/companion/openCompanion.js';
import { loadAgentConfig } from '../../../electron/settings/agentConfig.js';
import { enveloped } from '../../../electron/app/serveMainApi.js';
import { personLocaleOf } from '../../../electron/settings/language.js';

let dir: string;
const open: Companion[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(file: Record<string, unknown> | null, log: string[] = []): Promise<Companion> {
  const dataDir = path.join(dir, 'data');
  let config = null;
  if (file) {
    const server = { host: 'imap.example.com', port: 993, secure: true, user: 'me', password: 'pw' };
    writeFileSync(
      path.join(dir, 'agent.json'),
      JSON.stringify({ imap: server, smtp: server, me: ['me@example.com'], dataDir: 'data', ...file }),
    );
    config = await loadAgentConfig(path.join(dir, 'agent.json'));
  }
  const companion = await openCompanion({ dataDir, config, runAgent: false, fsync: false, log: (l) => log.push(l) });
  open.push(companion);
  return companion;
}

describe('settings precedence', () => {
  it("the configuration file's language is the language of the mail the agent sends", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-settings-'));
    const companion = await start({ language: 'de' });
    expect(await enveloped(companion.service).getSettings()).toMatchObject({
      ok: true,
      value: { language: 'de', sources: { language: 'config-file' }, setByConfigFile: ['language', 'me'] },
    });
    expect(personLocaleOf(companion.store.current.config(), {})).toBe('de');
  });

  it('Settings → Meetings from the configuration file: default reminder, reply tokens, iMIP address patterns', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-settings-'));
    const meetings = {
      defaultReminderMinutes: 15,
      replyTokens: true,
      imipAddressPatterns: ['*@rooms.example.com'],
      displayName: 'Me Myself',
    };
    const first = await start(meetings);
    const api = enveloped(first.service);
    expect(await api.getSettings()).toMatchObject({
      ok: true,
      value: {
        ...meetings,
        sources: {
          defaultReminderMinutes: 'config-file',
          replyTokens: 'config-file',
          imipAddressPatterns: 'config-file',
          displayName: 'config-file',
        },
        setByConfigFile: ['me', 'defaultReminderMinutes', 'replyTokens', 'imipAddressPatterns', 'displayName'],
      },
    });
    // Changed in Settings, then the next start applies the file again and says what it replaced.
    expect(
      await api.updateSettings({
        defaultReminderMinutes: null,
        imipAddressPatterns: ['*@other.example.com'],
        displayName: 'Someone Else',
      }),
    ).toMatchObject({
      ok: true,
      value: { defaultReminderMinutes: null, sources: { defaultReminderMinutes: 'data-dir' } },
    });
    await first.close();
    const log: string[] = [];
    const second = await start(meetings, log);
    expect(await second.service.getSettings()).toMatchObject({
      ...meetings,
      sources: { imipAddressPatterns: 'config-file' },
    });
    expect(log).toEqual([
      expect.stringMatching(/defaultReminderMinutes "15" from the configuration file replaces "none"/),
      expect.stringMatching(
        /imipAddressPatterns "\*@rooms\.example\.com" from the configuration file replaces "\*@other\.example\.com"/,
      ),
      expect.stringMatching(/displayName "Me Myself" from the configuration file replaces "Someone Else"/),
    ]);
    // A name of more than one line is refused with the file.
    await expect(start({ displayName: 'Me\nMyself' })).rejects.toThrow(/displayName/);
    // A pattern that cannot be used is refused with the file, as Settings refuses it.
    await expect(start({ imipAddressPatterns: ['a@b@example.com'] })).rejects.toThrow(/imipAddressPatterns/);
  });

  it('a name per address from the configuration file or Settings: the From of mail from it, the CN of meetings as it', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-settings-'));
    const names = { displayName: 'Me Myself', addressNames: { 'MAILTO:Work@Example.com': 'Dr. Me' } };
    const first = await start({ ...names, me: ['me@example.com', 'work@example.com'] });
    const api = enveloped(first.service);
    expect(await api.getSettings()).toMatchObject({
      ok: true,
      value: {
        displayName: 'Me Myself',
        addressNames: { 'work@example.com': 'Dr. Me' },
        sources: { addressNames: 'config-file' },
        setByConfigFile: expect.arrayContaining(['addressNames']),
      },
    });
    // Settings: names are checked like my name, an empty one is dropped, addresses are compared without case.
    expect(await api.updateSettings({ addressNames: { 'work@example.com': 'Me\nAgain' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(
      await api.updateSettings({ addressNames: { 'Work@Example.com': 'Dr. M. Myself', 'me@example.com': ' ' } }),
    ).toMatchObject({
      ok: true,
      value: { addressNames: { 'work@example.com': 'Dr. M. Myself' }, sources: { addressNames: 'data-dir' } },
    });
    const cfg = first.store.current.config();
    const { outboxOptionsOf } = await import('../../../electron/scheduling/outbox.js');
    const { nameFor } = outboxOptionsOf(cfg);
    expect(nameFor?.('WORK@example.com')).toBe('Dr. M. Myself');
    expect(nameFor?.('me@example.com')).toBe('Me Myself');
    await first.close();
    const log: string[] = [];
    const second = await start({ ...names, me: ['me@example.com', 'work@example.com'] }, log);
    expect(await second.service.getSettings()).toMatchObject({ addressNames: { 'work@example.com': 'Dr. Me' } });
    expect(log).toContainEqual(
      expect.stringMatching(
        /addressNames "work@example\.com: Dr\. Me" from the configuration file replaces "work@example\.com: Dr\. M\. Myself"/,
      ),
    );
    await expect(start({ addressNames: { 'not an address': 'X' } })).rejects.toThrow(/addressNames/);
  });

  it('the configuration file wins at a start over what Settings saved, and says so', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-settings-'));
    const first = await start({ policy: 'known', timeframe: '2W' });
    const api = enveloped(first.service);
    expect(await api.getSettings()).toMatchObject({
      ok: true,
      value: {
        policy: 'known',
        timeframe: '2W',
        sources: { policy: 'config-file', timeframe: 'config-file', me: 'config-file', notifications: 'default' },
        setByConfigFile: ['policy', 'timeframe', 'me'],
      },
    });

    // Changed in Settings: applies now, and the view says the file's value comes back at the next start.
    expect(await api.updateSettings({ policy: 'never', notifications: false })).toMatchObject({
      ok: true,
      value: { policy: 'never', sources: { policy: 'data-dir', timeframe: 'config-file', notifications: 'data-dir' } },
    });
    await first.close();

    const log: string[] = [];
    const second = await start({ policy: 'known', timeframe: '2W' }, log);
    expect(await second.service.getSettings()).toMatchObject({
      policy: 'known',
      notifications: false,
      sources: { policy: 'config-file', notifications: 'data-dir' },
    });
    expect(log).toEqual([
      expect.stringMatching(/policy "known" from the configuration file replaces "never" saved in .*config\.json/),
    ]);
    expect(JSON.parse(readFileSync(path.join(dir, 'data', 'config.json'), 'utf8'))).toMatchObject({
      policy: 'known',
      me: ['me@example.com'],
    });
  });

  it('a key the file leaves out keeps the data dir value, else the default', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'imip-settings-'));
    const first = await start(null);
    expect(await first.service.getSettings()).toMatchObject({
      policy: 'known',
      timeframe: '4W',
      sources: { policy: 'default', timeframe: 'default', me: 'default' },
      setByConfigFile: [],
    });
    await first.service.updateSettings({ policy: 'always' });
    await first.close();
    const second = await start({});
    expect(await second.service.getSettings()).toMatchObject({
      policy: 'always',
      timeframe: '4W',
      sources: { policy: 'data-dir', timeframe: 'default', me: 'config-file' },
      setByConfigFile: ['me'],
    });
  });
});
