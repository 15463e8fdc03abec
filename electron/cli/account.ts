/**
 * `imip-companion account discover ADDRESS [--json]`: which servers serve an address and where each answer
 * came from. `imip-companion account sign-in --config FILE [--account ID]`: the OAuth sign-in of an account;
 * the address to open is printed on stderr and handed to the system browser (BROWSER=none: printed only), the
 * refresh token goes to the account's tokenFile.
 */
import { spawn } from 'node:child_process';
import { ConfigError, loadAgentConfig } from '../settings/agentConfig.js';
import { AccountError } from '../accounts/accountError.js';
import { defaultDiscoveryDeps, discoverAccount, type DiscoveryDeps } from '../accounts/discoverAccount.js';
import { resolveProvider } from '../accounts/oauthProvider.js';
import { signIn } from '../accounts/oauthSignIn.js';
import { tokenStoreFor } from '../companion/accountRuntime.js';
import { parseCommand, stringOpt, UsageError } from './args.js';
import type { Output } from './output.js';

export async function cmdAccount(
  argv: string[],
  out: Output,
  deps: DiscoveryDeps = defaultDiscoveryDeps(),
): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'discover') return discover(rest, out, deps);
  if (sub === 'sign-in') return signInCommand(rest, out);
  throw new UsageError('account needs a subcommand: discover ADDRESS [--json] | sign-in --config FILE [--account ID]');
}

async function discover(argv: string[], out: Output, deps: DiscoveryDeps): Promise<number> {
  const { positionals } = parseCommand(argv, {});
  const address = positionals[0];
  if (!address || positionals.length > 1 || !/^[^@\s]+@[^@\s]+$/.test(address))
    throw new UsageError('account discover needs one email address.');
  const r = await discoverAccount(address, deps);
  for (const step of r.steps)
    out.log(`${step.outcome.padEnd(7)} ${step.method} ${step.source}${step.detail ? ` (${step.detail})` : ''}`);
  for (const s of r.servers) {
    out.item(
      { ...s, auth: [...s.auth] },
      (d) =>
        `${String(d.protocol)} ${String(d.host)}:${String(d.port)} ${String(d.security)}${d.url ? ` ${String(d.url)}` : ''}${d.username ? ` user ${String(d.username)}` : ''} auth ${(d.auth as string[]).join('/')} — from ${String(d.method)} ${String(d.source)}`,
    );
  }
  if (r.oauthProvider)
    out.log(`sign-in: ${r.oauthProvider} accounts use OAuth (set "oauth": {"provider": "${r.oauthProvider}", ...}).`);
  if (!r.servers.length) out.log(`nothing found for ${r.domain}; enter the servers by hand.`);
  return 0;
}

async function signInCommand(argv: string[], out: Output): Promise<number> {
  const { values } = parseCommand(argv, { config: { type: 'string' }, account: { type: 'string' } });
  const file = stringOpt(values, 'config');
  if (!file) throw new UsageError('account sign-in needs --config FILE.');
  let config;
  try {
    config = await loadAgentConfig(file);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  const wanted = stringOpt(values, 'account');
  const account = (config.accounts ?? []).find((a) => (wanted ? a.id === wanted : a.oauth !== null));
  if (!account)
    throw new UsageError(wanted ? `No account "${wanted}" in ${file}.` : `No account in ${file} has "oauth" settings.`);
  if (!account.oauth) throw new UsageError(`The account "${account.id}" has no "oauth" settings.`);
  if (!account.oauth.tokenFile)
    throw new UsageError(`The account "${account.id}" needs "tokenFile" in its "oauth" settings to keep the sign-in.`);
  try {
    const provider = await resolveProvider(account.oauth);
    const result = await signIn(provider, {
      loginHint: account.incoming.server.user ?? account.me[0] ?? '',
      openUrl: (url) => {
        out.log(`Open this address in your browser to sign in to ${account.id}:\n${url}`);
        openInBrowser(url);
      },
    });
    await tokenStoreFor(account.id, account.oauth, { warn: (l) => out.log(`warning: ${l}`) }).set(
      account.id,
      result.refreshToken,
    );
    out.item(
      { account: account.id, signedIn: true, tokenFile: account.oauth.tokenFile },
      () => `${account.id}: signed in; the sign-in is kept in ${account.oauth?.tokenFile ?? ''}`,
    );
    return 0;
  } catch (e) {
    if (e instanceof AccountError) {
      out.item(
        { account: account.id, signedIn: false, code: e.code, message: e.message },
        () => `${account.id}: ${e.code}: ${e.message}`,
      );
      return 1;
    }
    throw e;
  }
}

/** The system browser (RFC 8252 §8.12: never an embedded page). Failing to start one only leaves the printed link. */
function openInBrowser(url: string): void {
  if (process.env.BROWSER === 'none') return;
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : [process.env.BROWSER || 'xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // the link printed above still works
  }
}
