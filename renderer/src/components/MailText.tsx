/**
 * The text of the mail an invitation came in, where the sender put its formatted text in the mail's HTML part
 * (Outlook, Google): shown through the same sanitizer as a rich description (no pictures or other remote content,
 * links through the link confirmation). Folded away behind a button when the event brings its own description;
 * shown at once when it does not, since it is then the only text there is.
 */
import { useId, useState } from 'react';
import { useWords } from '../lib/i18n';
import { RichDescription } from './RichDescription';

export interface MailTextProps {
  readonly html: string;
  /** Whether the event has a description of its own (then the mail's text waits behind a button). */
  readonly folded: boolean;
}

export function MailText({ html, folded }: MailTextProps) {
  const w = useWords();
  const id = useId();
  const [open, setOpen] = useState(!folded);
  return (
    <section className="mail-text" aria-labelledby={`${id}-label`}>
      {folded ? (
        <button
          type="button"
          className="link-button"
          id={`${id}-label`}
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(!open)}
        >
          {open ? w.t('ui.mailText.hide') : w.t('ui.mailText.show')}
        </button>
      ) : (
        <p className="label" id={`${id}-label`}>
          {w.t('ui.mailText.label')}
        </p>
      )}
      <div id={id} hidden={!open}>
        {open ? (
          <>
            <p className="help">{w.t('ui.mailText.note')}</p>
            <RichDescription text={null} html={html} />
          </>
        ) : null}
      </div>
    </section>
  );
}
