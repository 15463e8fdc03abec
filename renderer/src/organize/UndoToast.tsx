/**
 * The undo toast: what was just done, and an Undo button with the seconds left while its mail is held. Undo asks
 * the main process (`undo`) and says what came of it — undone, or too late because the mail has gone out.
 * A status region, so screen readers hear the offer without losing their place.
 */
import { useEffect, useState } from 'react';
import { getApi } from '../api';
import { useWords } from '../lib/i18n';
import { clearUndo, useUndoOffer } from './undoOffer';
import './organize.css';

export function UndoToast() {
  const w = useWords();
  const offer = useUndoOffer();
  const [now, setNow] = useState(() => Date.now());
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!offer) return;
    // A new offer replaces what the last undo said.
    setResult(null);
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [offer]);

  useEffect(() => {
    if (!result) return;
    const timer = window.setTimeout(() => setResult(null), 6000);
    return () => window.clearTimeout(timer);
  }, [result]);

  const left = offer ? Math.ceil((offer.deadline - now) / 1000) : 0;
  useEffect(() => {
    if (offer && left <= 0) clearUndo(offer.id);
  }, [offer, left]);

  async function undo(): Promise<void> {
    if (!offer) return;
    setBusy(true);
    const r = await getApi().undo({ id: offer.id });
    setBusy(false);
    clearUndo(offer.id);
    setResult(r.ok ? w.text(r.value.reason) : r.error.message);
  }

  return (
    <div className="undo-toast-region" role="status" aria-live="polite">
      {offer && left > 0 ? (
        <div className="undo-toast">
          <span className="undo-message">{offer.message}</span>
          <button type="button" className="button primary" disabled={busy} onClick={() => void undo()}>
            {w.t('ui.organize.undo', { seconds: left })}
          </button>
        </div>
      ) : result ? (
        <div className="undo-toast">
          <span className="undo-message">{result}</span>
        </div>
      ) : null}
    </div>
  );
}
