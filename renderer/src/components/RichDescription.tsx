/**
 * An event's description, readable: HTML (X-ALT-DESC, or HTML that senders put into DESCRIPTION) sanitized by
 * DOMPurify to a small set of text tags with no remote content (no img, no style, no src), plain text with its
 * links made clickable. A click on a link first shows its target (LinkConfirm). Long text is collapsed.
 */
import DOMPurify from 'dompurify';
import { useId, useMemo, useState, type MouseEvent, type ReactNode } from 'react';
import { useWords } from '../lib/i18n';
import { safeExternalUrl } from '../lib/openExternal';
import { LinkConfirm } from './LinkConfirm';

export interface RichDescriptionProps {
  readonly text: string | null;
  readonly html?: string | null;
}

const ALLOWED_TAGS = [
  'a',
  'b',
  'strong',
  'i',
  'em',
  'u',
  'p',
  'br',
  'ul',
  'ol',
  'li',
  'div',
  'span',
  'blockquote',
  'pre',
  'code',
  'h1',
  'h2',
  'h3',
  'h4',
  'table',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
  'hr',
];
/** Long enough for a usual agenda; beyond it the text is collapsed behind "Show the whole description". */
const LONG = 600;
const LOOKS_LIKE_HTML = /<\/?(?:b|i|u|p|br|ul|ol|li|div|span|a|strong|em|table|html|body|font)\b[^>]*>/i;
const URL_IN_TEXT = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]|mailto:[^\s<>"]+)/g;

export function sanitizeDescription(html: string): string {
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'title'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
    FORBID_TAGS: ['img', 'style', 'script', 'iframe', 'object', 'embed', 'form', 'svg', 'math'],
  });
}

function linkify(text: string): ReactNode[] {
  return text.split(URL_IN_TEXT).map((part, i) =>
    i % 2 === 1 ? (
      <a key={i} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export function RichDescription({ text, html }: RichDescriptionProps) {
  const w = useWords();
  const id = useId();
  const [expanded, setExpanded] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const source = html ?? (text && LOOKS_LIKE_HTML.test(text) ? text : null);
  const clean = useMemo(() => (source ? sanitizeDescription(source) : null), [source]);
  const length = clean ? clean.replace(/<[^>]+>/g, '').length : (text ?? '').length;
  if (!clean && !text) return null;
  const long = length > LONG;

  function onClick(e: MouseEvent<HTMLDivElement>): void {
    const anchor = (e.target as HTMLElement).closest('a');
    if (!anchor) return;
    e.preventDefault();
    setLink(safeExternalUrl(anchor.getAttribute('href')));
  }

  return (
    <div className="rich-description">
      <div id={id} className={`description${long && !expanded ? ' collapsed' : ''}`} onClick={onClick}>
        {clean ? (
          <div className="html-text" dangerouslySetInnerHTML={{ __html: clean }} />
        ) : (
          <div className="plain-text">{linkify(text ?? '')}</div>
        )}
      </div>
      {long ? (
        <button
          type="button"
          className="link-button"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? w.t('ui.description.less') : w.t('ui.description.more')}
        </button>
      ) : null}
      {link ? <LinkConfirm url={link} onDone={() => setLink(null)} /> : null}
    </div>
  );
}
