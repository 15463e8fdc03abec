/**
 * The calendars of one server as a radio group: name, colour, read-only ones shown but disabled (they can never
 * take an invitation), the server's default marked. Used by the account form and by Settings.
 */
import { useId } from 'react';
import type { CalendarProbeView } from '../api';
import { useWords } from '../lib/i18n';
import { ColourSwatch } from './ColourSwatch';

export type PickerCalendar = CalendarProbeView['calendars'][number];

export interface CalendarPickerProps {
  readonly calendars: readonly PickerCalendar[];
  /** The href checked now. */
  readonly selected: string | null;
  readonly defaultHref: string | null;
  readonly legend: string;
  readonly onSelect: (href: string) => void;
  readonly disabled?: boolean;
}

export function CalendarPicker({ calendars, selected, defaultHref, legend, onSelect, disabled }: CalendarPickerProps) {
  const w = useWords();
  const name = useId();
  return (
    <fieldset className="calendar-picker">
      <legend>{legend}</legend>
      <ul>
        {calendars.map((c) => (
          <li key={c.href} className={c.writable ? 'calendar-option' : 'calendar-option read-only'}>
            <label>
              <input
                type="radio"
                name={name}
                value={c.href}
                checked={selected === c.href}
                disabled={!c.writable || disabled}
                onChange={() => onSelect(c.href)}
              />{' '}
              <ColourSwatch color={c.color} /> <span className="calendar-name">{c.name}</span>
              {!c.writable ? <span className="calendar-note"> · {w.t('calendars.list.readOnly')}</span> : null}
              {c.href === defaultHref ? (
                <span className="calendar-note"> · {w.t('calendars.list.default')}</span>
              ) : null}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
