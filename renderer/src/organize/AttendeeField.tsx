/**
 * An attendee list with address completion from the contacts (`suggestAddresses`: imported vCards and CardDAV
 * address books). The text field is a combobox with a list popup (WAI-ARIA APG "Combobox with listbox popup"):
 * typing shows the matching contacts, Down/Up move through them (aria-activedescendant, focus stays in the
 * field), Enter or Tab takes the highlighted one, Escape closes the list; Enter, a comma or a semicolon takes what
 * was typed as an address. Every address taken is listed below with a button to take it off again.
 */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { getApi } from '../api';
import type { AddressSuggestion } from '../../../shared/ipc/contract.js';
import { useWords } from '../lib/i18n';
import { addressesIn } from './localTime';

export interface AttendeeFieldProps {
  readonly label: string;
  readonly value: readonly string[];
  readonly onChange: (addresses: readonly string[]) => void;
}

export function AttendeeField({ label, value, onChange }: AttendeeFieldProps) {
  const w = useWords();
  const id = useId();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<readonly AddressSuggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const query = text.trim();
  // Several addresses at once (pasted with commas) are not completed.
  const asking = query.length > 0 && !/[,;\n]/.test(query);

  useEffect(() => {
    if (!asking) return;
    let live = true;
    void getApi()
      .suggestAddresses({ query, limit: 8 })
      .then((r) => {
        if (!live) return;
        const fresh = r.ok ? r.value.filter((s) => !value.includes(s.address)) : [];
        setOptions(fresh);
        setActive(-1);
        setOpen(fresh.length > 0);
      });
    return () => {
      live = false;
    };
  }, [asking, query, value]);

  function take(addresses: readonly string[]): void {
    const next = [...value];
    for (const a of addresses) if (!next.includes(a)) next.push(a);
    onChange(next);
    setText('');
    setOpen(false);
    setActive(-1);
  }

  const shown = asking && open && options.length > 0;

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!asking || !options.length) return;
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + options.length) % options.length);
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setActive(-1);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && shown && active >= 0) {
      e.preventDefault();
      const chosen = options[active];
      if (chosen) take([chosen.address]);
    } else if ((e.key === 'Enter' || e.key === ',' || e.key === ';') && query) {
      e.preventDefault();
      take(addressesIn(query));
    }
  }

  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    <div className="field attendee-field">
      <label htmlFor={`${id}-input`}>{label}</label>
      {value.length ? (
        <ul className="attendee-chips" aria-label={label}>
          {value.map((a) => (
            <li key={a}>
              <span>{a}</span>
              <button
                type="button"
                className="button chip-remove"
                aria-label={w.t('ui.organize.takeOff', { address: a })}
                onClick={() => onChange(value.filter((x) => x !== a))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="combobox">
        <input
          id={`${id}-input`}
          role="combobox"
          type="text"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={listId}
          aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
          aria-describedby={`${id}-help`}
          placeholder="name@example.com"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          // Whatever was typed and not yet taken counts when the field is left.
          onBlur={() => {
            if (query) take(addressesIn(query));
            else setOpen(false);
          }}
        />
        <ul id={listId} role="listbox" aria-label={label} className="suggestions" hidden={!shown}>
          {options.map((o, i) => (
            <li
              key={o.address}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // mousedown, not click: the field's blur would otherwise take the typed text first.
              onMouseDown={(e) => {
                e.preventDefault();
                take([o.address]);
              }}
            >
              {o.name ? `${o.name} <${o.address}>` : o.address}
            </li>
          ))}
        </ul>
      </div>
      <p id={`${id}-help`} className="help">
        {w.t('ui.organize.attendeeHelp')}
      </p>
    </div>
  );
}
