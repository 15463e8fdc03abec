/**
 * Address completion for the meeting editor's attendee fields: the contacts (imported vCards and CardDAV address
 * books, electron/store/contactsStore.ts) whose name or address has a word starting with what was typed, as
 * Thunderbird and Outlook complete. A name match comes before an address match, then alphabetical; my own
 * addresses are never offered.
 */
import type { AddressSuggestion } from '../../shared/ipc/contract.js';
import type { ContactSummary } from '../store/contactsStore.js';

export function suggestAddresses(
  contacts: readonly ContactSummary[],
  query: string,
  me: readonly string[],
  limit: number,
): AddressSuggestion[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const scored: { s: AddressSuggestion; rank: number }[] = [];
  const seen = new Set<string>();
  for (const c of contacts) {
    const nameHit = c.name !== null && wordsOf(c.name).some((w) => w.startsWith(q));
    for (const email of c.emails) {
      const address = email.toLowerCase();
      if (seen.has(address) || me.includes(address)) continue;
      const addressHit = address.startsWith(q) || wordsOf(address).some((w) => w.startsWith(q));
      if (!nameHit && !addressHit) continue;
      seen.add(address);
      const fullName = c.name?.toLowerCase().startsWith(q) ?? false;
      scored.push({ s: { address, name: c.name }, rank: fullName ? 0 : nameHit ? 1 : address.startsWith(q) ? 2 : 3 });
    }
  }
  return scored
    .sort((a, b) => a.rank - b.rank || (a.s.name ?? a.s.address).localeCompare(b.s.name ?? b.s.address))
    .slice(0, limit)
    .map((x) => x.s);
}

/** The words of a name or address: split at spaces and at the separators addresses use. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s.@_+-]+/)
    .filter(Boolean);
}
