/**
 * The "New meeting" button and the dialog holding the meeting editor (Escape or Close closes it). The dialog is
 * modal: it is placed beside the app, which is inert while it is open (no focus, no clicks behind it).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useWords } from '../lib/i18n';
import { MeetingEditor } from './MeetingEditor';
import type { EventView } from '../../../shared/model/decisions.js';
import type { ActionOutcome } from '../../../shared/ipc/contract.js';

export function NewMeetingButton() {
  const w = useWords();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button primary new-meeting" onClick={() => setOpen(true)}>
        {w.t('ui.organize.newMeeting')}
      </button>
      {open ? <MeetingDialog onDone={() => setOpen(false)} /> : null}
    </>
  );
}

export function MeetingDialog({
  event,
  thisAndFuture,
  onDone,
}: {
  event?: EventView;
  thisAndFuture?: boolean;
  onDone: (o: ActionOutcome | null) => void;
}) {
  const w = useWords();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const before = document.activeElement;
    heading.current?.focus();
    const app = document.getElementById('root');
    if (!app) return;
    app.inert = true;
    return () => {
      app.inert = false;
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  return createPortal(
    <div className="organize-backdrop">
      <div
        className="organize-dialog panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onDone(null);
          }
        }}
      >
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {w.t(event ? 'ui.organize.editHeading' : 'ui.organize.newHeading')}
        </h2>
        <MeetingEditor {...(event ? { event } : {})} thisAndFuture={thisAndFuture === true} onDone={onDone} />
      </div>
    </div>,
    document.body,
  );
}
