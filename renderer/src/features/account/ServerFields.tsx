/** Host, port and security of one mail server, as a labelled group of fields. */
import { useId } from 'react';
import type { Security } from '../../api';
import { useWords } from '../../lib/i18n';

export interface ServerDraft {
  readonly host: string;
  readonly port: string;
  readonly security: Security;
}

export interface ServerFieldsProps {
  /** "IMAP", "POP3" or "SMTP". */
  readonly protocol: 'IMAP' | 'POP3' | 'SMTP';
  readonly legend: string;
  readonly value: ServerDraft;
  readonly onChange: (next: ServerDraft) => void;
  readonly invalid: ReadonlySet<'host' | 'port'>;
}

/** Well-known ports (RFC 8314 §7.3 implicit TLS, RFC 3501/1939/6409 STARTTLS). */
export const DEFAULT_PORTS: Readonly<Record<'IMAP' | 'POP3' | 'SMTP', Readonly<Record<Security, number>>>> = {
  IMAP: { tls: 993, starttls: 143, none: 143 },
  POP3: { tls: 995, starttls: 110, none: 110 },
  SMTP: { tls: 465, starttls: 587, none: 25 },
};

export function ServerFields({ protocol, legend, value, onChange, invalid }: ServerFieldsProps) {
  const w = useWords();
  const id = useId();
  const defaults = DEFAULT_PORTS[protocol];
  function setSecurity(security: Security): void {
    // Follow the port along when it still is the default of the previous choice.
    const port = value.port === String(defaults[value.security]) ? String(defaults[security]) : value.port;
    onChange({ ...value, security, port });
  }
  return (
    <fieldset className="server-fields">
      <legend>{legend}</legend>
      <div className="field grow">
        <label htmlFor={`${id}-host`}>{w.t('ui.accountForm.server', { protocol })}</label>
        <input
          id={`${id}-host`}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={value.host}
          aria-invalid={invalid.has('host') || undefined}
          placeholder={`${protocol.toLowerCase()}.example.com`}
          onChange={(e) => onChange({ ...value, host: e.target.value })}
        />
      </div>
      <div className="field port">
        <label htmlFor={`${id}-port`}>{w.t('ui.accountForm.port', { protocol })}</label>
        <input
          id={`${id}-port`}
          type="number"
          min={1}
          max={65535}
          value={value.port}
          aria-invalid={invalid.has('port') || undefined}
          onChange={(e) => onChange({ ...value, port: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-security`}>{w.t('ui.accountForm.security', { protocol })}</label>
        <select id={`${id}-security`} value={value.security} onChange={(e) => setSecurity(e.target.value as Security)}>
          <option value="tls">TLS</option>
          <option value="starttls">STARTTLS</option>
          {value.security === 'none' ? <option value="none">{w.t('ui.accountForm.securityNone')}</option> : null}
        </select>
      </div>
    </fieldset>
  );
}
