/**
 * POP3 errors as data with a code, the same codes as the IMAP adapter's connect errors (imapErrors.ts), so the
 * app shows one kind of message for "cannot reach", "certificate", "login refused" and "odd answer".
 */
export type Pop3ErrorCode = 'HOST_UNREACHABLE' | 'TLS' | 'AUTH' | 'PROTOCOL';

export class Pop3Error extends Error {
  readonly code: Pop3ErrorCode;

  constructor(code: Pop3ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'Pop3Error';
  }
}

/** A socket or TLS error from connecting, as a code and a sentence. */
export function classifyPop3ConnectError(e: unknown): { code: Pop3ErrorCode; detail: string } {
  const err = e as NodeJS.ErrnoException & { code?: string };
  const message = e instanceof Error ? e.message : String(e);
  if (typeof (e as { code?: unknown })?.code === 'string' && (e as { code: string }).code.startsWith('AUTH_')) {
    return { code: 'AUTH', detail: message };
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|HOSTNAME|altname/i.test(`${err.code ?? ''} ${message}`))
    return { code: 'TLS', detail: message };
  if (
    ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET'].includes(
      err.code ?? '',
    )
  ) {
    return { code: 'HOST_UNREACHABLE', detail: message };
  }
  return { code: 'PROTOCOL', detail: message };
}
