/**
 * Conflicts while organizing or proposing: my busy time (events not declined and not transparent) overlapping the
 * chosen time, from `listBusy`, the event being edited left out. Others' free/busy is not known here.
 */
import { useEffect, useState } from 'react';
import { getApi } from '../api';
import type { BusyView } from '../../../shared/ipc/contract.js';
import { useWords } from '../lib/i18n';

export interface BusyNoteProps {
  /** ISO instants of the chosen time; nothing is asked while either is missing. */
  readonly from: string | null;
  readonly to: string | null;
  readonly exceptUid?: string | null;
}

export function BusyNote({ from, to, exceptUid = null }: BusyNoteProps) {
  const w = useWords();
  const [busy, setBusy] = useState<readonly BusyView[]>([]);
  useEffect(() => {
    if (!from || !to || Date.parse(to) <= Date.parse(from)) {
      setBusy([]);
      return;
    }
    let live = true;
    void getApi()
      .listBusy({ from, to, exceptUid })
      .then((r) => {
        if (live) setBusy(r.ok ? r.value : []);
      });
    return () => {
      live = false;
    };
  }, [from, to, exceptUid]);
  if (busy.length === 0) return <p className="help busy-note">{w.t('ui.organize.free')}</p>;
  return (
    <div className="notice busy-note" role="note">
      <p>{w.t('ui.organize.busy', { count: busy.length })}</p>
      <ul>
        {busy.map((b) => (
          <li key={`${b.start}${b.end}`}>
            {w.time.span({ start: b.start, end: b.end, allDay: false })}
            {b.tentative ? ` (${w.t('ui.organize.tentative')})` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
