/** The mail accounts as the main process has them, kept current by the `accountsChanged` event. */
import { useEffect, useState } from 'react';
import { getApi, type AccountsView } from '../api';
import { useApiEvent } from '../lib/useApiEvent';

export function useAccounts(): {
  readonly view: AccountsView | null;
  readonly error: string | null;
  readonly setView: (v: AccountsView) => void;
} {
  const [view, setView] = useState<AccountsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void getApi()
      .listAccounts()
      .then((r) => {
        if (!live) return;
        if (r.ok) setView(r.value);
        else setError(r.error.message);
      });
    return () => {
      live = false;
    };
  }, []);
  useApiEvent('accountsChanged', setView);
  return { view, error, setView };
}
