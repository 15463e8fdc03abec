/**
 * A list of my e-mail addresses with Remove buttons and an Add field. Props-only: the owner decides what a
 * change means (save at once in Settings, keep in the form during first run) and may return an error sentence.
 */
import { useWords } from '../lib/i18n';
import { EditableList } from './EditableList';

export interface AddressListProps {
  readonly addresses: readonly string[];
  /** Resolves to null when the new list was taken, or to the sentence to show. */
  readonly onChange: (next: readonly string[]) => Promise<string | null> | string | null;
  readonly label?: string;
}

const LOOKS_LIKE_ADDRESS = /^[^\s@]+@[^\s@]+$/;

export function AddressList({ addresses, onChange, label }: AddressListProps) {
  const w = useWords();
  return (
    <div className="address-list">
      <EditableList
        items={addresses}
        onChange={onChange}
        input={{ type: 'email', autoComplete: 'email' }}
        check={(typed, items) => {
          const address = typed.trim().replace(/^mailto:/i, '');
          if (!LOOKS_LIKE_ADDRESS.test(address)) return { error: w.t('ui.address.invalid') };
          if (items.some((a) => a.toLowerCase() === address.toLowerCase()))
            return { error: w.t('ui.address.duplicate', { address }) };
          return { item: address };
        }}
        words={{
          none: w.t('ui.address.none'),
          list: label ?? w.t('ui.address.label'),
          removeLabel: (address) => w.t('ui.address.removeLabel', { address }),
          remove: w.t('ui.address.remove'),
          add: w.t('ui.address.add'),
          addButton: w.t('ui.address.addButton'),
          help: w.t('ui.address.help'),
        }}
      />
    </div>
  );
}
