/**
 * The result of "Test connection", one line per server: connected, or what failed (host unreachable, TLS,
 * authentication) with the server's own message.
 */
import type { ConnectionTestResult } from '../../api';
import { useWords, type Words } from '../../lib/i18n';

export interface ConnectionTestReportProps {
  readonly result: ConnectionTestResult;
  /** The incoming server's line label (default "IMAP (incoming)"). */
  readonly incomingLabel?: string;
}

type ServerResult = ConnectionTestResult['imap'];

/** The line codes of the transports' tests and the service's own (accountsService.ts, serverTest.ts). */
const TEST_CODES = [
  'AUTH',
  'TLS',
  'HOST_UNREACHABLE',
  'PROTOCOL',
  'REJECTED',
  'TEMPORARY',
  'TIMEOUT',
  'PASSWORD_NEEDED',
  'SIGN_IN_NEEDED',
  'NOT_AVAILABLE',
  'CONNECTION_FAILED',
] as const;

/** Names the failure from its code (catalogue `accounts.test.<code>`) and, for an unknown code, from the message. */
export function describeFailure(w: Pick<Words, 't'>, code: string | null, message: string): string {
  const known = TEST_CODES.find((c) => c === code);
  if (known) return w.t(`accounts.test.${known}`);
  const text = `${code ?? ''} ${message}`.toUpperCase();
  if (/AUTH|LOGIN|CREDENTIAL|PASSWORD|535|NO \[AUTHENTICATIONFAILED\]/.test(text))
    return w.t('ui.accountForm.failure.auth');
  if (/TLS|SSL|CERT|HANDSHAKE|SELF[_ -]SIGNED|STARTTLS/.test(text)) return w.t('ui.accountForm.failure.tls');
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|TIMEOUT|UNREACHABLE|DNS|CONNECT/.test(text))
    return w.t('ui.accountForm.failure.unreachable');
  return code ? w.t('ui.accountForm.failure.code', { code }) : w.t('ui.accountForm.failure.other');
}

function ServerLine({ label, result }: { readonly label: string; readonly result: ServerResult }) {
  const w = useWords();
  return (
    <li className={result.ok ? 'test-ok' : 'test-failed'}>
      <span className="test-mark" aria-hidden="true">
        {result.ok ? '✓' : '✕'}
      </span>{' '}
      <strong>{label}:</strong>{' '}
      {result.ok ? (
        <>
          {w.t('ui.accountForm.connected')}
          {result.message ? ` (${result.message})` : ''}
        </>
      ) : (
        <>
          <span className="failure-kind">{describeFailure(w, result.code, result.message)}</span>
          {' — '}
          <span className="failure-message">{result.message}</span>
        </>
      )}
    </li>
  );
}

export function ConnectionTestReport({ result, incomingLabel }: ConnectionTestReportProps) {
  const w = useWords();
  return (
    <ul className="test-report" aria-label={w.t('ui.accountForm.testResult')}>
      <ServerLine label={incomingLabel ?? w.t('ui.accountForm.imapLine')} result={result.imap} />
      <ServerLine label={w.t('ui.accountForm.smtpLine')} result={result.smtp} />
    </ul>
  );
}
