/**
 * Refresh-token stores: a 0600 file replaced atomically (a damaged file is reported, never overwritten), a
 * read-only environment variable, the keychain-sealed store; and the router choosing an account's SMTP.
 */
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountRouter } from '../../../electron/agent/accountRouter.js';
import { EnvTokenStore, FileTokenStore, SealedTokenStore } from '../../../electron/accounts/tokenStore.js';
import type { SmtpSendResult } from '../../../electron/mail/smtp/index.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'imip-tokens-'));

describe('FileTokenStore', () => {
  it('keeps one refresh token per account in a file only the user can read', async () => {
    const file = path.join(dir(), 'sub', 'tokens.json');
    const s = new FileTokenStore(file);
    expect(await s.get('work')).toBeNull();
    await s.set('work', 'rt-1');
    await s.set('home', 'rt-2');
    await s.set('work', 'rt-3');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ work: 'rt-3', home: 'rt-2' });
    await s.delete('home');
    expect(await new FileTokenStore(file).get('home')).toBeNull();
  });

  it('warns about a file others can read, and reports a damaged file instead of replacing it', async () => {
    const file = path.join(dir(), 'tokens.json');
    writeFileSync(file, '{"work":"rt"}');
    chmodSync(file, 0o644);
    const warnings: string[] = [];
    expect(await new FileTokenStore(file, (w) => warnings.push(w)).get('work')).toBe('rt');
    expect(warnings[0]).toMatch(/readable by other users/);
    writeFileSync(file, '{not json');
    await expect(new FileTokenStore(file).set('work', 'x')).rejects.toMatchObject({ code: 'AUTH_NO_STORE' });
    expect(readFileSync(file, 'utf8')).toBe('{not json');
  });
});

describe('EnvTokenStore and SealedTokenStore', () => {
  it('reads the variable; a rotated token lives for this run with a warning', async () => {
    const warnings: string[] = [];
    const s = new EnvTokenStore({ work: 'from-env', other: undefined }, (w) => warnings.push(w));
    expect(await s.get('work')).toBe('from-env');
    expect(await s.get('other')).toBeNull();
    await s.set('work', 'rotated');
    expect(await s.get('work')).toBe('rotated');
    expect(warnings).toHaveLength(1);
  });

  it('seals with the keychain cipher and refuses to store when no keychain is available', async () => {
    const kept = new Map<string, string | null>();
    let available = true;
    const cipher = {
      availability: () => (available ? { ok: true as const } : { ok: false as const, message: 'no keychain' }),
      encrypt: (p: string) => new TextEncoder().encode([...p].reverse().join('')),
      decrypt: (b: Uint8Array) => [...new TextDecoder().decode(b)].reverse().join(''),
    };
    const s = new SealedTokenStore(cipher, { get: (id) => kept.get(id) ?? null, set: (id, v) => void kept.set(id, v) });
    await s.set('work', 'refresh-me');
    expect(kept.get('work')).not.toContain('refresh-me');
    expect(await s.get('work')).toBe('refresh-me');
    available = false;
    await expect(s.set('work', 'x')).rejects.toMatchObject({ code: 'AUTH_NO_STORE' });
  });
});

describe('AccountRouter', () => {
  it('sends a message through the account whose identities include its sender, else the first', async () => {
    const used: string[] = [];
    const sender = (id: string) => ({
      send: async (): Promise<SmtpSendResult> => (used.push(id), { ok: true, response: '250', messageId: null }),
      close: () => undefined,
    });
    const r = new AccountRouter([
      { accountId: 'work', me: ['me@work.example'], sender: sender('work') },
      { accountId: 'home', me: ['me@home.example'], sender: sender('home') },
    ]);
    await r.send(Buffer.from('From: Me <ME@home.example>\r\nTo: o@x.example\r\n\r\nx'));
    await r.send(Buffer.from('From: me@work.example\r\nTo: o@x.example\r\n\r\nx'));
    await r.send(Buffer.from('From: stranger@else.example\r\nTo: o@x.example\r\n\r\nx'));
    await r.send(Buffer.from('x'), { from: 'me@home.example', to: ['o@x.example'] });
    expect(used).toEqual(['home', 'work', 'work', 'home']);
  });
});

describe('AccountError', () => {
  it('names its catalogue sentence, rendered in English and German', async () => {
    const { AccountError } = await import('../../../electron/accounts/accountError.js');
    const { createTranslator } = await import('../../../shared/i18n/index.js');
    const m = new AccountError('AUTH_SIGN_IN_AGAIN', 'invalid_grant').toMessage('work');
    expect(createTranslator('en').t(m.key, m.params)).toBe(
      'Sign in to work again: the provider no longer accepts the earlier sign-in.',
    );
    expect(createTranslator('de').t(m.key, m.params)).toMatch(/^Bitte melden Sie sich bei work neu an/);
  });
});
