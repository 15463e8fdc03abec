/**
 * One server's login test for the account forms: through the transport's own test (connectionTester.ts), bounded
 * by a timeout, answered as a line of the test report. A server is never asked to log in without a secret typed
 * for it or stored for it (the caller decides which: appService.ts, accountsService.ts).
 */
import type { ConnectionTestResult } from '../../shared/ipc/contract.js';
import type { ConnectionTester, ServerTestResult, TestAccount } from './connectionTester.js';

export interface ServerTestOptions {
  readonly tester: ConnectionTester | undefined;
  readonly timeoutMs: number;
}

export type ServerLine = ConnectionTestResult['imap'];

/** `needsPassword`: a user without a password (and no token) is asked to type it instead of being tried. */
export async function testServer(
  kind: 'imap' | 'pop3' | 'smtp',
  account: TestAccount,
  opts: ServerTestOptions,
  needsPassword = true,
): Promise<ServerLine> {
  const tester = opts.tester?.[kind];
  if (!tester)
    return { ok: false, code: 'NOT_AVAILABLE', message: 'The connection test is not available in this build yet.' };
  if (needsPassword && !account.password && account.user)
    return {
      ok: false,
      code: 'PASSWORD_NEEDED',
      message: `Type the password for ${account.user} at ${account.host}: the stored one is only sent to the server it was saved for.`,
    };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ServerTestResult>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          code: 'TIMEOUT',
          message: `${account.host}:${account.port} did not answer within ${Math.round(opts.timeoutMs / 1000)} s.`,
        }),
      opts.timeoutMs,
    );
    timer.unref?.();
  });
  try {
    const r = await Promise.race([tester.testConnection(account), timeout]);
    return r.ok
      ? { ok: true, code: null, message: `Connected to ${account.host}.` }
      : { ok: false, code: r.code, message: r.message };
  } catch (e) {
    return { ok: false, code: 'CONNECTION_FAILED', message: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}
