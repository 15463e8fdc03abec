/**
 * The one undo on offer: an action that returned an undo ticket (a decision, an answer, a meeting created, edited
 * or cancelled) offers it here, and the toast (UndoToast.tsx) shows it with its countdown until the ticket's time.
 * A newer action replaces the offer, as in mail apps: undo always means the last thing done.
 */
import { useEffect, useState } from 'react';
import type { UndoTicket } from '../../../shared/ipc/contract.js';

export interface UndoOffer extends UndoTicket {
  /** What was done, in words, shown beside the button. */
  readonly message: string;
  /** This page's clock at the end of the grace period (the host's clock may differ from the page's). */
  readonly deadline: number;
}

type Listener = (offer: UndoOffer | null) => void;
let current: UndoOffer | null = null;
const listeners = new Set<Listener>();

export function offerUndo(ticket: UndoTicket | null | undefined, message: string): void {
  current = ticket ? { ...ticket, message, deadline: Date.now() + ticket.ms } : null;
  for (const l of listeners) l(current);
}

export function clearUndo(id: string): void {
  if (current?.id !== id) return;
  current = null;
  for (const l of listeners) l(null);
}

export function useUndoOffer(): UndoOffer | null {
  const [offer, setOffer] = useState<UndoOffer | null>(current);
  useEffect(() => {
    listeners.add(setOffer);
    return () => void listeners.delete(setOffer);
  }, []);
  return offer;
}
