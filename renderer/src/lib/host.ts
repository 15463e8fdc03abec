/** What the window's host can do (`window.api.host`); a host that does not say is the desktop app. */
import type { HostInfo } from '../../../shared/ipc/contract.js';
import { hasApi } from '../api';

const DESKTOP: HostInfo = { kind: 'desktop', features: { systemNotifications: true, startAtLogin: true, browserNotifications: false } };

export function hostInfo(): HostInfo {
  return (hasApi() ? window.api?.host : undefined) ?? DESKTOP;
}
