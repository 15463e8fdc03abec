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
    [
      'edge/method-mismatch.eml',
      'CANCEL',
      'REQUEST',
      [/^header method=REQUEST differs from body METHOD:CANCEL: body used$/],
    ],
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

describe('delivery status notifications (bounces of what I sent)', () => {
  it("Postfix's bounce of a REPLY: the report names the organizer; the calendar is the returned reply's", async () => {
    const r = await readImipMail(readFileSync(FIXTURES + 'edge/bounce-postfix-reply.eml'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.deliveryReport?.recipients).toEqual([
      {
        recipient: 'olga@old-company.example',
        action: 'failed',
        status: '5.1.1',
        diagnostic:
          '550 5.1.1 <olga@old-company.example>: Recipient address rejected: User unknown in virtual mailbox table',
      },
    ]);
    // The report is a part of its own, not appended to the text a person reads.
    expect(r.value.textBody).toMatch(/could not\s+be delivered/);
    expect(r.value.textBody).not.toMatch(/Reporting-MTA/);
    const d = calendar(detectScheduling(r.value));
    expect(d.method).toBe('REPLY');
    expect(d.text).toMatch(/UID:7f1e3c2a-bounce-reply@example\.org/);
  });

  it("Exchange's non-delivery report of a REQUEST: one failed and one delivered recipient", async () => {
    const r = await readImipMail(readFileSync(FIXTURES + 'outlook/ndr-request.eml'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.deliveryReport?.recipients.map((x) => [x.recipient, x.action, x.status])).toEqual([
      ['left.company@fabrikam.example', 'failed', '5.1.10'],
      ['jonas.weber@contoso.example', 'delivered', '2.0.0'],
    ]);
    expect(r.value.deliveryReport?.recipients[0]?.diagnostic).toBe(
      '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient left.company@fabrikam.example not found by SMTP address lookup',
    );
    expect(calendar(detectScheduling(r.value)).method).toBe('REQUEST');
  });

  it('an ordinary invitation has no report', async () => {
    const r = await readImipMail(readFileSync(FIXTURES + 'outlook/request-base64.eml'));
    expect(r.ok && r.value.deliveryReport).toBeNull();
  });
});
