/**
 * Words for people about events and decisions: participation answers, message kinds, outcomes, choices, people.
 * Every word comes from the catalogue through the `Words` of the current language (lib/i18n.tsx); times are in
 * lib/timeFormat.ts.
 */
import type { Choice, MessageKind, Outcome } from '../api';
import type { Words } from './i18n';

type T = Pick<Words, 't'>;

const PARTSTATS = ['NEEDS-ACTION', 'ACCEPTED', 'DECLINED', 'TENTATIVE', 'DELEGATED'] as const;
type KnownPartstat = (typeof PARTSTATS)[number];

function isKnownPartstat(value: string): value is KnownPartstat {
  return (PARTSTATS as readonly string[]).includes(value);
}

/** A participation status (RFC 5545 §3.2.12) in words; unknown values shown as written. */
export function describePartstat(w: T, partstat: string | null | undefined): string {
  if (!partstat) return w.t('ui.partstat.none');
  const upper = partstat.toUpperCase();
  return isKnownPartstat(upper) ? w.t(`ui.partstat.${upper}`) : partstat.toLowerCase();
}

export function kindLabel(w: T, kind: MessageKind): string {
  return w.t(`ui.kind.${kind}`);
}

export function outcomeLabel(w: T, outcome: Outcome): string {
  return w.t(`ui.outcome.${outcome}`);
}

export function choiceLabel(w: T, choice: Choice): string {
  return w.t(`ui.choice.${choice}`);
}

/** The order buttons appear in, whatever order the engine listed the choices. */
export const CHOICE_ORDER: readonly Choice[] = [
  'accept',
  'tentative',
  'decline',
  'accept-counter',
  'decline-counter',
  'approve',
  'apply',
  'ignore',
];

export const ALL_CHOICES: ReadonlySet<string> = new Set<string>(CHOICE_ORDER);

/** Choices that send a message to someone, so a comment can go with them. */
export const CHOICES_WITH_COMMENT: ReadonlySet<Choice> = new Set<Choice>([
  'accept',
  'tentative',
  'decline',
  'accept-counter',
  'decline-counter',
]);

/** "Ada Lovelace <ada@example.com>" or the bare address. */
export function formatPerson(
  person: { readonly address: string; readonly name: string | null } | null | undefined,
  unknown = '?',
): string {
  if (!person) return unknown;
  const address = stripMailto(person.address);
  return person.name ? `${person.name} <${address}>` : address;
}

/** Calendar addresses are often written as `mailto:` URIs (RFC 5545 §3.3.3); people read the address. */
export function stripMailto(address: string): string {
  return address.replace(/^mailto:/i, '');
}

export function sameAddress(a: string, b: string): boolean {
  return stripMailto(a).toLowerCase() === stripMailto(b).toLowerCase();
}
