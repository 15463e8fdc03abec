/**
 * Turns an ImapAccount into imapflow options and opens one authenticated connection. Owns the transport-security
 * policy: certificates are verified unless the caller explicitly sets `allowInsecureTls`; `ca` adds a private CA
 * to the trusted set; 'starttls' refuses to continue in clear text when the server offers no STARTTLS
 * (RFC 3501 §6.2.1, RFC 8314 §3); 'none' is accepted for loopback hosts only.
 */
import type { ConnectionOptions } from 'node:tls';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { classifyConnectError, ImapError, type ConnectErrorCode } from './imapErrors.js';
import type { ImapAccount } from './imapTypes.js';

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|\[::1\]|localhost)$/i;

export interface ConnectOptions {
  /** Start IDLE on our own (ImapSession does); imapflow's auto-IDLE would start it 15 s after the last command. */
  readonly disableAutoIdle?: boolean;
}

export async function imapFlowOptions(account: ImapAccount, extra: ConnectOptions = {}): Promise<ImapFlowOptions> {
  if (account.security === 'none' && !LOOPBACK.test(account.host)) {
    throw new ImapError('TLS', `security "none" is only allowed for a loopback host, not ${account.host}`);
  }
  const tls: ConnectionOptions = { rejectUnauthorized: account.allowInsecureTls !== true };
  if (account.ca !== undefined) tls.ca = account.ca;
  const auth = account.accessToken
    ? { user: account.user, accessToken: await fetchToken(account.accessToken) }
    : { user: account.user, pass: account.password ?? '' };
  return {
    host: account.host,
    port: account.port,
    secure: account.security === 'tls',
    // imapflow: true = STARTTLS required (fails when not offered), false = never upgrade.
    doSTARTTLS: account.security === 'starttls' ? true : account.security === 'none' ? false : undefined,
    auth,
    tls,
    logger: false,
    disableAutoIdle: extra.disableAutoIdle ?? true,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    clientInfo: { name: 'iMIP Companion' },
  };
}

/** No token, no login: reported as AUTH (the provider's own code, e.g. AUTH_SIGN_IN_AGAIN, stays in `cause`). */
async function fetchToken(get: () => Promise<string>): Promise<string> {
  try {
    return await get();
  } catch (e) {
    throw new ImapError('AUTH', `no access token: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** Connects and logs in. The caller owns the client afterwards (and must `logout()` or `close()` it). */
export async function openClient(account: ImapAccount, extra: ConnectOptions = {}): Promise<ImapFlow> {
  const client = new ImapFlow(await imapFlowOptions(account, extra));
  // imapflow emits 'error' for socket failures; without a listener Node would throw it at the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    client.close();
    throw e;
  }
  return client;
}

/** Connects and logs in, or says which step failed, as an ImapError with HOST_UNREACHABLE, TLS, AUTH or PROTOCOL. */
export async function connectOrExplain(account: ImapAccount, extra: ConnectOptions = {}): Promise<ImapFlow> {
  try {
    return await openClient(account, extra);
  } catch (e) {
    if (e instanceof ImapError) throw e;
    const { code, detail } = classifyConnectError(e);
    throw new ImapError(code, detail, { cause: e });
  }
}

export type TestResult = { ok: true } | { ok: false; code: ConnectErrorCode; message: string };

/** "Test connection": one login and logout. */
export async function testAccount(account: ImapAccount): Promise<TestResult> {
  try {
    const client = await connectOrExplain(account);
    await client.logout().catch(() => client.close());
    return { ok: true };
  } catch (e) {
    const code = e instanceof ImapError ? e.code : 'PROTOCOL';
    const known: ConnectErrorCode[] = ['HOST_UNREACHABLE', 'TLS', 'AUTH', 'PROTOCOL'];
    return {
      ok: false,
      code: known.includes(code as ConnectErrorCode) ? (code as ConnectErrorCode) : 'PROTOCOL',
      message: e instanceof Error ? e.message : String(e),
    };
  }
}
