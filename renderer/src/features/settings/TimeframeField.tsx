/**
 * The time frame as a choice: 1 week, 2 weeks, 4 weeks, 3 months, or another number of days. Stored in the
 * settings' unit syntax (`1W`, `13W`, `10D`); a value written by hand in the config file that is none of these is
 * shown as its number of days when it is whole days.
 */
import { useEffect, useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useWords } from '../../lib/i18n';

export interface TimeframeFieldProps {
  readonly value: string;
  /** Resolves to null when saved, or to the reason it was not. */
  readonly onSave: (text: string) => Promise<string | null>;
}

export const PRESETS = ['1W', '2W', '4W', '13W'] as const;
type Preset = (typeof PRESETS)[number];

const UNIT_MS: Readonly<Record<string, number>> = {
  W: 604_800_000,
  D: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};
const DAY_MS = 86_400_000;

/** Whole days of a time frame text ("2W" → 14, "3D 24h" → 4), or null when it is not whole days or not valid. */
export function timeframeDays(text: string): number | null {
  const parts = [...text.matchAll(/(\d+)\s*(ms|W|D|h|m|s)/g)];
  if (parts.length === 0 || text.replace(/(\d+)\s*(ms|W|D|h|m|s)/g, '').trim() !== '') return null;
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_MS[p[2] ?? ''] ?? 0), 0);
  return ms > 0 && ms % DAY_MS === 0 ? ms / DAY_MS : null;
}

function presetOf(value: string): Preset | null {
  const days = timeframeDays(value);
  return PRESETS.find((p) => timeframeDays(p) === days) ?? null;
}

export function TimeframeField({ value, onSave }: TimeframeFieldProps) {
  const w = useWords();
  const id = useId();
  const preset = presetOf(value);
  const [choice, setChoice] = useState<Preset | 'custom'>(preset ?? 'custom');
  const [days, setDays] = useState(() => String(timeframeDays(value) ?? ''));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setChoice(presetOf(value) ?? 'custom');
    setDays(String(timeframeDays(value) ?? ''));
  }, [value]);

  async function save(text: string): Promise<void> {
    const failure = await onSave(text);
    setError(failure === null ? null : w.t('ui.settings.timeframe.invalid'));
  }

  async function saveDays(): Promise<void> {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 3650) {
      setError(w.t('ui.settings.timeframe.invalid'));
      return;
    }
    await save(`${n}D`);
  }

  const current = timeframeDays(value);
  return (
    <div className="timeframe-field">
      <div className="field">
        <label htmlFor={id}>{w.t('ui.settings.timeframe')}</label>
        <select
          id={id}
          value={choice}
          aria-describedby={`${id}-help`}
          onChange={(e) => {
            const next = e.target.value as Preset | 'custom';
            setChoice(next);
            setError(null);
            if (next !== 'custom') void save(next);
          }}
        >
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {w.t(`ui.settings.timeframe.${p}`)}
            </option>
          ))}
          <option value="custom">{w.t('ui.settings.timeframe.custom')}</option>
        </select>
      </div>
      {choice === 'custom' ? (
        <div className="inline-field">
          <label htmlFor={`${id}-days`}>{w.t('ui.settings.timeframe.days')}</label>
          <input
            id={`${id}-days`}
            type="number"
            min={1}
            max={3650}
            step={1}
            value={days}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setDays(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void saveDays();
              }
            }}
          />
          <button type="button" className="button" onClick={() => void saveDays()}>
            {w.t('ui.settings.timeframe.saveDays')}
          </button>
        </div>
      ) : null}
      <p className="help" id={`${id}-help`}>
        {w.t('ui.settings.timeframe.help')}{' '}
        {current !== null && !presetOf(value)
          ? w.t('ui.settings.timeframe.current', { value: w.t('ui.settings.timeframe.daysValue', { count: current }) })
          : null}
      </p>
      <ErrorMessage message={error} id={`${id}-error`} />
    </div>
  );
}
