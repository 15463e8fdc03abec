/** A screen's h1, focusable from script so moving between screens tells screen-reader users where they are. */
import type { ReactNode, Ref } from 'react';

export interface ScreenHeadingProps {
  readonly id: string;
  readonly children: ReactNode;
  readonly ref?: Ref<HTMLHeadingElement>;
}

export function ScreenHeading({ id, children, ref }: ScreenHeadingProps) {
  return (
    <h1 id={id} className="screen-heading" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}
