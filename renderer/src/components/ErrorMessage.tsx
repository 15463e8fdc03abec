/** An error sentence from the main process, announced when it appears. */
export interface ErrorMessageProps {
  readonly message: string | null;
  readonly id?: string;
}

export function ErrorMessage({ message, id }: ErrorMessageProps) {
  if (!message) return null;
  return (
    <p className="error-message" role="alert" id={id}>
      <span aria-hidden="true">✕ </span>
      {message}
    </p>
  );
}
