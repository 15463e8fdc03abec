/** Imports contacts from a .vcf file (read here as text, parsed by the main process). */
import { useId, useState } from 'react';
import type { IpcResult } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useWords } from '../../lib/i18n';
import { errorText } from '../../lib/errorWords';

export interface ContactsImportProps {
  readonly onImport: (vcf: string) => Promise<IpcResult<{ imported: number }>>;
}

export function ContactsImport({ onImport }: ContactsImportProps) {
  const w = useWords();
  const id = useId();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function importFile(file: File): Promise<void> {
    setError(null);
    setStatus(w.t('ui.contacts.importing', { file: file.name }));
    const result = await onImport(await file.text());
    if (result.ok) {
      setStatus(w.t('ui.contacts.imported', { count: result.value.imported, file: file.name }));
    } else {
      setStatus('');
      setError(errorText(w, result.error));
    }
  }

  return (
    <div className="contacts-import">
      <label htmlFor={id}>{w.t('ui.contacts.label')}</label>
      <input
        id={id}
        type="file"
        accept=".vcf,text/vcard,text/x-vcard"
        aria-describedby={`${id}-help`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <p className="help" id={`${id}-help`}>
        {w.t('ui.contacts.help')}
      </p>
      <p role="status" className="import-status">
        {status}
      </p>
      <ErrorMessage message={error} />
    </div>
  );
}
