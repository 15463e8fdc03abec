/** What the window's host can do (its `host` field); a host that does not say is the desktop app. */
import { windowExtras, type HostInfo } from '../api';

const DESKTOP: HostInfo = {
  kind: 'desktop',
  features: { systemNotifications: true, startAtLogin: true, browserNotifications: false },
};

export function hostInfo(): HostInfo {
  return windowExtras().host ?? DESKTOP;
}
