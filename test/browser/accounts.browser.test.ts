/**
 * Setting accounts up in the page (web host in Chromium, keeping its own accounts): a password account found by
 * discovery (an autoconfig document served through the injected fetcher) and tested against the real Dovecot and
 * Postfix; an account that signs in with an OpenID Connect provider (oauth2-mock-server on loopback) through the
 * system browser's tab and the loopback redirect, logging in to the sign-in Dovecot with its token; and the
 * banner when that sign-in is refused, with "Sign in again" putting it right.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/web/webHost.js';
import type { DiscoveryDeps } from '../../electron/accounts/discoverAccount.js';
import { CA_FILE, PORTS, mailstackAvailable, readyMailUser, type MailUser } from '../helpers/mailstack.js';
import { removeDir, tempDir } from '../helpers/agentEnv.js';
import { OAUTHSTACK_PROVIDER_PORT, TestOAuthProvider } from '../servers/oauthProvider.js';
import {
  OAUTHSTACK_DIR,
  OAUTH_PORTS,
  newStackUser,
  oauthstackAvailable,
  type StackUser,
} from '../servers/oauthstack.js';
import {
  browserAvailable,
  ensureRendererBuilt,
  launchChromium,
  screenshot,
  seriousA11yViolations,
} from './browserSetup.js';

const ready = mailstackAvailable() && oauthstackAvailable() && browserAvailable();

/** Autoconfig for example.test (the mail stack on loopback); nothing anywhere else, as for a domain without any. */
function discovery(): DiscoveryDeps {
  const xml = `<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="example.test"><domain>example.test</domain>
  <incomingServer type="imap"><hostname>127.0.0.1</hostname><port>${PORTS.imaps}</port><socketType>SSL</socketType>
    <username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication></incomingServer>
  <outgoingServer type="smtp"><hostname>127.0.0.1</hostname><port>${PORTS.submission}</port><socketType>STARTTLS</socketType>
    <username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication></outgoingServer>
</emailProvider></clientConfig>`;
  const none = async (): Promise<never> => {
    throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  };
  return {
    http: async (url) =>
      url.startsWith('https://autoconfig.example.test/')
        ? { status: 200, text: xml, location: null }
        : { status: 404, text: '', location: null },
    resolveSrv: none,
    resolveMx: none,
    resolveTxt: none,
  };
}

describe.skipIf(!ready)('accounts set up in the page', () => {
  let dir: string;
  let host: WebHost;
  let idp: TestOAuthProvider;
  let browser: Browser;
  let page: Page;
  let bob: MailUser;
  let ann: StackUser;

  beforeAll(async () => {
    bob = await readyMailUser('webacct');
    ann = newStackUser('webann');
    // The port the sign-in Dovecot asks to introspect tokens (integration and browser files run one at a time).
    idp = await TestOAuthProvider.start(OAUTHSTACK_PROVIDER_PORT);
    dir = tempDir('web-accounts');
    const ca = [readFileSync(CA_FILE, 'utf8'), readFileSync(path.join(OAUTHSTACK_DIR, 'tls', 'cert.pem'), 'utf8')];
    host = await startWebHost({
      dataDir: path.join(dir, 'data'),
      accountsDir: path.join(dir, 'accounts'),
      rendererDir: ensureRendererBuilt(),
      ca: ca.join('\n'),
      discovery: discovery(),
      pollSeconds: 5,
      fsync: false,
    });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await idp?.stop();
    if (dir) removeDir(dir);
  });

  it('adds a password account from its address: discovery, test against Dovecot and Postfix, save', async () => {
    await page.getByRole('heading', { name: 'Add your mail account' }).waitFor();
    await page.getByLabel('Your e-mail address').fill(bob.address);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText(`Found the servers for ${bob.address}`).waitFor();
    expect(await page.getByLabel('IMAP server').inputValue()).toBe('127.0.0.1');
    expect(await page.getByLabel('IMAP port').inputValue()).toBe(String(PORTS.imaps));
    expect(await page.getByLabel('User name').inputValue()).toBe(bob.user);
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const report = page.getByRole('list', { name: 'Connection test result' });
    await expect
      .poll(() => report.textContent(), { timeout: 20_000 })
      .toMatch(/IMAP \(incoming\):.*Authentication failed/);
    await page.getByLabel('Password', { exact: true }).fill(bob.pass);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => report.textContent(), { timeout: 20_000 })
      .toMatch(/IMAP \(incoming\): connected.*SMTP \(outgoing\): connected/);
    await screenshot(page, 'accounts-add-password');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save account' }).click();
    await page.getByRole('navigation').waitFor();
    await expect.poll(() => page.locator('.status-bar').textContent(), { timeout: 30_000 }).toMatch(/Watching/);
    const secrets = readFileSync(path.join(dir, 'accounts', 'secrets.json'), 'utf8');
    expect(readFileSync(path.join(dir, 'accounts', 'accounts.json'), 'utf8')).not.toContain(bob.pass);
    expect(secrets).toContain(bob.pass);
  });

  it('adds an account that signs in with its provider in a browser tab, then repairs a refused sign-in from the banner', async () => {
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Settings/ })
      .click();
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByLabel('Your e-mail address').fill(ann.user);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText(`No settings were found for ${ann.user}`).waitFor();
    await page.getByLabel('IMAP server').fill('127.0.0.1');
    await page.getByLabel('IMAP port').fill(String(OAUTH_PORTS.imaps));
    await page.getByLabel('SMTP server').fill('127.0.0.1');
    await page.getByLabel('SMTP security').selectOption('starttls');
    await page.getByLabel('SMTP port').fill(String(OAUTH_PORTS.submission));
    await page.getByRole('radio', { name: /With my provider/ }).check();
    await page.getByLabel('Provider', { exact: true }).selectOption('oidc');
    await page.getByLabel('Provider address (issuer URL)').fill(idp.issuer);
    await page.getByLabel('Client ID').fill('imip-companion-test');
    await screenshot(page, 'accounts-add-oauth');
    const [tab] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: /Sign in with Other provider/ }).click(),
    ]);
    // The provider sent the tab back to the app's loopback listener, which answers in plain text.
    await expect
      .poll(() => tab.textContent('body'), { timeout: 20_000 })
      .toMatch(/Signed in\. You can close this browser tab/);
    expect(new URL(tab.url()).hostname).toBe('127.0.0.1');
    await tab.close();
    await page.getByText('Signed in.', { exact: true }).waitFor();
    expect(idp.requests.authorization_code).toBe(1);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const report = page.getByRole('list', { name: 'Connection test result' });
    await expect
      .poll(() => report.textContent(), { timeout: 20_000 })
      .toMatch(/IMAP \(incoming\): connected.*SMTP \(outgoing\): connected/);

    // The provider now refuses this sign-in (revoked): the saved account cannot refresh its token.
    idp.revoke(ann.user);
    await page.getByRole('button', { name: 'Save account' }).click();
    const banner = page.locator('.sign-in-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(`${ann.user} needs you to sign in again`);
    await banner.scrollIntoViewIfNeeded();
    await screenshot(page, 'accounts-sign-in-banner');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const [again] = await Promise.all([
      page.waitForEvent('popup'),
      banner.getByRole('button', { name: 'Sign in again' }).click(),
    ]);
    await expect.poll(() => again.textContent('body'), { timeout: 20_000 }).toMatch(/Signed in\./);
    await again.close();
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(0);
    const row = page.locator('.account-row', { hasText: ann.user });
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/working/);
    expect(await page.locator('.account-row').count()).toBe(2);
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'accounts-list');
    // Both accounts log in: the status bar watches each (the OAuth one with its bearer token).
    await expect
      .poll(() => page.locator('.status-bar').textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`Watching ${bob.user}@127\\.0\\.0\\.1 · Watching ${ann.user}@127\\.0\\.0\\.1`));
    // The refresh token lives in the host's 0600 token file, never in the accounts file.
    expect(readFileSync(path.join(dir, 'accounts', 'accounts.json'), 'utf8')).not.toMatch(/refresh|token/i);
    expect(Object.keys(JSON.parse(readFileSync(path.join(dir, 'accounts', 'tokens.json'), 'utf8')))).toEqual([
      ann.user,
    ]);
  });
  it('changes an account: its other addresses and a wrong password, refused, recorded in the activity list once, put right from the banner', async () => {
    const nav = (name: RegExp) => page.getByRole('navigation').getByRole('button', { name }).click();
    await nav(/^Settings/);
    const row = page.locator('.account-row', { hasText: bob.address });
    await row.getByRole('button', { name: 'Change' }).click();
    expect(await page.getByLabel('Your e-mail address').inputValue()).toBe(bob.address);
    await page.getByLabel('Other addresses of this account').fill(`${bob.user}@example.org`);
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    await screenshot(page, 'accounts-edit');
    await page.getByRole('button', { name: 'Save account' }).click();
    const banner = page.locator('.sign-in-banner', { hasText: bob.address });
    await banner.waitFor({ timeout: 30_000 });
    // Worded from the code; what Dovecot said follows as detail.
    expect(await banner.textContent()).toMatch(
      new RegExp(`The IMAP server refused the login of ${bob.address.replace(/\./g, '\\.')}\\. The server said: .*`),
    );
    expect(JSON.parse(readFileSync(path.join(dir, 'accounts', 'accounts.json'), 'utf8'))).toMatchObject({
      accounts: expect.arrayContaining([expect.objectContaining({ me: [bob.address, `${bob.user}@example.org`] })]),
    });

    await nav(/^Activity/);
    const bobRows = page.locator('.activity-table tr.source-account').filter({ hasText: bob.address });
    const failed = bobRows.filter({ hasText: 'Login failed' });
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.textContent()).toContain(`The IMAP server refused the login of ${bob.address}.`);
    await screenshot(page, 'activity-login-failed');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await banner.getByRole('button', { name: 'Enter the password' }).click();
    await page.getByLabel('Password', { exact: true }).fill(bob.pass);
    await page.getByRole('button', { name: 'Save account' }).click();
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(0);
    await nav(/^Activity/);
    const restored = bobRows.filter({ hasText: 'Works again' });
    await restored.waitFor({ timeout: 30_000 });
    expect(await restored.textContent()).toContain(`The servers of ${bob.address} accept its login again`);
    // The agent retried the wrong password several times; the list has one failure.
    expect(await failed.count()).toBe(1);
    // The sign-in the provider refused before (the test above): recorded, and its renewal too.
    const annRows = page.locator('.activity-table tr.source-account').filter({ hasText: ann.user });
    expect(await annRows.allTextContents()).toEqual([
      expect.stringMatching(/Works again.*Signed in to .* again/),
      expect.stringMatching(/Login failed.*The provider no longer accepts the sign-in/),
    ]);
    await screenshot(page, 'activity-login-restored');
  });
});
