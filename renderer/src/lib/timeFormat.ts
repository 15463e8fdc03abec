/**
 * The one way the app shows time: dates, times, spans and zone names from the person's locale (Intl), 12- or
 * 24-hour as that locale says, in my zone unless another is asked for. `humanizeInstants` turns the raw ISO
 * instants still found in some sentences (engine reasons written before they became messages) into the same form,
 * so no screen shows `2026-12-11T15:00:00Z`.
 */
import type { Translator } from '../../../shared/i18n/catalogue.js';

export interface TimeSpan {
  readonly start: string | null;
  readonly end: string | null;
  readonly allDay: boolean;
}

export interface TimeFormat {
  /** The BCP 47 tag Intl formats with (e.g. en-US, en-GB, de-DE). */
  readonly intlLocale: string;
  /** My IANA zone. */
  readonly myZone: string;
  /** "Tue, 3 Mar, 10:00 – 11:00" (year only when not this year) in `zone` (mine when absent), or "…, all day". */
  span(span: TimeSpan, zone?: string | null): string;
  /** One instant with date and time, in my zone. */
  instant(iso: string): string;
  /**
   * Time of day only ("4:00 PM", "16:00"), or a range of it ("4:00 – 5:00 PM"), in my zone: what the calendar grid
   * prints on events and its hour axis, so they read like every other time in the app.
   */
  clock(startMs: number, endMs?: number | null): string;
  /** A zone's name for people: "Central European Time" (the IANA name when Intl has none). */
  zoneName(zone: string, at?: Date): string;
  /** The sentence with every ISO date or date-time in it replaced by its formatted form. */
  humanizeInstants(text: string): string;
}

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 date-times as the engine writes them (with or without seconds, Z or an offset), and plain dates. */
const ISO_IN_TEXT = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g;

function parseDateOnly(value: string): Date | null {
  const m = DATE_ONLY.exec(value);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

function parseInstant(value: string): Date | null {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function safeZone(zone: string | null | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    // An unknown zone name from the server must not break a card: my zone is shown instead.
    return undefined;
  }
}

export function createTimeFormat(intlLocale: string, t: Translator, now: () => Date = () => new Date()): TimeFormat {
  const myZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  const thisYear = (): number => now().getFullYear();

  const dateOptions = (d: Date): Intl.DateTimeFormatOptions =>
    d.getUTCFullYear() === thisYear()
      ? { weekday: 'short', day: 'numeric', month: 'short' }
      : { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };

  const dateTime = (d: Date, zone?: string): Intl.DateTimeFormat =>
    new Intl.DateTimeFormat(intlLocale, {
      ...dateOptions(d),
      hour: 'numeric',
      minute: '2-digit',
      ...(zone ? { timeZone: zone } : {}),
    });

  function allDay(start: string, end: string | null): string {
    const from = parseDateOnly(start);
    if (!from) return start;
    const fmt = new Intl.DateTimeFormat(intlLocale, { ...dateOptions(from), timeZone: 'UTC' });
    // DTEND of an all-day event is exclusive (RFC 5545 §3.6.1): the last day shown is the day before.
    const until = end ? parseDateOnly(end) : null;
    const last = until ? new Date(until.getTime() - DAY_MS) : null;
    const date = !last || last.getTime() <= from.getTime() ? fmt.format(from) : fmt.formatRange(from, last);
    return t.t('ui.time.allDay', { date });
  }

  function span(s: TimeSpan, zone?: string | null): string {
    if (!s.start) return t.t('ui.time.notGiven');
    if (s.allDay) return allDay(s.start, s.end);
    const from = parseInstant(s.start);
    if (!from) return s.start;
    const to = s.end ? parseInstant(s.end) : null;
    const fmt = dateTime(from, safeZone(zone));
    if (!to || to.getTime() <= from.getTime()) return fmt.format(from);
    return fmt.formatRange(from, to);
  }

  function instant(iso: string): string {
    const d = parseInstant(iso);
    return d ? dateTime(d).format(d) : iso;
  }

  function clock(startMs: number, endMs?: number | null): string {
    const fmt = new Intl.DateTimeFormat(intlLocale, { hour: 'numeric', minute: '2-digit' });
    if (endMs === undefined || endMs === null || endMs <= startMs) return fmt.format(startMs);
    // A 12-hour range shares its day period ("3:00 – 4:30 PM"); a 24-hour one is two times, since ICU's German
    // interval adds " Uhr", too long for a 15-minute block in the grid.
    const cycle = fmt.resolvedOptions().hourCycle;
    if (cycle === 'h23' || cycle === 'h24') return `${fmt.format(startMs)}–${fmt.format(endMs)}`;
    return fmt.formatRange(startMs, endMs);
  }

  function zoneName(zone: string, at: Date = now()): string {
    const tz = safeZone(zone);
    if (!tz) return zone;
    const part = new Intl.DateTimeFormat(intlLocale, { timeZone: tz, timeZoneName: 'longGeneric' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? zone;
  }

  function humanizeInstants(text: string): string {
    return text.replace(ISO_IN_TEXT, (match) => {
      if (DATE_ONLY.test(match)) {
        const d = parseDateOnly(match);
        return d ? new Intl.DateTimeFormat(intlLocale, { ...dateOptions(d), timeZone: 'UTC' }).format(d) : match;
      }
      // A date-time without a zone is floating (RFC 5545 §3.3.5): Date reads it as local time, which shows it
      // with the same wall-clock figures.
      const d = parseInstant(match.replace(' ', 'T'));
      return d ? dateTime(d).format(d) : match;
    });
  }

  return { intlLocale, myZone, span, instant, clock, zoneName, humanizeInstants };
}
