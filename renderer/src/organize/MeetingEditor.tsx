/**
 * The meeting editor: a new meeting I organize (title, start and end or all day, in my zone, location,
 * description, how it repeats, attendees required and optional) or a change to one of mine (the same fields, plus
 * attendees to add or take off; one occurrence of a series when opened on it). My busy time beside the chosen time
 * (BusyNote). Saving calls `createEvent` / `updateEvent`; the result's undo is offered in the toast.
 */
import { useId, useState, type FormEvent } from 'react';
import { getApi } from '../api';
import type { EventView } from '../../../shared/model/decisions.js';
import type { ActionOutcome, IpcResult } from '../../../shared/ipc/contract.js';
import { ErrorMessage } from '../components/ErrorMessage';
import { useWords } from '../lib/i18n';
import { BusyNote } from './BusyNote';
import { browserZone, inputValueOf, instantOfInput, nextHour } from './localTime';
import { AttendeeField } from './AttendeeField';
import { outcomeWords } from './outcomeWords';
import { offerUndo } from './undoOffer';

const REPEATS = ['none', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'custom'] as const;
type Repeat = (typeof REPEATS)[number];

export interface MeetingEditorProps {
  /** The meeting to change (the series' master, or one occurrence); absent for a new one. */
  readonly event?: EventView;
  /** With an occurrence: the change is for it and all following ones (RANGE=THISANDFUTURE). */
  readonly thisAndFuture?: boolean;
  readonly onDone: (outcome: ActionOutcome | null) => void;
}

export function MeetingEditor({ event, thisAndFuture, onDone }: MeetingEditorProps) {
  const w = useWords();
  const id = useId();
  const first = nextHour();
  const [summary, setSummary] = useState(event?.summary ?? '');
  const [start, setStart] = useState(event ? inputValueOf(event.start) : first.start);
  const [end, setEnd] = useState(event ? inputValueOf(event.end) : first.end);
  const [allDay, setAllDay] = useState(event?.allDay ?? false);
  const [location, setLocation] = useState(event?.location ?? '');
  const [description, setDescription] = useState(event?.description ?? '');
  const [repeat, setRepeat] = useState<Repeat>('none');
  const [rrule, setRrule] = useState('');
  const [required, setRequired] = useState<readonly string[]>([]);
  const [optional, setOptional] = useState<readonly string[]>([]);
  const [removed, setRemoved] = useState<readonly string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    const add = [
      ...required.map((address) => ({ address })),
      ...optional.map((address) => ({ address, optional: true })),
    ];
    if (!summary.trim()) return setError(w.t('ui.organize.needTitle'));
    if (!event && add.length === 0) return setError(w.t('ui.organize.needAttendee'));
    setSaving(true);
    setError(null);
    const dates = allDay ? { start: start.slice(0, 10), end: end.slice(0, 10) } : { start, end };
    const r: IpcResult<ActionOutcome> = event
      ? await getApi().updateEvent({
          uid: event.uid,
          recurrenceId: event.recurrenceId,
          ...(event.recurrenceId && thisAndFuture ? { thisAndFuture: true } : {}),
          summary: summary !== event.summary ? summary : null,
          ...(start !== inputValueOf(event.start) || end !== inputValueOf(event.end)
            ? { start: instantOfInput(start), end: instantOfInput(end) }
            : {}),
          location: location !== (event.location ?? '') ? location : null,
          description: description !== (event.description ?? '') ? description : null,
          addAttendees: add,
          removeAttendees: [...removed],
        })
      : await getApi().createEvent({
          summary,
          ...dates,
          tz: allDay ? null : browserZone(),
          allDay,
          location: location || null,
          description: description || null,
          rrule: repeat === 'none' ? null : repeat === 'custom' ? rrule || null : `FREQ=${repeat}`,
          attendees: add,
        });
    setSaving(false);
    if (!r.ok) return setError(r.error.message);
    if (r.value.outcome === 'error') return setError(w.text(r.value.reason));
    offerUndo(r.value.undo, outcomeWords(w, r.value));
    onDone(r.value);
  }

  const f = (name: string) => `${id}-${name}`;
  return (
    <form
      className="meeting-editor"
      onSubmit={(e) => void save(e)}
      aria-label={w.t(event ? 'ui.organize.editHeading' : 'ui.organize.newHeading')}
    >
      <div className="field">
        <label htmlFor={f('summary')}>{w.t('ui.organize.title')}</label>
        <input id={f('summary')} value={summary} onChange={(e) => setSummary(e.target.value)} required />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={f('start')}>{w.t('ui.organize.start')}</label>
          <input
            id={f('start')}
            type="datetime-local"
            value={start}
            onChange={(e) => setStart(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={f('end')}>{w.t('ui.organize.end')}</label>
          <input id={f('end')} type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} required />
        </div>
      </div>
      {!event ? (
        <label className="inline-field">
          <input type="checkbox" checked={allDay} onChange={(e) => setAllDay(e.target.checked)} />{' '}
          {w.t('ui.organize.allDay')}
        </label>
      ) : null}
      {!allDay ? (
        <BusyNote from={instantOfInput(start)} to={instantOfInput(end)} exceptUid={event?.uid ?? null} />
      ) : null}
      <p className="help">{w.t('ui.time.yourZone', { zone: w.time.zoneName(browserZone()) })}</p>
      <div className="field">
        <label htmlFor={f('location')}>{w.t('ui.organize.location')}</label>
        <input id={f('location')} value={location} onChange={(e) => setLocation(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={f('description')}>{w.t('ui.organize.description')}</label>
        <textarea id={f('description')} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      {!event ? (
        <div className="field">
          <label htmlFor={f('repeat')}>{w.t('ui.organize.repeat')}</label>
          <select id={f('repeat')} value={repeat} onChange={(e) => setRepeat(e.target.value as Repeat)}>
            {REPEATS.map((r) => (
              <option key={r} value={r}>
                {w.t('ui.organize.repeatChoice', { repeat: r })}
              </option>
            ))}
          </select>
          {repeat === 'custom' ? (
            <input
              aria-label={w.t('ui.organize.rrule')}
              placeholder="FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10"
              value={rrule}
              onChange={(e) => setRrule(e.target.value)}
            />
          ) : null}
        </div>
      ) : null}
      {event && event.attendees.length ? (
        <fieldset className="field">
          <legend>{w.t('ui.organize.removeAttendees')}</legend>
          {event.attendees
            .filter((a) => a.address !== event.organizer?.address)
            .map((a) => (
              <label key={a.address} className="inline-field">
                <input
                  type="checkbox"
                  checked={removed.includes(a.address)}
                  onChange={(e) =>
                    setRemoved(e.target.checked ? [...removed, a.address] : removed.filter((x) => x !== a.address))
                  }
                />{' '}
                {a.name ? `${a.name} <${a.address}>` : a.address}
              </label>
            ))}
        </fieldset>
      ) : null}
      <AttendeeField
        label={w.t(event ? 'ui.organize.addRequired' : 'ui.organize.required')}
        value={required}
        onChange={setRequired}
      />
      <AttendeeField label={w.t('ui.organize.optional')} value={optional} onChange={setOptional} />
      <ErrorMessage message={error} />
      <div className="choice-buttons">
        <button type="submit" className="button primary" disabled={saving}>
          {w.t(event ? 'ui.organize.saveChanges' : 'ui.organize.send')}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          {w.t('ui.organize.close')}
        </button>
      </div>
    </form>
  );
}
