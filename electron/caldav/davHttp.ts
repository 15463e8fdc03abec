/**
 * HTTP for one DAV account: the `fetch` handed to tsdav and used for plain GET/PUT/DELETE, built on node:http(s)
 * with keep-alive. Owns TLS (verified; a configured CA is trusted in addition to the system's), Basic credentials
 * (sent only to the account's own origins, so never after a redirect elsewhere), redirects, the request counter
 * the benchmark reads, and turning failures into `DavError` values with a code.
 *
 * Not the global fetch: undici asserts and kills the process when a server that answers HTTP/1.0 (Radicale)
 * closes the connection after a large body while the reader is paused.
 */
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { DavAccount } from './davAccountConfig.js';

export type DavErrorCode =
  | 'DAV_UNREACHABLE'
  | 'DAV_AUTH'
  | 'DAV_FORBIDDEN'
  | 'DAV_NOT_FOUND'
  | 'DAV_PRECONDITION'
  | 'DAV_HTTP'
  | 'DAV_PROTOCOL'
  | 'DAV_DISCOVERY';

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

/** An answer whose body is read as it arrives (`DavHttp.stream`). */
export interface StreamedResponse {
  /** The URL that answered, after redirects. */
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  readonly body: AsyncIterable<Buffer>;
}

interface Exchange {
  readonly url: string;
  readonly method: string;
  readonly message: http.IncomingMessage;
  readonly headers: Headers;
}

export class DavHttp {
  /** Requests sent so far (the benchmark checks that an idle incremental sync is one request). */
  requests = 0;
  readonly #origins = new Set<string>();
  readonly #auth: string | null;
  readonly #agents: { http: http.Agent; https: https.Agent };

  constructor(readonly account: DavAccount) {
    const origin = originOf(account.url);
    if (origin) this.#origins.add(origin);
    this.#auth =
      account.user !== null
        ? `Basic ${Buffer.from(`${account.user}:${account.password ?? ''}`).toString('base64')}`
        : null;
    this.#agents = {
      http: new http.Agent({ keepAlive: true, maxSockets: 4 }),
      https: new https.Agent({
        keepAlive: true,
        maxSockets: 4,
        ...(account.ca ? { ca: [...rootCertificates, account.ca] } : {}),
      }),
    };
  }

  /** Discovery found the service elsewhere (SRV target, well-known redirect): credentials may go there too. */
  trustOrigin(url: string): void {
    const origin = originOf(url);
    if (origin) this.#origins.add(origin);
  }

  /** A fetch with credentials and TLS settings applied; network failures reject with DAV_UNREACHABLE. */
  readonly fetch: FetchLike = async (input, init = {}) => {
    const res = await this.#follow(String(input), init);
    const status = res.message.statusCode ?? 0;
    const noBody = status === 204 || status === 304 || res.method === 'HEAD';
    const body = await collect(res.message, res.url);
    return new Response(noBody ? null : body, {
      status,
      statusText: res.message.statusMessage ?? '',
      headers: res.headers,
    });
  };

  /**
   * Like `fetch`, but the body is handed over as it arrives instead of collected: a REPORT listing thousands of
   * objects is read piece by piece (collectionSync.ts), so the whole answer never sits in memory at once. The
   * caller must read `body` to its end (or destroy it); failures while reading reject with DAV_UNREACHABLE.
   */
  async stream(input: string, init: RequestInit = {}): Promise<StreamedResponse> {
    const res = await this.#follow(input, init);
    const message = res.message;
    return {
      url: res.url,
      status: message.statusCode ?? 0,
      headers: res.headers,
      body: (async function* () {
        try {
          for await (const chunk of message) yield chunk as Buffer;
        } catch (e) {
          throw new DavError('DAV_UNREACHABLE', `${res.url}: ${(e as Error).message}`);
        } finally {
          message.destroy();
        }
      })(),
    };
  }

  /** Sends the request and follows redirects; resolves once the final answer's header is in. */
  async #follow(input: string, init: RequestInit): Promise<Exchange> {
    let url = input;
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body === undefined || init.body === null ? null : String(init.body);
    for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
      const message = await this.#send(url, method, new Headers(init.headers), body);
      const headers = new Headers();
      for (const [k, v] of Object.entries(message.headers))
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      const location = headers.get('location');
      if (![301, 302, 303, 307, 308].includes(message.statusCode ?? 0) || !location)
        return { url, method, message, headers };
      message.resume();
      url = new URL(location, url).href;
      // RFC 9110 §15.4.4: 303 (and by old practice 301/302 after POST) continue as GET without a body.
      if (message.statusCode === 303) {
        method = 'GET';
        body = null;
      }
    }
    throw new DavError('DAV_HTTP', `${url}: too many redirects`);
  }

  #send(url: string, method: string, headers: Headers, body: string | null): Promise<http.IncomingMessage> {
    const target = new URL(url);
    // Credentials only to the account's own origins: a redirect to another host gets none.
    if (this.#auth && this.#origins.has(target.origin)) headers.set('Authorization', this.#auth);
    else headers.delete('Authorization');
    if (body !== null) headers.set('Content-Length', String(Buffer.byteLength(body)));
    this.requests++;
    const secure = target.protocol === 'https:';
    const mod = secure ? https : http;
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = mod.request(
        target,
        { method, headers: Object.fromEntries(headers), agent: secure ? this.#agents.https : this.#agents.http },
        resolve,
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timed out')));
      req.on('error', (e: Error & { code?: string }) =>
        reject(new DavError('DAV_UNREACHABLE', `${url}: ${e.code ?? e.message}`)),
      );
      req.end(body ?? undefined);
    });
  }

  async close(): Promise<void> {
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }
}

const MAX_REDIRECTS = 5;
/** A large calendar's first sync on a slow server can take long; a dead connection must not hang forever. */
const REQUEST_TIMEOUT_MS = 300_000;

/** The whole body of an answer; a connection lost on the way rejects with DAV_UNREACHABLE. */
function collect(message: http.IncomingMessage, url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (c: Buffer) => chunks.push(c));
    message.on('error', (e) => reject(new DavError('DAV_UNREACHABLE', `${url}: ${e.message}`)));
    message.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Maps an unexpected HTTP status to a DavError. */
export function statusError(status: number, what: string): DavError {
  if (status === 401)
    return new DavError('DAV_AUTH', `${what}: the server refused the user name or password (401).`, status);
  if (status === 403) return new DavError('DAV_FORBIDDEN', `${what}: not allowed (403).`, status);
  if (status === 404) return new DavError('DAV_NOT_FOUND', `${what}: not found (404).`, status);
  if (status === 412)
    return new DavError('DAV_PRECONDITION', `${what}: changed on the server meanwhile (412).`, status);
  return new DavError('DAV_HTTP', `${what}: the server answered ${status}.`, status);
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
