/**
 * A name for each of my addresses (Settings → My addresses), shown once I have more than one: the sender name of the
 * mail sent from that address and my name in the meetings I create as it; an empty one means my name.
 */
import { useWords } from '../../lib/i18n';
import { DisplayNameField } from './DisplayNameField';

export interface AddressNamesFieldProps {
  readonly addresses: readonly string[];
  /** By address in lower case. */
  readonly names: Readonly<Record<string, string>>;
  /** Saves the whole map; resolves to null when saved, else to the refusal. */
  readonly onSave: (names: Readonly<Record<string, string>>) => Promise<string | null>;
}

export function AddressNamesField({ addresses, names, onSave }: AddressNamesFieldProps) {
  const w = useWords();
  if (addresses.length < 2) return null;
  return (
    <fieldset className="address-names">
      <legend>{w.t('ui.settings.addressNames')}</legend>
      {addresses.map((address) => {
        const key = address.toLowerCase();
        return (
          <DisplayNameField
            key={key}
            label={w.t('ui.settings.addressName', { address })}
            help={w.t('ui.settings.addressName.help')}
            value={names[key] ?? null}
            onSave={(name) => {
              const next: Record<string, string> = { ...names };
              delete next[key];
              if (name !== null) next[key] = name;
              return onSave(next);
            }}
          />
        );
      })}
    </fieldset>
  );
}
