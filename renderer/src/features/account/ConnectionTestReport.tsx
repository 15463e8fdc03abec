/**
 * The result of "Test connection", one line per server: connected, or what failed (host unreachable, TLS,
 * authentication) with the server's own message.
 */
import type { ConnectionTestResult } from '../../api';

export interface ConnectionTestReportProps {
  readonly result: ConnectionTestResult;
}

type ServerResult = ConnectionTestResult['imap'];

/** Names the failure from the code (Node socket codes, TLS and auth codes) and, failing that, the message. */
export function describeFailure(code: string | null, message: string): string {
  const text = `${code ?? ''} ${message}`.toUpperCase();
  if (/AUTH|LOGIN|CREDENTIAL|PASSWORD|535|NO \[AUTHENTICATIONFAILED\]/.test(text)) return 'Authentication failed';
  if (/TLS|SSL|CERT|HANDSHAKE|SELF[_ -]SIGNED|STARTTLS/.test(text)) return 'TLS problem';
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|TIMEOUT|UNREACHABLE|DNS|CONNECT/.test(text)) return 'Host unreachable';
  return code ? `Failed (${code})` : 'Failed';
}

function ServerLine({ label, result }: { readonly label: string; readonly result: ServerResult }) {
  return (
    <li className={result.ok ? 'test-ok' : 'test-failed'}>
      <span className="test-mark" aria-hidden="true">
        {result.ok ? '✓' : '✕'}
      </span>{' '}
      <strong>{label}:</strong>{' '}
      {result.ok ? (
        <>
          connected{result.message ? ` (${result.message})` : ''}
        </>
      ) : (
        <>
          <span className="failure-kind">{describeFailure(result.code, result.message)}</span>
          {' — '}
          <span className="failure-message">{result.message}</span>
        </>
      )}
    </li>
  );
}

export function ConnectionTestReport({ result }: ConnectionTestReportProps) {
  return (
    <ul className="test-report" aria-label="Connection test result">
      <ServerLine label="IMAP (incoming)" result={result.imap} />
      <ServerLine label="SMTP (outgoing)" result={result.smtp} />
    </ul>
  );
}
