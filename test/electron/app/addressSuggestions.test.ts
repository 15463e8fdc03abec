/** Address completion from the contacts: word starts in name or address, names first, never my own address. */
import { describe, expect, it } from 'vitest';
import { suggestAddresses } from '../../../electron/app/addressSuggestions.js';

const CONTACTS = [
  { uid: '1', name: 'Carol Meyer', emails: ['carol@example.net', 'c.meyer@work.example'] },
  { uid: '2', name: 'Oscar Carlsen', emails: ['oscar@example.org'] },
  { uid: '3', name: null, emails: ['cargo-desk@shipping.example'] },
  { uid: '4', name: 'Me Myself', emails: ['me@example.com'] },
  { uid: '5', name: 'Dave', emails: ['DAVE@Example.com'] },
];

describe('suggestAddresses', () => {
  it('offers whole-name matches, then other name words, then addresses, up to the limit', () => {
    expect(suggestAddresses(CONTACTS, 'car', [], 10).map((s) => s.address)).toEqual([
      'carol@example.net',
      'c.meyer@work.example',
      'oscar@example.org',
      'cargo-desk@shipping.example',
    ]);
    expect(suggestAddresses(CONTACTS, 'car', [], 2)).toHaveLength(2);
  });

  it('matches address words (after a dot, at, dash) and lower-cases what it offers', () => {
    expect(suggestAddresses(CONTACTS, 'meyer', [], 10).map((s) => s.address)).toEqual([
      'carol@example.net',
      'c.meyer@work.example',
    ]);
    expect(suggestAddresses(CONTACTS, 'desk', [], 10)).toEqual([
      { address: 'cargo-desk@shipping.example', name: null },
    ]);
    expect(suggestAddresses(CONTACTS, 'dav', [], 10)).toEqual([{ address: 'dave@example.com', name: 'Dave' }]);
  });

  it('never offers my own address, and nothing for an empty query or a middle-of-word fragment', () => {
    // "Me Myself" is me; Carol Meyer's name and address still start a word with "me".
    expect(suggestAddresses(CONTACTS, 'me', ['me@example.com'], 10).map((s) => s.address)).toEqual([
      'carol@example.net',
      'c.meyer@work.example',
    ]);
    expect(suggestAddresses(CONTACTS, '  ', [], 10)).toEqual([]);
    expect(suggestAddresses(CONTACTS, 'arol', [], 10)).toEqual([]);
  });
});
