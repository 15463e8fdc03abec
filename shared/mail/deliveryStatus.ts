/**
 * Reading the machine-readable part of a delivery status notification (RFC 3464 §2: `message/delivery-status`,
 * and RFC 6533's `message/global-delivery-status`): groups of header-style fields separated by blank lines, the
 * first about the message, each further one about one recipient. Only what scheduling needs is kept: who, what
 * happened (Action), the status code and the remote server's answer. Pure.
 */
import type { DeliveryReport, DeliveryStatusEntry } from '../model/mail.js';
import { normalizeAddress } from '../util/address.js';

/** Beyond this the part is not a report a mail system wrote. */
const MAX_REPORT_CHARS = 256 * 1024;
const MAX_RECIPIENTS = 500;

/** The report in `text`, or null when it names no recipient. */
export function parseDeliveryStatus(text: string): DeliveryReport | null {
  if (text.length > MAX_REPORT_CHARS) return null;
  const recipients: DeliveryStatusEntry[] = [];
  for (const group of fieldGroups(text)) {
    const address = addressOf(group.get('final-recipient')) ?? addressOf(group.get('original-recipient'));
    const action = group.get('action')?.trim().toLowerCase();
    if (!address || !action) continue;
    recipients.push({
      recipient: address,
      action,
      status: statusOf(group.get('status')),
      diagnostic: diagnosticOf(group.get('diagnostic-code')),
    });
    if (recipients.length >= MAX_RECIPIENTS) break;
  }
  return recipients.length ? { recipients } : null;
}

/** The entries a mail system gave up on (Action: failed; RFC 3464 §2.3.3). */
export function failedRecipients(report: DeliveryReport): DeliveryStatusEntry[] {
  return report.recipients.filter((r) => r.action === 'failed');
}

/** Field groups: lines unfolded (RFC 5322 §2.2.3), names lower-case, the first occurrence of a name kept. */
function fieldGroups(text: string): Map<string, string>[] {
  const groups: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      if (current.size) groups.push(current);
      current = new Map();
      last = null;
      continue;
    }
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      current.set(last, `${current.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      last = null;
      continue;
    }
    const name = line.slice(0, colon).trim().toLowerCase();
    last = current.has(name) ? null : name;
    if (last) current.set(name, line.slice(colon + 1).trim());
  }
  if (current.size) groups.push(current);
  return groups;
}

/** `rfc822; Jane@Example.org` (the address type is ignored: utf-8 addresses read the same way) → `jane@example.org`. */
function addressOf(value: string | undefined): string | null {
  if (!value) return null;
  const semi = value.indexOf(';');
  const address = normalizeAddress(semi >= 0 ? value.slice(semi + 1) : value);
  return address.includes('@') ? address : null;
}

function statusOf(value: string | undefined): string | null {
  const m = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(value ?? '');
  return m?.[1] ?? null;
}

/** `smtp; 550 5.1.1 <x@y>: Recipient address rejected` → the text after the diagnostic type. */
function diagnosticOf(value: string | undefined): string | null {
  if (!value) return null;
  const semi = value.indexOf(';');
  const text = (semi >= 0 ? value.slice(semi + 1) : value).trim();
  return text === '' ? null : text.slice(0, 500);
}
