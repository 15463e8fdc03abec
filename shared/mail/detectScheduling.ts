/**
 * Decides whether a received mail carries an iTIP message and which calendar part is it. Owns the rules for
 * mail that breaks RFC 6047 §2.4 ("the method parameter MUST be present and MUST match the METHOD property"):
 * Proton Bridge drops `method=`, Google sends the same object twice (inline text/calendar + invite.ics),
 * tutanota#2960 saw lower-case `method=request`, forwarding loses the parameter (carbonio-mailbox#835), and some
 * senders label a CANCEL body with `method=REQUEST`. The iCalendar body is what gets applied, so its METHOD wins.
 * Pure: no Node builtins, no full iCalendar parse (see icalText.ts).
 */
import type { CalendarPart, IncomingMail } from '../model/mail.js';
import { calendarCompareKey, readTopLevelMethod } from './icalText.js';

export type DetectedScheduling =
  | { kind: 'none'; reason: string }
  | {
      kind: 'calendar';
      text: string;
      /** Upper-case; the body METHOD when present, else the header `method=` param. */
      method: string | null;
      /** The chosen part's `method=` param, upper-cased, or null when absent. */
      headerMethod: string | null;
      part: CalendarPart;
      /** Every deviation from RFC 6047 that was tolerated, as a sentence, for the decision log. */
      notes: string[];
    };

/** One distinct calendar object (identical copies folded together), with what we read from it. */
interface Candidate {
  readonly part: CalendarPart;
  readonly index: number;
  readonly bodyMethod: string | null;
  readonly headerMethod: string | null;
  copies: number;
}

export function detectScheduling(mail: IncomingMail): DetectedScheduling {
  const parts = mail.calendarParts;
  if (parts.length === 0) {
    return {
      kind: 'none',
      reason: 'The mail has no calendar part (no text/calendar, application/ics or .ics attachment).',
    };
  }
  const candidates = foldDuplicates(parts);
  const scheduling = candidates.filter((c) => c.bodyMethod !== null || c.headerMethod !== null);
  if (scheduling.length === 0) {
    const what = parts.length === 1 ? describePart(parts[0]) : `${parts.length} calendar parts`;
    return {
      kind: 'none',
      reason: `The mail carries ${what} without METHOD (neither in the iCalendar body nor as a method= MIME parameter): calendar data, not a scheduling message.`,
    };
  }
  const best = [...scheduling].sort(compareCandidates)[0] as Candidate;
  return {
    kind: 'calendar',
    text: best.part.text,
    method: best.bodyMethod ?? best.headerMethod,
    headerMethod: best.headerMethod,
    part: best.part,
    notes: explain(best, candidates),
  };
}

/** Groups parts whose iCalendar text is the same after unfolding and line-ending normalisation. */
function foldDuplicates(parts: readonly CalendarPart[]): Candidate[] {
  const byKey = new Map<string, Candidate>();
  parts.forEach((part, index) => {
    const key = calendarCompareKey(part.text);
    const candidate: Candidate = {
      part,
      index,
      bodyMethod: readTopLevelMethod(part.text),
      headerMethod: normaliseMethodParam(part.method),
      copies: 1,
    };
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, candidate);
      return;
    }
    // Keep the copy a compliant reader would pick (the text/calendar with method=), count the other.
    const keep = compareCandidates(candidate, seen) < 0 ? candidate : seen;
    byKey.set(key, { ...keep, copies: seen.copies + 1 });
  });
  return [...byKey.values()].sort((a, b) => a.index - b.index);
}

/**
 * Preference order, best first: a body METHOD (what is applied) beats a header-only method; then the inline
 * text/calendar alternative (the part RFC 6047 §2.4 describes and Outlook/Google put in multipart/alternative);
 * then a part with a method= param; then text/calendar over application/ics; then document order.
 */
function compareCandidates(a: Candidate, b: Candidate): number {
  const score = (c: Candidate): number[] => [
    c.bodyMethod !== null ? 0 : 1,
    isTextCalendar(c.part) && !c.part.isAttachment ? 0 : 1,
    c.headerMethod !== null ? 0 : 1,
    isTextCalendar(c.part) ? 0 : 1,
    c.index,
  ];
  const sa = score(a);
  const sb = score(b);
  for (let i = 0; i < sa.length; i++) {
    const d = (sa[i] ?? 0) - (sb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function explain(best: Candidate, candidates: readonly Candidate[]): string[] {
  const notes: string[] = [];
  const raw = best.part.method;
  if (best.headerMethod === null) {
    notes.push(
      `method= missing in MIME header of ${describePart(best.part)} (RFC 6047 §2.4); body METHOD:${best.bodyMethod ?? '?'} used`,
    );
  } else if (best.bodyMethod === null) {
    notes.push(`body has no METHOD property; header method=${raw ?? best.headerMethod} used`);
  } else if (best.bodyMethod !== best.headerMethod) {
    notes.push(`header method=${raw ?? best.headerMethod} differs from body METHOD:${best.bodyMethod}: body used`);
  } else if (raw !== null && raw.trim() !== best.headerMethod) {
    notes.push(`header method=${raw.trim()} is not upper-case; read as ${best.headerMethod}`);
  }
  if (best.copies > 1) notes.push(`${best.copies} identical calendar parts; one used`);
  const others = candidates.filter((c) => c !== best);
  if (others.length > 0) {
    const list = others.map(
      (c) => `${describePart(c.part)}${c.bodyMethod ? ` METHOD:${c.bodyMethod}` : ' without METHOD'}`,
    );
    notes.push(
      `${candidates.length} different calendar parts; used ${describePart(best.part)}, ignored ${list.join(', ')}`,
    );
  }
  return notes;
}

/** `method=` is a MIME parameter value: case-insensitive in practice (tutanota#2960), sometimes quoted or padded. */
function normaliseMethodParam(value: string | null): string | null {
  if (value === null) return null;
  const v = value
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
    .toUpperCase();
  return v === '' ? null : v;
}

function isTextCalendar(part: CalendarPart): boolean {
  return part.contentType === 'text/calendar';
}

function describePart(part: CalendarPart | undefined): string {
  if (!part) return 'a calendar part';
  const where = part.isAttachment ? 'attachment' : 'inline';
  return part.filename ? `${part.contentType} ${part.filename} (${where})` : `${part.contentType} (${where})`;
}
