/**
 * The Electron-independent parts of the desktop shell: sealed passwords, the settings file's schema and migration
 * (with `conf`, electron-store's base, which runs under plain Node), which decisions to notify about, the tray
 * icon, and serving the renderer (paths that leave the folder, the CSP in index.html).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { EncryptedSecretStore, type Cipher } from '../../../electron/settings/secretStore.js';
import { SETTINGS_DEFAULTS, SETTINGS_MIGRATIONS, SETTINGS_SCHEMA, type AppSettings } from '../../../electron/settings/desktopSettingsSchema.js';
import { DecisionNotifier, notificationText, trayTooltip } from '../../../electron/shell/newDecisions.js';
import { trayIconPng } from '../../../electron/shell/trayIcon.js';
import { CONTENT_SECURITY_POLICY, prepareIndexHtml, resolveRendererFile } from '../../../electron/shell/rendererFiles.js';
import type { PendingDecision } from '../../../shared/model/decisions.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-desk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Reversible but not plain: enough to see that only sealed bytes are stored. */
function fakeCipher(available = true): Cipher {
  return {
    availability: () => (available ? { ok: true } : { ok: false, message: 'no keyring' }),
    encrypt: (s) => Buffer.from(`sealed:${Buffer.from(s).reverse().toString('hex')}`),
    decrypt: (b) => {
      const t = Buffer.from(b).toString();
      if (!t.startsWith('sealed:')) throw new Error('bad');
      return Buffer.from(t.slice(7), 'hex').reverse().toString();
    },
  };
}

describe('EncryptedSecretStore', () => {
  it('stores only sealed bytes and gives the password back', () => {
    const kept = new Map<string, string>();
    const store = new EncryptedSecretStore(fakeCipher(), { get: (n) => kept.get(n) ?? null, set: (n, v) => void kept.set(n, v) });
    store.set('imap', 'correct horse');
    expect([...kept.values()].join()).not.toContain('correct horse');
    expect(store.has('imap')).toBe(true);
    expect(store.get('imap')).toBe('correct horse');
    kept.set('smtp', Buffer.from('garbage').toString('base64'));
    expect(store.get('smtp')).toBeNull(); // undecryptable (keychain reset): asked again, not a crash
  });

  it('refuses to store when the keychain cannot encrypt', () => {
    const store = new EncryptedSecretStore(fakeCipher(false), { get: () => null, set: () => undefined });
    expect(store.availability()).toEqual({ ok: false, message: 'no keyring' });
    expect(() => store.set('imap', 'x')).toThrow(/no keyring/);
  });
});

describe('settings file (conf with the app schema)', () => {
  const open = (version: string): Conf<AppSettings> =>
    new Conf<AppSettings>({ cwd: dir, configName: 'settings', projectVersion: version, schema: SETTINGS_SCHEMA, defaults: SETTINGS_DEFAULTS, migrations: SETTINGS_MIGRATIONS });

  it('starts from the defaults and validates writes', () => {
    const store = open('0.2.0');
    expect(store.get('account')).toBeNull();
    expect(store.get('window')).toEqual({ width: 1100, height: 760 });
    expect(() => store.set('account', { imap: { host: '', port: 0, security: 'tls', user: 'x' }, smtp: { host: 'h', port: 25, security: 'none', user: 'x' } })).toThrow(/schema/i);
  });

  it('migrates 0.1.x `secure` flags to `security`', () => {
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({
      __internal__: { migrations: { version: '0.1.0' } },
      account: { imap: { host: 'imap.example.com', port: 993, secure: true, user: 'me' }, smtp: { host: 'smtp.example.com', port: 587, secure: false, user: 'me' } },
    }));
    const store = open('0.2.0');
    expect(store.get('account')).toEqual({
      imap: { host: 'imap.example.com', port: 993, security: 'tls', user: 'me' },
      smtp: { host: 'smtp.example.com', port: 587, security: 'starttls', user: 'me' },
    });
  });
});

describe('notifications and tray', () => {
  const decision = (id: string, extra: Partial<PendingDecision> = {}): PendingDecision => ({
    id, kind: 'invitation', uid: `u-${id}`, recurrenceId: null, summary: `Meeting ${id}`, choices: ['accept'], reason: 'Olga invites you.', warnings: [],
    createdAt: '2026-03-01T12:00:00Z', from: null, identity: null, proposed: null, current: null, message: { ics: '', envelope: {} as PendingDecision['message']['envelope'] }, attendee: null, comment: null, ...extra,
  });

  it('notifies once per new decision, not for those open at start', () => {
    const n = new DecisionNotifier([decision('a')]);
    expect(n.next([decision('a'), decision('b')]).map((d) => d.id)).toEqual(['b']);
    expect(n.next([decision('a'), decision('b')])).toEqual([]);
    expect(n.next([decision('c')]).map((d) => d.id)).toEqual(['c']);
    expect(notificationText(decision('x', { kind: 'party-crasher', warnings: ['Sender not verified'] }))).toEqual({ title: 'Uninvited attendee: Meeting x', body: 'Olga invites you. ⚠ Sender not verified' });
    expect([trayTooltip(0), trayTooltip(1), trayTooltip(3)]).toEqual(['iMIP Companion: nothing to decide', 'iMIP Companion: 1 open decision', 'iMIP Companion: 3 open decisions']);
  });

  it('draws a valid PNG, different with the badge', () => {
    const plain = trayIconPng(32, false);
    const badge = trayIconPng(32, true);
    expect(plain.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(plain.readUInt32BE(16)).toBe(32);
    expect(plain.equals(badge)).toBe(false);
  });
});

describe('renderer files', () => {
  it('never resolves a path outside the renderer folder', () => {
    const root = path.join(dir, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(dir, 'secret.txt'), 'no');
    symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
    expect(resolveRendererFile(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/link.txt', '/a%00b', '/..\\secret.txt', '/%E0%A4%A']) {
      expect(resolveRendererFile(root, p), p).toBeNull();
    }
  });

  it('puts the CSP meta tag and the bridge script first in <head>', () => {
    const html = prepareIndexHtml('<!doctype html><html><head><title>x</title><script type="module" src="./assets/a.js"></script></head><body></body></html>', ['/companion-bridge.js']);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('companion-bridge.js'));
    expect(html.indexOf('companion-bridge.js')).toBeLessThan(html.indexOf('./assets/a.js'));
    expect(html).not.toContain('frame-ancestors');
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self';/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe/);
  });
});
