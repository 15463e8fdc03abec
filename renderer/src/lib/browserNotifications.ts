/**
 * Notifications through the browser (the web host, where the system's are not ours to show): asked for only when
 * the person turns them on in Settings; shown when the number of open decisions grows while the page is hidden.
 * The choice is kept in this browser profile.
 */
const KEY = 'imip-companion.browserNotifications';

export function browserNotificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export function browserNotificationsWanted(): boolean {
  try {
    return (
      browserNotificationsSupported() &&
      window.localStorage.getItem(KEY) === 'on' &&
      Notification.permission === 'granted'
    );
  } catch {
    return false;
  }
}

/** Turns them on (asking the browser's permission) or off; resolves to whether they are on afterwards. */
export async function setBrowserNotifications(on: boolean): Promise<boolean> {
  if (!browserNotificationsSupported()) return false;
  try {
    if (!on) {
      window.localStorage.removeItem(KEY);
      return false;
    }
    const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    if (permission !== 'granted') return false;
    window.localStorage.setItem(KEY, 'on');
    return true;
  } catch {
    return false;
  }
}

export function notifyInBrowser(title: string, onClick: () => void): void {
  if (!browserNotificationsWanted() || document.visibilityState === 'visible') return;
  try {
    const n = new Notification(title, { tag: 'imip-companion-decisions' });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    /* a browser that refuses at the last moment: the badge and the title still show the count */
  }
}
