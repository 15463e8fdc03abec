/**
 * Moving a whole series: a new DTSTART/DTEND on the master (the organizer changes the series' time, or accepts a
 * counter-proposal for it) moves every instance, so what names an instance moves along (RFC 5545 §3.8.4.4,
 * §3.8.5). Each override's RECURRENCE-ID, each EXDATE and each RDATE shifts by the wall-clock shift of the
 * master's DTSTART in the series' zone (whole days for an all-day series), so an override stays attached to its
 * instance across a change of summer time, a cancelled occurrence stays cancelled and an added one moves along. An
 * override at its instance's own time (DTSTART equal to RECURRENCE-ID) moves to the new instance time with the
 * series' new length; one moved on its own keeps its times.
 */
import ICAL from 'ical.js';
import { endOf } from '../ical/recurrence.js';
import { readSeries, seriesBase, utcOfWall, valueInstance, wallOfUtc, type SeriesDef } from '../ical/recurrenceSet.js';
import { exactTime, timeFromWall } from '../ical/time.js';
import { MS_PER_DAY } from '../ical/civil.js';
import { eventsOf, forgetInstanceKey, recurrenceIdOf, timeValue, type Comp, type Prop } from './components.js';

/**
 * Runs `setTimes`, which gives the master of `cal` its new DTSTART/DTEND (and defines their zones in `cal`), then
 * moves the series' overrides, EXDATEs and RDATEs by the shift of its DTSTART.
 */
export function moveSeries(cal: Comp, master: Comp, setTimes: () => void): void {
  const before = readSeries(master);
  setTimes();
  const after = readSeries(master);
  if (!before || !after) return;
  const from = seriesBase(before);
  const shift = after.start.wall - before.start.wall;
  const days = Math.floor(after.start.wall / MS_PER_DAY) - Math.floor(before.start.wall / MS_PER_DAY);
  if (days % 7 !== 0) shiftWeekdays(master, days);
  const moved = (v: ICAL.Time): ICAL.Time => instanceTime(after, valueInstance(from, v).wall + shift);
  for (const name of ['exdate', 'rdate']) {
    for (const p of master.getAllProperties(name)) {
      const values = valuesOf(p);
      if (!values) continue;
      master.removeProperty(p);
      for (const v of values) {
        if (v instanceof ICAL.Time) addTime(master, name, moved(v));
        else if (v instanceof ICAL.Period && v.start instanceof ICAL.Time) addPeriod(master, v, moved);
      }
    }
  }
  for (const e of eventsOf(cal)) {
    const rid = recurrenceIdOf(e);
    if (!rid) continue;
    const start = timeValue(e, 'dtstart');
    const atInstance = !start || valueInstance(from, start).key === valueInstance(from, rid).key;
    const ridProp = e.getFirstProperty('recurrence-id');
    const range = ridProp?.getParameter('range');
    const newRid = moved(rid);
    setTime(e, 'recurrence-id', newRid);
    if (typeof range === 'string') e.getFirstProperty('recurrence-id')?.setParameter('range', range);
    forgetInstanceKey(e);
    if (atInstance) moveToInstance(e, master, newRid);
  }
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/**
 * A series moved to another weekday (the Monday meeting now on Tuesdays): the weekdays its RRULE names move by the
 * same number of days, an ordinal kept ("2MO" becomes "2TU"); otherwise the rule would go on generating the old
 * weekday beside a DTSTART on the new one.
 */
function shiftWeekdays(master: Comp, days: number): void {
  for (const p of master.getAllProperties('rrule')) {
    const rule = p.getFirstValue();
    if (!(rule instanceof ICAL.Recur)) continue;
    const parts = rule.parts as Record<string, unknown>;
    const byday = parts.BYDAY;
    const list = Array.isArray(byday) ? byday.map(String) : typeof byday === 'string' ? [byday] : [];
    if (list.length === 0) continue;
    parts.BYDAY = list.map((d) => {
      const m = /^([+-]?\d*)([A-Z]{2})$/i.exec(d.trim());
      const i = m ? WEEKDAYS.indexOf((m[2] as string).toUpperCase()) : -1;
      return m && i >= 0 ? `${m[1] ?? ''}${WEEKDAYS[(((i + days) % 7) + 7) % 7] as string}` : d;
    });
    p.setValue(rule);
  }
}

/** An override at its instance's time: the new instance time and the series' length (DTEND or DURATION). */
function moveToInstance(e: Comp, master: Comp, start: ICAL.Time): void {
  setTime(e, 'dtstart', start);
  e.removeAllProperties('dtend');
  e.removeAllProperties('duration');
  const duration = master.getFirstProperty('duration');
  if (duration) e.addProperty(ICAL.Property.fromString(duration.toICALString()));
  else if (master.hasProperty('dtend')) setTime(e, 'dtend', endOf(master, start));
}

/** The series' instance at a wall time of its zone (a date for an all-day series). */
function instanceTime(series: SeriesDef, wall: number): ICAL.Time {
  if (series.isDate) return timeFromWall(Math.floor(wall / MS_PER_DAY) * MS_PER_DAY, null, true);
  const utc = utcOfWall(series.clock, wall);
  return exactTime(timeFromWall(wallOfUtc(series.clock, utc), series.clock.zone, false, utc), utc);
}

function valuesOf(p: Prop): unknown[] | null {
  try {
    return p.getValues();
  } catch {
    return null; // a malformed line is left as it is
  }
}

/** Replaces property `name` with one time, written with its zone's TZID as the rest of the event is. */
function setTime(c: Comp, name: string, t: ICAL.Time): void {
  c.removeAllProperties(name);
  addTime(c, name, t);
}

function addTime(c: Comp, name: string, t: ICAL.Time): void {
  c.addProperty(timeProperty(name, t));
}

/** A DTSTART-like property for `t`: its zone's TZID (none for UTC and floating times), VALUE=DATE for a date. */
export function timeProperty(name: string, t: ICAL.Time): Prop {
  return ICAL.Property.fromString(`${name.toUpperCase()}${paramsOf(t)}:${t.toICALString()}`);
}

function addPeriod(c: Comp, p: ICAL.Period, moved: (v: ICAL.Time) => ICAL.Time): void {
  const start = moved(p.start);
  const end = p.end instanceof ICAL.Time ? moved(p.end).toICALString() : (p.duration?.toString() ?? '');
  if (!end) return;
  const tzid = paramsOf(start);
  c.addProperty(ICAL.Property.fromString(`RDATE;VALUE=PERIOD${tzid}:${start.toICALString()}/${end}`));
}

function paramsOf(t: ICAL.Time): string {
  if (t.isDate) return ';VALUE=DATE';
  const zone = t.zone;
  return zone && zone !== ICAL.Timezone.utcTimezone && zone !== ICAL.Timezone.localTimezone
    ? `;TZID=${/[;:,]/.test(zone.tzid) ? `"${zone.tzid}"` : zone.tzid}`
    : '';
}
