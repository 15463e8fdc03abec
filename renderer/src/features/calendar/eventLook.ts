/**
 * How an event looks in the calendar, from its STATUS (RFC 5545 §3.8.1.11) and my PARTSTAT (§3.2.12): class
 * names for the shape (dashed, striped, struck through) and words for the same difference, so it never rests on
 * colour alone (the words are `ui.calendar.look.*` in the catalogue).
 */
import type { CalendarEventView } from '../../api';

export type EventLook = 'cancelled' | 'declined' | 'tentative' | 'needs-action' | 'confirmed';

export function eventLook(event: Pick<CalendarEventView, 'status' | 'partstat'>): EventLook {
  const status = event.status?.toUpperCase() ?? null;
  const partstat = event.partstat?.toUpperCase() ?? null;
  if (status === 'CANCELLED') return 'cancelled';
  if (partstat === 'DECLINED') return 'declined';
  if (partstat === 'NEEDS-ACTION') return 'needs-action';
  if (partstat === 'TENTATIVE' || status === 'TENTATIVE') return 'tentative';
  return 'confirmed';
}

/** A visible mark in front of the title (hidden from screen readers, which get LOOK_WORDS instead). */
export const LOOK_MARKS: Readonly<Record<EventLook, string>> = {
  cancelled: '✕',
  declined: '✕',
  tentative: '~',
  'needs-action': '?',
  confirmed: '',
};

export function eventKey(event: Pick<CalendarEventView, 'uid' | 'recurrenceId'>): string {
  return `${event.uid}\u0000${event.recurrenceId ?? ''}`;
}
