/**
 * The web host over real HTTP on 127.0.0.1: the token (401 without it, once in the URL then a cookie, or a Bearer
 * header), the Host guard against DNS rebinding, the API's checks (Origin, JSON, method names, validation as data),
 * the event stream, static files with the CSP, and the bridge module (built with the renderer) before the bundle.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startWebHost, WebHostError, type WebHost } from '../../../electron/web/webHost.js';
import { cmdWeb } from '../../../electron/cli/web.js';
import { Output } from '../../../electron/cli/output.js';
import { ROOT } from '../../helpers/cli.js';
import { ME, NOW, invitationMail, orchestratorFor } from '../app/appFixtures.js';

let dir: string;
let host: WebHost;

function rendererFixture(): string {
  const root = path.join(dir, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><html lang="en"><head><title>t</title><script type="module" src="./assets/app.js"></script></head><body></body></html>',
  );
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'companion-bridge.js'), 'import "./assets/app.js";');
  writeFileSync(path.join(dir, 'outside.txt'), 'secret');
  return root;
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-web-'));
  host = await startWebHost({
    dataDir: path.join(dir, 'data'),
    rendererDir: rendererFixture(),
    now: () => NOW,
    fsync: false,
  });
  await host.data.addMe([ME]);
});
afterEach(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  p: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; auth?: boolean } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {
    host: `127.0.0.1:${host.port}`,
    ...(opts.auth === false ? {} : { cookie: `imip_companion_${host.port}=${host.token}` }),
    ...opts.headers,
  };
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: p, method: opts.method ?? 'GET', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const post = (method: string, arg: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
  request(`/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(arg ?? null),
  });

describe('access', () => {
  it('answers 401 without the token, and with a wrong one', async () => {
    for (const p of ['/', '/assets/app.js', '/companion-bridge.js', '/api/events'])
      expect((await request(p, { auth: false })).status, p).toBe(401);
    expect(
      (
        await request('/api/getOverview', {
          auth: false,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(401);
    expect((await request('/?token=wrong', { auth: false })).status).toBe(401);
    expect(
      (await request('/', { auth: false, headers: { cookie: `imip_companion_${host.port}=${host.token.slice(1)}x` } }))
        .status,
    ).toBe(401);
    expect((await request('/', { auth: false })).body).toMatch(/Open the link the companion printed/);
  });

  it('takes the token from the printed URL once and sets an HttpOnly SameSite=Strict cookie', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(Buffer.from(host.token, 'base64url')).toHaveLength(32);
    const r = await request(`/?token=${host.token}`, { auth: false });
    expect(r.status).toBe(200);
    expect(r.headers['set-cookie']?.[0]).toBe(
      `imip_companion_${host.port}=${host.token}; Path=/; HttpOnly; SameSite=Strict`,
    );
    expect((await request('/', { auth: false, headers: { authorization: `Bearer ${host.token}` } })).status).toBe(200);
  });

  it('refuses other Host names (DNS rebinding)', async () => {
    for (const h of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, `[::1]:${host.port}`]) {
      expect((await request('/', { headers: { host: h } })).status, h).toBe(403);
    }
    expect((await request('/', { headers: { host: `localhost:${host.port}` } })).status).toBe(200);
  });
});

describe('API', () => {
  it('answers calls with IpcResults and validation errors as data', async () => {
    await orchestratorFor(host.data).processMail(invitationMail());
    const overview = await post('getOverview', null);
    expect(overview.status).toBe(200);
    expect(overview.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(overview.body)).toMatchObject({
      ok: true,
      value: { openDecisions: 1, me: [ME], connection: { state: 'not-configured' } },
    });
    expect(JSON.parse((await post('listDecisions', undefined)).body).value[0]).toMatchObject({
      kind: 'invitation',
      summary: 'Quarterly planning',
    });
    expect(JSON.parse((await post('decide', { id: 'x', choice: 'perhaps' })).body)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(JSON.parse((await post('getSettings', {})).body)).toMatchObject({
      ok: true,
      value: { canEditAccount: false, account: null },
    });
  });

  it('refuses other origins, other content types, unknown methods, bad JSON and GET', async () => {
    expect((await post('getOverview', null, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('getOverview', null, { origin: `http://localhost:${host.port}` })).status).toBe(200);
    expect(
      (await request('/api/getOverview', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'null' }))
        .status,
    ).toBe(415);
    expect((await post('constructor', null)).status).toBe(404);
    expect((await post('__proto__', null)).status).toBe(404);
    expect(
      (
        await request('/api/getOverview', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{nope',
        })
      ).status,
    ).toBe(400);
    expect((await request('/api/getOverview')).status).toBe(405);
  });

  it('answers a 13 MB body with the coded 413, not a connection reset', async () => {
    const big = JSON.stringify({ vcf: 'x'.repeat(13 * 1024 * 1024) });
    const r = await request('/api/importContacts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: 'The request is too large.' },
    });
    // The server still answers afterwards.
    expect((await post('getOverview', null)).status).toBe(200);
  });

  it('streams events to the page as Server-Sent Events', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/events',
          headers: { host: `127.0.0.1:${host.port}`, cookie: `imip_companion_${host.port}=${host.token}` },
        },
        (res) => {
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
            if (text.includes('event: decisionsChanged')) {
              req.destroy();
              resolve(text);
            }
          });
          // Once connected, something happens.
          setTimeout(() => host.service.refresh(), 50);
        },
      );
      req.on('error', reject);
    });
    expect(await received).toMatch(/event: decisionsChanged\ndata: \{"count":0\}\n\n/);
  });
});

describe('files', () => {
  it('serves index.html with the CSP (header and meta) and the bridge before the bundle', async () => {
    const r = await request('/');
    expect(r.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.body.indexOf('<script type="module" src="/companion-bridge.js"></script>')).toBeLessThan(
      r.body.indexOf('./assets/app.js'),
    );
    expect(r.body).toMatch(/<meta http-equiv="Content-Security-Policy"/);
    expect((await request('/calendar')).body).toContain('companion-bridge.js'); // a screen of the app
    expect((await request('/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await request('/companion-bridge.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    for (const p of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/missing.js'])
      expect((await request(p)).status, p).toBe(404);
  });

  it('says how to build the renderer when it is missing', async () => {
    await expect(startWebHost({ dataDir: path.join(dir, 'd2'), rendererDir: path.join(dir, 'none') })).rejects.toThrow(
      WebHostError,
    );
    await expect(startWebHost({ dataDir: path.join(dir, 'd2'), rendererDir: path.join(dir, 'none') })).rejects.toThrow(
      /npm run build:renderer/,
    );
  });
});

describe('imip-companion web', () => {
  it('prints the URL with the token and stops on Ctrl-C, or says to build the renderer', async () => {
    const lines: string[] = [];
    const errors: string[] = [];
    const sink = (into: string[]) =>
      Object.assign(new EventEmitter(), {
        write: (s: string) => (into.push(s), true),
      }) as unknown as NodeJS.WritableStream;
    const signals = new EventEmitter();
    const run = cmdWeb(
      ['--data-dir', path.join(dir, 'cli-data'), '--me', ME, '--json'],
      new Output(true, sink(lines), sink(errors)),
      signals,
    );
    if (!existsSync(path.join(ROOT, 'build', 'renderer', 'index.html'))) {
      expect(await run).toBe(1);
      expect(errors.join('')).toMatch(/npm run build:renderer/);
      return;
    }
    for (let i = 0; i < 100 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const printed = JSON.parse(lines[0] ?? '{}') as { url: string };
    expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    signals.emit('SIGINT');
    expect(await run).toBe(0);
  });

  it('rejects a bad port', async () => {
    await expect(cmdWeb(['--port', 'eighty'], new Output(false))).rejects.toThrow(/--port/);
  });
});
