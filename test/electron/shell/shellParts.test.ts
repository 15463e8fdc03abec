/**
 * The shells' Electron-independent helpers: which decisions to notify about, the tray icon, and serving the
 * renderer (paths that leave the folder, the CSP and the bridge module in index.html).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DecisionNotifier, notificationText, trayWords } from '../../../electron/shell/newDecisions.js';
import { personWordsOf } from '../../../electron/settings/language.js';
import { createTranslator } from '../../../shared/i18n/index.js';
import { trayIconPng } from '../../../electron/shell/trayIcon.js';
import {
  CONTENT_SECURITY_POLICY,
  prepareIndexHtml,
  resolveRendererFile,
} from '../../../electron/shell/rendererFiles.js';
import type { PendingDecision } from '../../../shared/model/decisions.js';
import { textMessage } from '../../../shared/model/storedMessage.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-desk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('notifications and tray', () => {
  const decision = (id: string, extra: Partial<PendingDecision> = {}): PendingDecision => ({
    id,
    kind: 'invitation',
    uid: `u-${id}`,
    recurrenceId: null,
    summary: `Meeting ${id}`,
    choices: ['accept'],
    reason: textMessage('Olga invites you.'),
    warnings: [],
    createdAt: '2026-03-01T12:00:00Z',
    from: null,
    identity: null,
    proposed: null,
    current: null,
    message: { ics: '', envelope: {} as PendingDecision['message']['envelope'] },
    attendee: null,
    comment: null,
    ...extra,
  });

  it('notifies once per new decision, not for those open at start', () => {
    const n = new DecisionNotifier([decision('a')]);
    expect(n.next([decision('a'), decision('b')]).map((d) => d.id)).toEqual(['b']);
    expect(n.next([decision('a'), decision('b')])).toEqual([]);
    expect(n.next([decision('c')]).map((d) => d.id)).toEqual(['c']);
  });

  it("words notifications and the tray in the person's language: the app's setting, else the system's", () => {
    const en = createTranslator('en');
    const de = createTranslator('de');
    const crasher = decision('x', { kind: 'party-crasher', warnings: ['Sender not verified'].map(textMessage) });
    expect(notificationText(crasher, en)).toEqual({
      title: 'Answer from someone not invited: Meeting x',
      body: 'Olga invites you. ⚠ Sender not verified',
    });
    const reasoned = decision('y', {
      reason: { key: 'reason.heldBack', params: { action: 'addInvitation', held: 'never', summary: 'Plan' } },
    });
    expect(notificationText(reasoned, de).title).toBe('Einladung: Meeting y');
    expect(notificationText(reasoned, de).body).toBe(de.render(reasoned.reason));
    expect(notificationText(reasoned, de).body).not.toBe(en.render(reasoned.reason));
    expect([0, 1, 3].map((n) => trayWords(n, en).tooltip)).toEqual([
      'iMIP Companion: nothing to decide',
      'iMIP Companion: 1 open decision',
      'iMIP Companion: 3 open decisions',
    ]);
    expect(trayWords(2, de)).toEqual({
      tooltip: 'iMIP Companion: 2 offene Entscheidungen',
      status: '2 offene Entscheidungen',
      open: 'iMIP Companion öffnen',
      quit: 'Beenden',
    });
    expect(trayWords(1, en).status).toBe('1 open decision');
    // The translator the shell takes for them: the setting wins over the system; "system" follows it.
    const germanSystem = { LANG: 'de_DE.UTF-8' };
    expect(personWordsOf({ me: [], language: 'en' }, germanSystem).locale).toBe('en');
    expect(personWordsOf({ me: [] }, germanSystem).locale).toBe('de');
    expect(personWordsOf({ me: [], language: 'de' }, {}).locale).toBe('de');
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
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/link.txt',
      '/a%00b',
      '/..\\secret.txt',
      '/%E0%A4%A',
    ]) {
      expect(resolveRendererFile(root, p), p).toBeNull();
    }
  });

  it('puts the CSP meta tag and the bridge module first in <head>', () => {
    const html = prepareIndexHtml(
      '<!doctype html><html><head><title>x</title><script type="module" src="./assets/a.js"></script></head><body></body></html>',
      ['/companion-bridge.js'],
    );
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('companion-bridge.js'));
    expect(html.indexOf('companion-bridge.js')).toBeLessThan(html.indexOf('./assets/a.js'));
    expect(html).not.toContain('frame-ancestors');
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self';/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe/);
  });
});
