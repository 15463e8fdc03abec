// @vitest-environment jsdom
/**
 * AUDIO alarms in the web host (renderer/src/organize/Reminders.tsx, lib/reminderSound.ts): a ringing AUDIO reminder
 * plays the built-in chime through the Web Audio API (tones made in the page, no file or URL loaded); a DISPLAY one
 * plays nothing, and in the desktop shell the page plays nothing (the system notification rings there).
 */
import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReminderView } from '../../shared/ipc/contract.js';
import { Reminders } from '../../renderer/src/organize/Reminders';
import { I18nProvider } from '../../renderer/src/lib/i18n';
import { installFakeApi } from './fakeApi';
import { teardown } from './helpers';

/** What the page asked of the Web Audio API: each tone's frequency, and whether anything was fetched or decoded. */
const played: { frequency: number; started: boolean }[] = [];
let resumed = 0;
let loaded = 0;

class FakeParam {
  value = 0;
  setValueAtTime(): this {
    return this;
  }
  exponentialRampToValueAtTime(): this {
    return this;
  }
}
class FakeNode {
  connect(): void {}
}
class FakeAudioContext {
  state = 'suspended';
  currentTime = 0;
  destination = new FakeNode();
  resume(): Promise<void> {
    resumed++;
    this.state = 'running';
    return Promise.resolve();
  }
  createGain() {
    return Object.assign(new FakeNode(), { gain: new FakeParam() });
  }
  createOscillator() {
    const tone = { frequency: 0, started: false };
    return Object.assign(new FakeNode(), {
      type: 'sine',
      frequency: Object.defineProperty(new FakeParam(), 'value', {
        set: (v: number) => (tone.frequency = v),
        get: () => tone.frequency,
      }),
      start: () => {
        tone.started = true;
        played.push(tone);
      },
      stop: () => undefined,
    });
  }
  decodeAudioData(): never {
    loaded++;
    throw new Error('no audio file is ever decoded');
  }
}

const reminder = (action: 'AUDIO' | 'DISPLAY'): ReminderView => ({
  key: `k-${action}`,
  uid: 'u',
  recurrenceId: null,
  summary: 'Standup',
  location: null,
  action,
  description: null,
  fireAt: '2026-03-10T08:45:00.000Z',
  fireMs: Date.parse('2026-03-10T08:45:00.000Z'),
  start: '2026-03-10T09:00:00Z',
  allDay: false,
  firedAt: '2026-03-10T08:45:00.000Z',
  missed: false,
});

beforeEach(() => {
  played.length = 0;
  resumed = 0;
  loaded = 0;
  (window as unknown as { AudioContext: unknown }).AudioContext = FakeAudioContext;
});
afterEach(() => {
  teardown();
  delete (window as unknown as { AudioContext?: unknown }).AudioContext;
});

function mount(kind: 'web' | 'desktop') {
  const api = installFakeApi();
  Object.assign(api, {
    host: {
      kind,
      features: { systemNotifications: kind === 'desktop', startAtLogin: false, browserNotifications: true },
    },
  });
  render(
    <I18nProvider initial="en">
      <Reminders />
    </I18nProvider>,
  );
  return api;
}

describe('the sound of an AUDIO alarm', () => {
  // First in the file: the page keeps one audio context, which this prepares (resumes) at the first key press.
  it("web host: the page's first key press prepares the audio, so a later reminder can ring untouched", async () => {
    mount('web');
    expect(resumed).toBe(0);
    await act(async () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab' })));
    expect(resumed).toBe(1);
    expect(played).toEqual([]);
    // Prepared once: later keys do not touch the audio again.
    await act(async () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab' })));
    expect(resumed).toBe(1);
  });

  it('web host: AUDIO plays the two-tone chime, DISPLAY plays nothing, nothing is loaded', async () => {
    const api = mount('web');
    await act(async () => api.emit('reminderFired', reminder('DISPLAY')));
    expect(played).toEqual([]);
    await act(async () => api.emit('reminderFired', reminder('AUDIO')));
    expect(played.map((t) => t.frequency)).toEqual([880, 1318.5]);
    expect(played.every((t) => t.started)).toBe(true);
    expect(loaded).toBe(0);
  });

  it('desktop: the page plays nothing (the system notification rings)', async () => {
    const api = mount('desktop');
    await act(async () => api.emit('reminderFired', reminder('AUDIO')));
    expect(played).toEqual([]);
  });
});
