/**
 * Serving the built renderer (build/renderer/, made by `npm run build:renderer`) to the Electron window (app://
 * protocol) and to the web host (HTTP): which file a URL path names (never one outside the folder), its content
 * type, the Content-Security-Policy, and index.html with the CSP meta tag and, for the web host, the script that
 * provides `window.api`.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * Nothing but the app's own files: no inline script, no eval, no remote anything. `connect-src 'self'` is the web
 * host's HTTP API and event stream; the Electron window has no network use for it. Styles set through the CSSOM
 * (React's `style` prop) are not affected by `style-src`.
 */
const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ');
/** `frame-ancestors` is ignored (with a console warning) in a meta tag; the header carries it. */
const META_CSP = CSP_DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that a URL path names (`/` is index.html), or null when it would leave the folder
 * (`..`, encoded separators, a symbolic link pointing out) or is not a plain path.
 */
export function resolveRendererFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  try {
    const real = realpathSync(file);
    const realBase = realpathSync(base);
    return real.startsWith(realBase + path.sep) ? real : null;
  } catch {
    return file; // does not exist: the caller answers 404
  }
}

/**
 * index.html with the CSP meta tag, and the given module scripts first in <head>: module scripts run in document
 * order, so they run before the app's bundle.
 */
export function prepareIndexHtml(html: string, modules: readonly string[] = []): string {
  const tags = [
    `<meta http-equiv="Content-Security-Policy" content="${META_CSP}">`,
    ...modules.map((src) => `<script type="module" src="${src}"></script>`),
  ].join('\n    ');
  const head = /<head[^>]*>/i.exec(html);
  if (!head) return `${tags}\n${html}`;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    ${tags}${html.slice(at)}`;
}
