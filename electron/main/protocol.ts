/**
 * `app://companion/…`: the built renderer served from build/renderer/ through Electron's protocol API, so the page
 * has a real origin (module scripts and the sender check need one; file:// has none) and nothing is loaded from
 * the network. index.html gets the CSP meta tag; every response carries the CSP header.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import {
  CONTENT_SECURITY_POLICY,
  contentTypeOf,
  prepareIndexHtml,
  resolveRendererFile,
} from '../shell/rendererFiles.js';

const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://companion';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
    if (url.host !== 'companion' || request.method !== 'GET')
      return new Response('Not found', { status: 404, headers });
    let file = resolveRendererFile(root, url.pathname);
    let info = file ? await stat(file).catch(() => null) : null;
    if ((!info || info.isDirectory()) && file && !path.extname(url.pathname)) {
      file = path.join(root, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!file || !info?.isFile()) return new Response('Not found', { status: 404, headers });
    const bytes = await readFile(file);
    const body =
      path.basename(file) === 'index.html' ? prepareIndexHtml(bytes.toString('utf8')) : new Uint8Array(bytes);
    return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': contentTypeOf(file) } });
  });
}
