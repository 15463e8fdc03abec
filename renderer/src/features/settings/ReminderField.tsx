/**
 * The default reminder for meetings I accept or organize, as a choice in plain words: none, when it starts, 5, 10,
 * 15 or 30 minutes, an hour or a day before. A value written by hand into config.json that is none of these is
 * offered as one more choice, worded the same way.
 */
import { useId } from 'react';
import { useWords, type Words } from '../../lib/i18n';

export interface ReminderFieldProps {
  /** Minutes before the start; null: no default reminder. */
  readonly value: number | null;
  readonly onChange: (minutes: number | null) => void;
}

export const REMINDER_PRESETS: readonly number[] = [0, 5, 10, 15, 30, 60, 1440];
const NONE = 'none';

/** "15 minutes before", "1 hour before", "1 day before", "When it starts". */
export function reminderWords(w: Words, minutes: number): string {
  if (minutes === 0) return w.t('ui.settings.reminder.atStart');
  if (minutes % 1440 === 0) return w.t('ui.settings.reminder.days', { count: minutes / 1440 });
  if (minutes % 60 === 0) return w.t('ui.settings.reminder.hours', { count: minutes / 60 });
  return w.t('ui.settings.reminder.minutes', { count: minutes });
}

export function ReminderField({ value, onChange }: ReminderFieldProps) {
  const w = useWords();
  const id = useId();
  const choices = value === null || REMINDER_PRESETS.includes(value) ? REMINDER_PRESETS : [...REMINDER_PRESETS, value];
  return (
    <div className="field reminder-field">
      <label htmlFor={id}>{w.t('ui.settings.reminder')}</label>
      <select
        id={id}
        value={value === null ? NONE : String(value)}
        aria-describedby={`${id}-help`}
        onChange={(e) => onChange(e.target.value === NONE ? null : Number(e.target.value))}
      >
        <option value={NONE}>{w.t('ui.settings.reminder.none')}</option>
        {[...choices]
          .sort((a, b) => a - b)
          .map((m) => (
            <option key={m} value={String(m)}>
              {reminderWords(w, m)}
            </option>
          ))}
      </select>
      <p className="help" id={`${id}-help`}>
        {w.t('ui.settings.reminder.help')}
      </p>
    </div>
  );
}
