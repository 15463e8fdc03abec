/**
 * The web host: the companion in an ordinary browser. Serves build/renderer/ on 127.0.0.1 only and carries the same
 * `MainApi` as the desktop window: `POST /api/<method>` with the argument as JSON, answered with the IpcResult as
 * JSON; events as Server-Sent Events on `GET /api/events`; `window.api` from /companion-bridge.js. Every request
 * must carry the per-start token (see httpGuards.ts) and name this server in its Host header.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { isMainApiMethod } from '../../shared/ipc/schemas.js';
import { ipcFail } from '../../shared/ipc/results.js';
import type { AgentConfig } from '../settings/agentConfig.js';
import type { DataDir } from '../store/dataDir.js';
import type { AppService } from '../app/appService.js';
import type { ConnectionTester } from '../app/connectionTester.js';
import { openCompanion, type AppAccountStores, type Companion } from '../companion/openCompanion.js';
import type { DiscoveryDeps } from '../accounts/discoverAccount.js';
import { FileTokenStore } from '../accounts/tokenStore.js';
import { FileMailAccounts } from '../settings/mailAccounts.js';
import type { OAuthClients } from '../settings/oauthClients.js';
import { FileSecretStore } from '../settings/secretStore.js';
import { serveMainApi } from '../app/serveMainApi.js';
import {
  CONTENT_SECURITY_POLICY,
  contentTypeOf,
  prepareIndexHtml,
  resolveRendererFile,
} from '../shell/rendererFiles.js';
import { RENDERER_MISSING, rendererDir as defaultRendererDir } from '../shell/paths.js';
import { EventStream } from './eventStream.js';
import { checkAccess, isAllowedHost, isAllowedOrigin, newToken, sessionCookie } from './httpGuards.js';

export interface WebHostOptions {
  readonly dataDir: string;
  /** The agent configuration (`--config`): account, addresses, policy. Null: no mail account, data dir only. */
  readonly config?: AgentConfig | null;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly rendererDir?: string;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  readonly tester?: ConnectionTester;
  /** Start the mail agent when a config is given (default true). */
  readonly runAgent?: boolean;
  /** Run the reminder clock (default true): alarms ring as events pushed to the page. */
  readonly reminders?: boolean;
  readonly fsync?: boolean;
  /**
   * Without a configuration file: the folder where the host keeps the accounts set up in the page (accounts,
   * passwords and refresh tokens in 0600 files). Absent: no accounts can be added here.
   */
  readonly accountsDir?: string;
  /** Client IDs for "Sign in with Microsoft / Google". */
  readonly oauthClients?: OAuthClients;
  /** A CA to trust besides the system's for the page's accounts (test servers). */
  readonly ca?: string | null;
  /** Discovery's network (tests: local fixtures). */
  readonly discovery?: DiscoveryDeps;
  readonly pollSeconds?: number;
}

export interface WebHost {
  /** The address to open, token included. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly companion: Companion;
  readonly service: AppService;
  readonly data: DataDir;
  close(): Promise<void>;
}

export class WebHostError extends Error {
  constructor(
    readonly code: 'RENDERER_MISSING',
    message: string,
  ) {
    super(message);
  }
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** Contacts imports are the largest bodies (schemas.ts allows 10 MB of vCard text). */
const MAX_BODY = 12 * 1024 * 1024;
/** How much of an oversized body is read and dropped before answering 413 anyway. */
const MAX_DRAIN = 64 * 1024 * 1024;
/** Built with the renderer (renderer/src/bridge/); gives the page `window.api` over this server's API. */
const BRIDGE_PATH = '/companion-bridge.js';

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const log = opts.log ?? (() => undefined);
  const root = opts.rendererDir ?? defaultRendererDir();
  if (!existsSync(path.join(root, 'index.html'))) throw new WebHostError('RENDERER_MISSING', RENDERER_MISSING);
  const companion = await openCompanion({
    dataDir: opts.dataDir,
    config: opts.config ?? null,
    runAgent: opts.runAgent !== false,
    log,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.fsync === undefined ? {} : { fsync: opts.fsync }),
    ...(opts.tester ? { tester: opts.tester } : {}),
    ...(!opts.config && opts.accountsDir ? { stores: fileAccountStores(opts.accountsDir, log) } : {}),
    ...(opts.oauthClients ? { oauthClients: opts.oauthClients } : {}),
    ...(opts.ca ? { ca: opts.ca } : {}),
    ...(opts.discovery ? { discovery: opts.discovery } : {}),
    ...(opts.pollSeconds ? { pollSeconds: opts.pollSeconds } : {}),
  });
  const { service } = companion;

  const token = newToken();
  const stream = new EventStream();
  const unforward = service.events.onAny((name, payload) => stream.send(name, payload));
  // Reminders ring in this process and reach the page as `reminderFired` / `remindersChanged` over the stream.
  if (opts.reminders !== false) await service.startReminders();
  const state = { port: 0 };
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(
        `web host: ${req.method ?? ''} ${req.url ?? ''} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error.');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, state.port)) {
      return send(
        res,
        403,
        'text/plain; charset=utf-8',
        `This server answers only as 127.0.0.1:${state.port} or localhost:${state.port}.`,
      );
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const access = checkAccess(
      { url, cookie: req.headers.cookie, authorization: req.headers.authorization },
      state.port,
      token,
    );
    if (!access.ok) return send(res, 401, 'text/html; charset=utf-8', UNAUTHORIZED_PAGE);
    if (access.setCookie) res.setHeader('Set-Cookie', sessionCookie(state.port, token));
    if (url.pathname === '/api/events' && req.method === 'GET') return stream.attach(res, SECURITY_HEADERS);
    if (url.pathname.startsWith('/api/')) return callApi(req, res, url.pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed.');
    return serveFile(req, res, url.pathname);
  }

  async function callApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, ipcFail('INVALID_ARGUMENT', 'API calls are POST requests.'));
    // Cross-site pages cannot send the SameSite cookie, but a page on another local port is same-site: check Origin.
    if (!isAllowedOrigin(req.headers.origin, state.port))
      return sendJson(res, 403, ipcFail('INVALID_ARGUMENT', 'Requests from other sites are refused.'));
    // application/json cannot be sent cross-origin without a CORS preflight, which this server never grants.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      return sendJson(res, 415, ipcFail('INVALID_ARGUMENT', 'Send the argument as application/json.'));
    if (!isMainApiMethod(method))
      return sendJson(res, 404, ipcFail('NOT_FOUND', `There is no API method "${method}".`));
    const body = await readBody(req, res);
    if (body === null) return sendJson(res, 413, ipcFail('INVALID_ARGUMENT', 'The request is too large.'));
    let arg: unknown;
    try {
      arg = body.length ? JSON.parse(body) : undefined;
    } catch {
      return sendJson(res, 400, ipcFail('INVALID_ARGUMENT', `${method}: the body is not valid JSON.`));
    }
    return sendJson(
      res,
      200,
      await serveMainApi(service, method, arg === null ? undefined : arg, (line) => log(`web host: ${line}`)),
    );
  }

  async function serveFile(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    let file = resolveRendererFile(root, pathname);
    let info = file ? await stat(file).catch(() => null) : null;
    // A path without an extension is a screen of the single-page app: answer with index.html.
    if ((!info || info.isDirectory()) && file && !path.extname(pathname)) {
      file = path.join(root, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!file || !info?.isFile()) {
      // Browsers ask for a favicon on their own; a build without one should not log an error for it.
      if (pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found.');
    }
    const bytes = await readFile(file);
    const body =
      path.basename(file) === 'index.html' && path.dirname(file) === path.resolve(root)
        ? prepareIndexHtml(bytes.toString('utf8'), [BRIDGE_PATH])
        : bytes;
    return send(res, 200, contentTypeOf(file), body, req.method === 'HEAD');
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    // The port is taken: stop the agent that was started for this host before reporting it.
    unforward();
    await companion.close();
    throw e;
  }
  state.port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${state.port}`;
  let closed: Promise<void> | null = null;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port: state.port,
    token,
    companion,
    service,
    get data() {
      return companion.data;
    },
    close: () =>
      (closed ??= shutdown(server, async () => {
        unforward();
        stream.close();
        await companion.close();
      })),
  };
}

/** The host's own accounts: like the headless companion's secrets, in files only the user can read (0600). */
function fileAccountStores(dir: string, log: (line: string) => void): AppAccountStores {
  const tokens = new FileTokenStore(path.join(dir, 'tokens.json'), (l) => log(`warning: ${l}`));
  return {
    accounts: new FileMailAccounts(path.join(dir, 'accounts.json')),
    secrets: new FileSecretStore(path.join(dir, 'secrets.json')),
    tokens: () => tokens,
  };
}

/** Stops the companion (the agent finishes the message in hand), then the server. */
async function shutdown(server: Server, before: () => Promise<void>): Promise<void> {
  await before();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * The body as text, or null when it is larger than MAX_BODY. An oversized body is read on and dropped (up to
 * MAX_DRAIN) so the client, still sending, receives the coded 413 instead of a connection reset; past MAX_DRAIN the
 * answer goes out at once and the connection is closed after it.
 */
function readBody(req: IncomingMessage, res: ServerResponse): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const tooLarge = (): void => {
      if (settled) return;
      settled = true;
      res.setHeader('Connection', 'close');
      resolve(null);
    };
    if (Number(req.headers['content-length'] ?? 0) > MAX_DRAIN) {
      tooLarge();
      res.on('finish', () => req.destroy());
      return;
    }
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_DRAIN) {
        req.pause();
        res.on('finish', () => req.destroy());
        tooLarge();
      } else if (size <= MAX_BODY) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => {
      if (size > MAX_BODY) return tooLarge();
      settled = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (e) => (settled ? undefined : reject(e)));
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headOnly = false): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(headOnly ? undefined : body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

const UNAUTHORIZED_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>iMIP Companion: sign-in link needed</title></head>
<body><main><h1>Open the link the companion printed</h1>
<p>This page needs the access link that <code>imip-companion web</code> printed when it started (it ends in <code>?token=…</code>).
A new link is made at every start.</p></main></body></html>
`;
