/**
 * The shells' Electron-independent helpers: which decisions to notify about, the tray icon, and serving the
 * renderer (paths that leave the folder, the CSP and the bridge module in index.html).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DecisionNotifier, notificationText, trayTooltip } from '../../../electron/shell/newDecisions.js';
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
    expect(
      notificationText(decision('x', { kind: 'party-crasher', warnings: ['Sender not verified'].map(textMessage) })),
    ).toEqual({ title: 'Uninvited attendee: Meeting x', body: 'Olga invites you. ⚠ Sender not verified' });
    expect([trayTooltip(0), trayTooltip(1), trayTooltip(3)]).toEqual([
      'iMIP Companion: nothing to decide',
      'iMIP Companion: 1 open decision',
      'iMIP Companion: 3 open decisions',
    ]);
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
