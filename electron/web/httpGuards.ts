/**
 * The web host's front door, as pure functions over request headers: the DNS-rebinding guard (only
 * `127.0.0.1:PORT` and `localhost:PORT` are this server's names), the per-start access token (in `?token=` once,
 * then an HttpOnly SameSite=Strict cookie, or an `Authorization: Bearer` header for scripts), and the Origin check
 * that keeps other sites' pages from posting to the API.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** A rebinding attack reaches us under the attacker's host name; the Host header still says that name. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return !!host && allowedHosts(port).includes(host.toLowerCase());
}

/** Browsers send Origin on every POST and on cross-origin requests; when present it must be our own. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedHosts(port).some((h) => origin === `http://${h}`);
}

/** Cookies are shared between ports of one host, so the name carries the port: two hosts never clash. */
export function cookieName(port: number): string {
  return `imip_companion_${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

export function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export type Access = { readonly ok: false } | { readonly ok: true; readonly setCookie: boolean };

/** Whether the request carries the token, and whether it came in the URL (then the cookie is set now). */
export function checkAccess(
  req: { url: URL; cookie?: string; authorization?: string },
  port: number,
  token: string,
): Access {
  if (sameToken(cookieValue(req.cookie, cookieName(port)), token)) return { ok: true, setCookie: false };
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.authorization ?? '')?.[1];
  if (sameToken(bearer, token)) return { ok: true, setCookie: false };
  if (sameToken(req.url.searchParams.get('token'), token)) return { ok: true, setCookie: true };
  return { ok: false };
}
