/**
 * Opening a link from message content outside the app: only http, https and mailto, through the host
 * (`openExternal` of the window API: Electron's shell in the desktop app) or, where the host has none (the web host),
 * as a new browser tab without access back to this page.
 */
import { windowExtras } from '../api';

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** The URL when it may be opened, else null. */
export function safeExternalUrl(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim());
    return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** Opens the link; resolves to false when it was refused or failed. */
export async function openExternal(href: string): Promise<boolean> {
  const url = safeExternalUrl(href);
  if (!url) return false;
  const host = windowExtras().openExternal;
  if (host) {
    const result = await host({ url }).catch(() => null);
    return !!result?.ok;
  }
  const opened = window.open(url, '_blank', 'noopener,noreferrer');
  // With noopener, window.open returns null even when the tab opened; only a thrown error means failure.
  void opened;
  return true;
}
