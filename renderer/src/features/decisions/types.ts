/** What every decision card receives: the decision and how to carry out a person's choice. */
import type { Choice, DecisionView } from '../../api';

/** Carries out a choice; resolves to null on success or to the error sentence to show on the card. */
export type DecideHandler = (choice: Choice, comment: string | null) => Promise<string | null>;

export interface DecisionCardProps {
  readonly decision: DecisionView;
  readonly onDecide: DecideHandler;
}
