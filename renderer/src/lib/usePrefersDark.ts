/** Follows the OS light/dark setting (`prefers-color-scheme`), for the parts styled by a library (FullCalendar). */
import { useEffect, useState } from 'react';

const QUERY = '(prefers-color-scheme: dark)';

function query(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null;
}

export function usePrefersDark(): boolean {
  const [dark, setDark] = useState(() => query()?.matches ?? false);
  useEffect(() => {
    const mq = query();
    if (!mq) return undefined;
    const onChange = (e: MediaQueryListEvent): void => setDark(e.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return dark;
}
