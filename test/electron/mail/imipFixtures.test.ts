/**
 * End to end over every fixture: the bytes a client really sends → readImipMail → detectScheduling.
 * (The detector's own rules are tested on synthetic parts in test/shared/mail/detectScheduling.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readImipMail } from '../../../electron/mail/readImipMail.js';
import { detectScheduling, type DetectedScheduling } from '../../../shared/mail/detectScheduling.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/eml/', import.meta.url));

function calendar(d: DetectedScheduling): Extract<DetectedScheduling, { kind: 'calendar' }> {
  if (d.kind !== 'calendar') throw new Error(`expected a calendar, got: ${d.reason}`);
  return d;
}

describe('detectScheduling on the vendor fixtures', () => {
  it.each<[string, string | null, string | null, RegExp[]]>([
    ['outlook/request-base64.eml', 'REQUEST', 'REQUEST', []],
    ['outlook/reply-no-organizer.eml', 'REPLY', 'REPLY', []],
    ['outlook/meeting-forward.eml', 'REQUEST', 'REQUEST', []],
    ['google/request.eml', 'REQUEST', 'REQUEST', [/^2 identical calendar parts; one used$/]],
    ['google/cancel.eml', 'CANCEL', 'CANCEL', [/^2 identical/]],
    ['google/reply.eml', 'REPLY', 'REPLY', [/^2 identical/]],
    ['icloud/request-qp.eml', 'REQUEST', 'REQUEST', []],
    ['thunderbird/request.eml', 'REQUEST', 'REQUEST', [/^2 identical/]],
    ['thunderbird/reply.eml', 'REPLY', 'REPLY', [/^2 identical/]],
    ['zoom-teams/teams-request.eml', 'REQUEST', 'REQUEST', []],
    ['zoom-teams/zoom-request.eml', 'REQUEST', 'REQUEST', []],
    ['proton/request-no-method.eml', 'REQUEST', null, [/^method= missing in MIME header/]],
    ['edge/lowercase-method.eml', 'REQUEST', 'REQUEST', [/method=request is not upper-case/]],
    ['edge/latin1-ics-no-charset.eml', 'REQUEST', null, [/^method= missing/]],
    ['edge/method-mismatch.eml', 'CANCEL', 'REQUEST', [/^header method=REQUEST differs from body METHOD:CANCEL: body used$/]],
    ['edge/forwarded-rfc822.eml', 'REQUEST', 'REQUEST', [/^2 identical/]],
    ['edge/lf-only.eml', 'REQUEST', 'REQUEST', []],
    ['edge/single-part.eml', 'REQUEST', 'REQUEST', []],
    ['edge/octet-stream-ics.eml', 'PUBLISH', null, [/^method= missing/]],
  ])('%s → %s', async (name, method, headerMethod, notes) => {
    const r = await readImipMail(readFileSync(FIXTURES + name));
    if (!r.ok) throw new Error(r.error.message);
    const d = calendar(detectScheduling(r.value));
    expect(d.method).toBe(method);
    expect(d.headerMethod).toBe(headerMethod);
    expect(d.notes).toHaveLength(notes.length);
    notes.forEach((re, i) => expect(d.notes[i]).toMatch(re));
    expect(d.text).toBe(d.part.text);
  });

  it.each([
    ['edge/plain-ics-attachment.eml', /without METHOD.*not a scheduling message/],
    ['edge/no-calendar.eml', /no calendar part/],
    ['edge/broken-boundary.eml', /no calendar part/],
  ])('%s → none', async (name, reason) => {
    const r = await readImipMail(readFileSync(FIXTURES + name));
    if (!r.ok) throw new Error(r.error.message);
    const d = detectScheduling(r.value);
    expect(d.kind).toBe('none');
    if (d.kind === 'none') expect(d.reason).toMatch(reason);
  });

  it('picks the inline text/calendar of a Google invitation, not the invite.ics copy', async () => {
    const r = await readImipMail(readFileSync(FIXTURES + 'google/request.eml'));
    if (!r.ok) throw new Error(r.error.message);
    const d = calendar(detectScheduling(r.value));
    expect(d.part).toMatchObject({ contentType: 'text/calendar', isAttachment: false, method: 'REQUEST' });
  });
});
