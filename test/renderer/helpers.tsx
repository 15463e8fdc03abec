/** Shared test helpers: render the app or a screen against a fake `window.api`, and walk the Tab order. */
import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { installFakeApi, removeFakeApi, type FakeApi, type FakeState } from './fakeApi';

export function renderWithApi(ui: ReactElement, init: Partial<FakeState> = {}): RenderResult & { api: FakeApi } {
  const api = installFakeApi(init);
  return { ...render(ui), api };
}

export function teardown(): void {
  cleanup();
  removeFakeApi();
}

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]';

function hiddenFromTab(el: HTMLElement): boolean {
  if ((el as HTMLButtonElement).disabled) return true;
  if (el.tabIndex < 0) return true;
  if (el.closest('[hidden], [inert]')) return true;
  if (el instanceof HTMLInputElement && el.type === 'hidden') return true;
  return false;
}

/**
 * The sequence Tab walks through (HTML §6.6.3 sequential focus navigation): positive tabindex first in
 * ascending order, then tabindex 0 and natively focusable elements in document order. Radio groups are one stop.
 */
export function tabSequence(root: ParentNode = document): HTMLElement[] {
  const all = Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !hiddenFromTab(el));
  const seenRadioGroups = new Set<string>();
  const withoutExtraRadios = all.filter((el) => {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
    if (seenRadioGroups.has(el.name)) return false;
    seenRadioGroups.add(el.name);
    return true;
  });
  const positive = withoutExtraRadios.filter((el) => el.tabIndex > 0).sort((a, b) => a.tabIndex - b.tabIndex);
  return [...positive, ...withoutExtraRadios.filter((el) => el.tabIndex === 0)];
}

/** Presses Tab `n` times from the start of the document, focusing each stop; returns what had focus. */
export function tabThrough(root: ParentNode = document): HTMLElement[] {
  const visited: HTMLElement[] = [];
  for (const el of tabSequence(root)) {
    el.focus();
    if (document.activeElement === el) visited.push(el);
  }
  return visited;
}
