/**
 * A recurrence rule in words for people: "Weekly on Monday, 8 times", "Alle 2 Wochen am Montag und Mittwoch,
 * bis 30. März 2026". Reads the RRULE value text (RFC 5545 §3.3.10) itself, so it needs no ical.js objects and
 * runs in the renderer; the words come from the catalogue (keys `ui.recurrence.*`), weekday and month names from
 * Intl in the translator's language. Rules it cannot say exactly (hourly, BYSETPOS, several BYMONTHDAY values…)
 * are said as "Repeats" rather than said wrong.
 */
import type { Translator } from '../i18n/catalogue.js';

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
type Weekday = (typeof WEEKDAYS)[number];

interface Rule {
  readonly freq: string;
  readonly interval: number;
  readonly count: number | null;
  /** UNTIL as its date (year, month, day); the time of an UNTIL date-time does not change the words. */
  readonly until: { readonly y: number; readonly m: number; readonly d: number } | null;
  readonly byDay: readonly { readonly pos: number; readonly day: Weekday }[];
  readonly byMonthDay: readonly number[];
  readonly byMonth: readonly number[];
  readonly other: boolean;
}

const KNOWN_PARTS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'WKST']);

function parseRule(text: string): Rule | null {
  const parts = new Map<string, string>();
  for (const piece of text.replace(/^RRULE:/i, '').split(';')) {
    const [k, v] = piece.split('=');
    if (k && v !== undefined) parts.set(k.trim().toUpperCase(), v.trim().toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (!freq) return null;
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : null;
  const u = /^(\d{4})(\d{2})(\d{2})/.exec(parts.get('UNTIL') ?? '');
  const byDay: { pos: number; day: Weekday }[] = [];
  for (const item of (parts.get('BYDAY') ?? '').split(',').filter(Boolean)) {
    const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
    if (!m) return null;
    byDay.push({ pos: m[1] ? Number(m[1]) : 0, day: m[2] as Weekday });
  }
  const numbers = (key: string): number[] => (parts.get(key) ?? '').split(',').filter(Boolean).map(Number);
  return {
    freq,
    interval: Number.isInteger(interval) && interval > 0 ? interval : 1,
    count: count !== null && Number.isInteger(count) && count > 0 ? count : null,
    until: u ? { y: Number(u[1]), m: Number(u[2]), d: Number(u[3]) } : null,
    byDay,
    byMonthDay: numbers('BYMONTHDAY'),
    byMonth: numbers('BYMONTH'),
    other: [...parts.keys()].some((k) => !KNOWN_PARTS.has(k)),
  };
}

function weekdayName(locale: string, day: Weekday): string {
  // 1 January 2024 was a Monday.
  const date = new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day)));
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(date);
}

function list(locale: string, items: readonly string[]): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

const WORKWEEK: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

/** The "on …" part, or '' when there is none, or null when the rule says more than these words can. */
function onPart(rule: Rule, t: Translator): string | null {
  const locale = t.locale;
  if (rule.byDay.length > 0 && rule.byMonthDay.length > 0) return null;
  if (rule.byDay.length > 0) {
    if (rule.byDay.every((d) => d.pos === 0)) {
      return t.t('ui.recurrence.onDays', {
        days: list(
          locale,
          rule.byDay.map((d) => weekdayName(locale, d.day)),
        ),
      });
    }
    const [only] = rule.byDay;
    if (rule.byDay.length !== 1 || !only || only.pos < -1 || only.pos > 5) return null;
    return t.t('ui.recurrence.onNthWeekday', {
      pos: only.pos === -1 ? 'last' : String(only.pos),
      weekday: weekdayName(locale, only.day),
    });
  }
  if (rule.byMonthDay.length === 1 && rule.freq === 'YEARLY' && rule.byMonth.length === 1) {
    const date = new Date(Date.UTC(2024, (rule.byMonth[0] ?? 1) - 1, rule.byMonthDay[0] ?? 1));
    return t.t('ui.recurrence.onDate', {
      date: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(date),
    });
  }
  if (rule.byMonthDay.length === 1) {
    const day = rule.byMonthDay[0] ?? 1;
    return day === -1 ? t.t('ui.recurrence.onLastDay') : day > 0 ? t.t('ui.recurrence.onMonthDay', { day }) : null;
  }
  if (rule.byMonthDay.length > 1 || rule.byMonth.length > 0) return null;
  return '';
}

const FREQ_KEYS = {
  DAILY: 'ui.recurrence.daily',
  WEEKLY: 'ui.recurrence.weekly',
  MONTHLY: 'ui.recurrence.monthly',
  YEARLY: 'ui.recurrence.yearly',
} as const;

/** The rule in words in the translator's language; "Repeats" for a rule the words cannot say exactly. */
export function describeRecurrence(rrule: string, t: Translator): string {
  const rule = parseRule(rrule);
  const key = rule ? FREQ_KEYS[rule.freq as keyof typeof FREQ_KEYS] : undefined;
  if (!rule || !key || rule.other) return t.t('ui.recurrence.other');
  const on = onPart(rule, t);
  if (on === null) return t.t('ui.recurrence.other');
  const workweek =
    rule.freq === 'WEEKLY' &&
    rule.interval === 1 &&
    rule.byDay.length === 5 &&
    WORKWEEK.every((d) => rule.byDay.some((b) => b.day === d && b.pos === 0));
  const base = workweek
    ? t.t('ui.recurrence.workdays')
    : on
      ? t.t('ui.recurrence.withOn', { rule: t.t(key, { interval: rule.interval }), on })
      : t.t(key, { interval: rule.interval });
  if (rule.count !== null) return t.t('ui.recurrence.count', { rule: base, count: rule.count });
  if (rule.until) {
    const until = new Date(Date.UTC(rule.until.y, rule.until.m - 1, rule.until.d));
    return t.t('ui.recurrence.until', {
      rule: base,
      date: new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(until),
    });
  }
  return base;
}
