/**
 * HTTP for one DAV account: the `fetch` handed to tsdav and used for plain GET/PUT/DELETE. Owns TLS (verified;
 * a configured CA is trusted in addition to the system's), Basic credentials (sent only to the account's own
 * origins, never after a redirect elsewhere), the request counter the benchmark reads, and turning failures into
 * `DavError` values with a code.
 */
import { rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import type { DavAccount } from './davAccountConfig.js';

export type DavErrorCode = 'DAV_UNREACHABLE' | 'DAV_AUTH' | 'DAV_FORBIDDEN' | 'DAV_NOT_FOUND' | 'DAV_PRECONDITION' | 'DAV_HTTP' | 'DAV_PROTOCOL' | 'DAV_DISCOVERY';

export class DavError extends Error {
  constructor(
    readonly code: DavErrorCode,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** Whether an error means "the server cannot be reached now" (queue the write, keep working from the cache). */
export function isOffline(e: unknown): boolean {
  return e instanceof DavError && (e.code === 'DAV_UNREACHABLE' || (e.code === 'DAV_HTTP' && (e.status ?? 0) >= 500));
}

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export class DavHttp {
  /** Requests sent so far (the benchmark checks that an idle incremental sync is one request). */
  requests = 0;
  readonly #origins = new Set<string>();
  readonly #auth: string | null;
  readonly #dispatcher: Agent;

  constructor(readonly account: DavAccount) {
    const origin = originOf(account.url);
    if (origin) this.#origins.add(origin);
    this.#auth = account.user !== null ? `Basic ${Buffer.from(`${account.user}:${account.password ?? ''}`).toString('base64')}` : null;
    this.#dispatcher = new Agent({
      connect: account.ca ? { ca: [...rootCertificates, account.ca] } : {},
      keepAliveTimeout: 10_000,
    });
  }

  /** Discovery found the service elsewhere (SRV target, well-known redirect): credentials may go there too. */
  trustOrigin(url: string): void {
    const origin = originOf(url);
    if (origin) this.#origins.add(origin);
  }

  /** A fetch with credentials and TLS settings applied; network failures reject with DAV_UNREACHABLE. */
  readonly fetch: FetchLike = async (input, init = {}) => {
    const url = String(input);
    const headers = new Headers(init.headers);
    const origin = originOf(url);
    if (this.#auth && origin && this.#origins.has(origin)) headers.set('Authorization', this.#auth);
    this.requests++;
    try {
      // The fetch standard drops Authorization on a cross-origin redirect, so following redirects is safe.
      const res = await undiciFetch(url, { ...(init as object), headers, dispatcher: this.#dispatcher } as unknown as Parameters<typeof undiciFetch>[1]);
      return res as unknown as Response;
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new DavError('DAV_UNREACHABLE', `${url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
    }
  };

  async close(): Promise<void> {
    await this.#dispatcher.close().catch(() => undefined);
  }
}

/** Maps an unexpected HTTP status to a DavError. */
export function statusError(status: number, what: string): DavError {
  if (status === 401) return new DavError('DAV_AUTH', `${what}: the server refused the user name or password (401).`, status);
  if (status === 403) return new DavError('DAV_FORBIDDEN', `${what}: not allowed (403).`, status);
  if (status === 404) return new DavError('DAV_NOT_FOUND', `${what}: not found (404).`, status);
  if (status === 412) return new DavError('DAV_PRECONDITION', `${what}: changed on the server meanwhile (412).`, status);
  return new DavError('DAV_HTTP', `${what}: the server answered ${status}.`, status);
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
