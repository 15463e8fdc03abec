/**
 * What I can do with an event from its details: on my own meetings Edit and Cancel; on meetings I attend, change
 * my answer (with or without a reply to the organizer), propose a new time, delegate, ask for the latest version;
 * on a cancelled meeting "Cancelled by the organizer" and Remove from calendar. Each action's result is said in
 * words and its undo offered in the toast; `onChanged` reloads the details.
 */
import { useId, useState, type ReactNode } from 'react';
import { getApi } from '../api';
import type { EventView } from '../../../shared/model/decisions.js';
import type { ActionOutcome, IpcResult } from '../../../shared/ipc/contract.js';
import { ErrorMessage } from '../components/ErrorMessage';
import { useWords } from '../lib/i18n';
import { BusyNote } from './BusyNote';
import { inputValueOf, instantOfInput } from './localTime';
import { MeetingDialog } from './NewMeeting';
import { offerUndo } from './undoOffer';
import { useMe } from './useMe';
import { outcomeWords } from './outcomeWords';
import { ScopeChoice, scopeArgs, type Scope } from './ScopeChoice';
import { isMyAddress } from '../../../shared/util/address.js';

type Form = 'none' | 'scope' | 'edit' | 'cancel' | 'counter' | 'delegate';

export interface EventActionsProps {
  readonly event: EventView;
  /** The event changed (reload its details) or, with `gone`, left the calendar (close them). */
  readonly onChanged: (gone?: boolean) => void;
}

export function EventActions({ event, onChanged }: EventActionsProps) {
  const w = useWords();
  const me = useMe();
  const [form, setForm] = useState<Form>('none');
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const [sendReply, setSendReply] = useState(true);
  const [scope, setScope] = useState<Scope>('occurrence');
  // What the editor opens on: the occurrence, or the series' master when the whole series is changed.
  const [editing, setEditing] = useState<EventView>(event);
  const replyId = useId();
  const organizer = event.organizer?.address ?? null;
  // `me+token@…` (a reply token in my invitations) is me too.
  const mine = organizer !== null && isMyAddress(organizer, me);
  const attending = !mine && event.attendees.some((a) => isMyAddress(a.address, me));
  const cancelled = event.status?.toUpperCase() === 'CANCELLED';
  const ref = { uid: event.uid, recurrenceId: event.recurrenceId };
  // One occurrence of a series: edit and cancel ask which meetings they are for.
  const occurrence = event.recurring && event.recurrenceId !== null;

  async function startEdit(): Promise<void> {
    setError(null);
    if (occurrence && scope === 'series') {
      const r = await getApi().getEvent({ uid: event.uid, recurrenceId: null });
      if (!r.ok) return setError(r.error.message);
      setEditing(r.value);
    } else setEditing(event);
    setForm('edit');
  }

  async function run(call: Promise<IpcResult<ActionOutcome>>, gone = false): Promise<void> {
    setError(null);
    const r = await call;
    if (!r.ok) return setError(r.error.message);
    if (r.value.outcome === 'error') return setError(w.text(r.value.reason));
    const words = outcomeWords(w, r.value);
    setSaid(words);
    offerUndo(r.value.undo, words);
    setForm('none');
    onChanged(gone);
  }

  if (cancelled)
    return (
      <section className="event-actions" aria-label={w.t('ui.organize.actions')}>
        <p className="notice">{w.t(mine ? 'ui.organize.cancelledByMe' : 'ui.organize.cancelledByOrganizer')}</p>
        <button
          type="button"
          className="button"
          onClick={() => void run(getApi().removeEvent({ uid: event.uid }), true)}
        >
          {w.t('ui.organize.remove')}
        </button>
        <ErrorMessage message={error} />
      </section>
    );
  if (!mine && !attending) return null;
  return (
    <section className="event-actions" aria-label={w.t('ui.organize.actions')}>
      {said ? <p className="help">{said}</p> : null}
      {mine ? (
        <div className="choice-buttons">
          <button
            type="button"
            className="button"
            onClick={() => (occurrence ? setForm(form === 'scope' ? 'none' : 'scope') : void startEdit())}
          >
            {w.t('ui.organize.edit')}
          </button>
          <button type="button" className="button" onClick={() => setForm(form === 'cancel' ? 'none' : 'cancel')}>
            {w.t('ui.organize.cancelMeeting')}
          </button>
        </div>
      ) : (
        <>
          <div className="choice-buttons" role="group" aria-label={w.t('ui.organize.changeAnswer')}>
            {(['accepted', 'tentative', 'declined'] as const).map((status) => (
              <button
                key={status}
                type="button"
                className="button"
                onClick={() => void run(getApi().respondToEvent({ ...ref, status, sendReply }))}
              >
                {w.t('ui.organize.answer', { status })}
              </button>
            ))}
          </div>
          <label className="inline-field" htmlFor={replyId}>
            <input id={replyId} type="checkbox" checked={sendReply} onChange={(e) => setSendReply(e.target.checked)} />{' '}
            {w.t('ui.organize.sendReply')}
          </label>
          <div className="choice-buttons">
            <button type="button" className="button" onClick={() => setForm(form === 'counter' ? 'none' : 'counter')}>
              {w.t('ui.organize.propose')}
            </button>
            <button type="button" className="button" onClick={() => setForm(form === 'delegate' ? 'none' : 'delegate')}>
              {w.t('ui.organize.delegate')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void run(getApi().refreshEvent({ uid: event.uid }))}
            >
              {w.t('ui.organize.refresh')}
            </button>
          </div>
        </>
      )}
      {form === 'scope' ? (
        <div className="action-form">
          <ScopeChoice legend={w.t('ui.organize.scopeEdit')} value={scope} onChange={setScope} />
          <button type="button" className="button primary" onClick={() => void startEdit()}>
            {w.t('ui.organize.continue')}
          </button>
        </div>
      ) : null}
      {form === 'edit' ? (
        <MeetingDialog
          event={editing}
          thisAndFuture={occurrence && scope === 'following'}
          onDone={(o) => (setForm('none'), o ? (setSaid(outcomeWords(w, o)), onChanged()) : undefined)}
        />
      ) : null}
      {form === 'cancel' ? (
        <TextForm
          label={w.t('ui.organize.cancelComment')}
          submit={w.t('ui.organize.cancelSend')}
          onSubmit={(comment) =>
            run(
              getApi().cancelEvent({
                uid: event.uid,
                ...(occurrence
                  ? scopeArgs(scope, event.recurrenceId)
                  : { recurrenceId: event.recurrenceId, thisAndFuture: false }),
                comment: comment || null,
              }),
            )
          }
        >
          {occurrence ? (
            <ScopeChoice legend={w.t('ui.organize.scopeCancel')} value={scope} onChange={setScope} />
          ) : null}
        </TextForm>
      ) : null}
      {form === 'delegate' ? (
        <TextForm
          label={w.t('ui.organize.delegateTo')}
          submit={w.t('ui.organize.delegateSend')}
          type="email"
          onSubmit={(to) => run(getApi().delegateEvent({ ...ref, to }))}
        />
      ) : null}
      {form === 'counter' ? (
        <CounterForm event={event} onSubmit={(args) => run(getApi().counterEvent({ ...ref, ...args }))} />
      ) : null}
      <ErrorMessage message={error} />
    </section>
  );
}

function TextForm(props: {
  label: string;
  submit: string;
  type?: string;
  onSubmit: (v: string) => Promise<void>;
  children?: ReactNode;
}) {
  const id = useId();
  const [value, setValue] = useState('');
  return (
    <form className="field action-form" onSubmit={(e) => (e.preventDefault(), void props.onSubmit(value.trim()))}>
      {props.children}
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        required={props.type === 'email'}
      />
      <button type="submit" className="button primary">
        {props.submit}
      </button>
    </form>
  );
}

function CounterForm(props: {
  event: EventView;
  onSubmit: (a: { start: string; end: string; comment: string | null }) => Promise<void>;
}): ReactNode {
  const w = useWords();
  const id = useId();
  const [start, setStart] = useState(inputValueOf(props.event.start));
  const [end, setEnd] = useState(inputValueOf(props.event.end));
  const [comment, setComment] = useState('');
  const from = instantOfInput(start);
  const to = instantOfInput(end);
  return (
    <form
      className="action-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (from && to) void props.onSubmit({ start: from, end: to, comment: comment.trim() || null });
      }}
    >
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-s`}>{w.t('ui.organize.start')}</label>
          <input
            id={`${id}-s`}
            type="datetime-local"
            value={start}
            onChange={(e) => setStart(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-e`}>{w.t('ui.organize.end')}</label>
          <input id={`${id}-e`} type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} required />
        </div>
      </div>
      <BusyNote from={from} to={to} exceptUid={props.event.uid} />
      <div className="field">
        <label htmlFor={`${id}-c`}>{w.t('ui.organize.comment')}</label>
        <input id={`${id}-c`} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <button type="submit" className="button primary">
        {w.t('ui.organize.proposeSend')}
      </button>
    </form>
  );
}
