/**
 * Text from a message (a description, a comment) shown exactly as text: React escapes it and the CSS keeps its
 * line breaks. Message content is never rendered as HTML.
 */
export interface PlainTextProps {
  readonly text: string;
  readonly className?: string;
}

export function PlainText({ text, className }: PlainTextProps) {
  return <div className={className ? `plain-text ${className}` : 'plain-text'}>{text}</div>;
}
