/**
 * Times between the browser's date-time inputs and the API: an input holds a wall time in the person's zone
 * (`2026-03-10T10:00`), the API takes ISO instants, or wall times with the zone named beside them.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** The input value for an instant, in the browser's zone ('' when there is none). */
export function inputValueOf(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant an input value means in the browser's zone, as ISO (null when the value is not a date-time). */
export function instantOfInput(value: string): string | null {
  const d = new Date(value);
  return value && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** An hour from now, on the hour: what a new meeting starts at. */
export function nextHour(now = new Date()): { start: string; end: string } {
  const s = new Date(now);
  s.setMinutes(0, 0, 0);
  s.setHours(s.getHours() + 1);
  const e = new Date(s);
  e.setHours(e.getHours() + 1);
  return { start: inputValueOf(s.toISOString()), end: inputValueOf(e.toISOString()) };
}

/** Addresses typed one per line or separated by commas or semicolons. */
export function addressesIn(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
