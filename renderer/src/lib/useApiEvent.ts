/** Subscribes a component to one pushed event from the main process for as long as it is mounted. */
import { useEffect, useRef } from 'react';
import { getApi, hasApi, type MainEventName, type MainEvents } from '../api';

export function useApiEvent<K extends MainEventName>(name: K, listener: (payload: MainEvents[K]) => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    if (!hasApi()) return undefined;
    return getApi().on(name, (payload) => latest.current(payload));
  }, [name]);
}
