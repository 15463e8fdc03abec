/** My addresses (the overview's `me`), for telling my own meetings from those I attend. */
import { useEffect, useState } from 'react';
import { getApi } from '../api';

export function useMe(): readonly string[] {
  const [me, setMe] = useState<readonly string[]>([]);
  useEffect(() => {
    let live = true;
    void getApi()
      .getOverview()
      .then((r) => {
        if (live && r.ok) setMe(r.value.me.map((a) => a.toLowerCase()));
      });
    return () => {
      live = false;
    };
  }, []);
  return me;
}
