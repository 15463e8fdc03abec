/**
 * "Test connection" for the account form: logs in to the IMAP and the SMTP server once and reports what happened,
 * through the transports' own `ImapSource.testConnection` (electron/mail/imap/) and `SmtpSender.testConnection`
 * (electron/mail/smtp/). An interface, so the app service is tested with fakes.
 */

/** One server's login settings, in the shape both transports take (absent fields: not set). */
export interface TestAccount {
  readonly host: string;
  readonly port: number;
  readonly security: 'tls' | 'starttls' | 'none';
  readonly user: string;
  readonly password?: string;
  /** OAuth: the bearer token (XOAUTH2) instead of a password. */
  readonly accessToken?: () => Promise<string>;
  readonly ca?: string;
}

export type ServerTestResult =
  { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

export interface ServerTester {
  testConnection(account: TestAccount): Promise<ServerTestResult>;
}

export interface ConnectionTester {
  readonly imap: ServerTester;
  readonly smtp: ServerTester;
  readonly pop3?: ServerTester;
}

/** The real transports, loaded on first use: a CLI command that never tests a login does not load imapflow. */
export function mailConnectionTester(): ConnectionTester {
  return {
    imap: {
      testConnection: async (a) => (await import('../mail/imap/imapSource.js')).ImapSource.testConnection({ ...a }),
    },
    smtp: { testConnection: async (a) => (await import('../mail/smtp/smtpSender.js')).SmtpSender.testConnection(a) },
    pop3: { testConnection: testPop3 },
  };
}

/** Logs in to the POP3 server and leaves (QUIT): the client's errors carry the codes the report shows. */
async function testPop3(a: TestAccount): Promise<ServerTestResult> {
  const { Pop3Client } = await import('../mail/pop3/pop3Client.js');
  const { Pop3Error } = await import('../mail/pop3/pop3Error.js');
  try {
    const client = await Pop3Client.connect({ ...a });
    await client.quit();
    return { ok: true };
  } catch (e) {
    return {
      ok: false,
      code: e instanceof Pop3Error ? e.code : 'CONNECTION_FAILED',
      message: e instanceof Error ? e.message : String(e),
    };
  }
}
