/**
 * `window.api` in an ordinary browser (renderer/src/bridge/, built into companion-bridge.js): calls become JSON
 * POSTs, events come from one event stream, the token leaves the address bar, and a dead server or a lost session
 * become error values. Against a fake window; test/browser/ runs the built module in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { MAIN_API_METHODS, MAIN_EVENT_NAMES } from '../../shared/ipc/contract.js';
import { installBridge, type BridgeGlobal } from '../../renderer/src/bridge/installBridge';

describe('the web host bridge', () => {
  function fakeWindow(href: string) {
    const calls: { url: string; body: string }[] = [];
    const sources: { url: string; listeners: Map<string, (e: { data: string }) => void> }[] = [];
    const replaced: string[] = [];
    const win: BridgeGlobal & { window?: unknown } = {
      fetch: async (url, init) => (
        calls.push({ url, body: init.body }),
        { status: 200, json: async () => ({ ok: true, value: 'pong' }) }
      ),
      EventSource: class {
        listeners = new Map<string, (e: { data: string }) => void>();
        constructor(url: string) {
          sources.push({ url, listeners: this.listeners });
        }
        addEventListener(name: string, l: (e: { data: string }) => void): void {
          this.listeners.set(name, l);
        }
      },
      location: { href },
      history: { state: null, replaceState: (_s, _u, url) => void replaced.push(url) },
      URL,
      setTimeout: (f, ms) => setTimeout(f, ms),
    };
    win.window = win;
    return { win, calls, sources, replaced };
  }

  it('defines a frozen window.api that posts JSON and listens on one event stream', async () => {
    const { win, calls, sources, replaced } = fakeWindow(`http://127.0.0.1:1/calendar?token=abc&x=1#top`);
    installBridge(win, MAIN_API_METHODS, MAIN_EVENT_NAMES);
    const api = win.api as Record<string, (a?: unknown) => Promise<unknown>> & {
      on(n: string, l: (p: unknown) => void): () => void;
    };
    expect(Object.keys(api).sort()).toEqual([...MAIN_API_METHODS, 'on', 'host'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(replaced).toEqual(['/calendar?x=1#top']);
    expect(await api.listActivity?.({ limit: 2 })).toEqual({ ok: true, value: 'pong' });
    expect(await api.getOverview?.()).toEqual({ ok: true, value: 'pong' });
    expect(calls).toEqual([
      { url: '/api/listActivity', body: '{"limit":2}' },
      { url: '/api/getOverview', body: 'null' },
    ]);
    const got: unknown[] = [];
    const off = api.on('decisionsChanged', (p) => got.push(p));
    api.on('eventsChanged', () => undefined);
    expect(sources.map((s) => s.url)).toEqual(['/api/events']);
    sources[0]?.listeners.get('decisionsChanged')?.({ data: '{"count":3}' });
    off();
    sources[0]?.listeners.get('decisionsChanged')?.({ data: '{"count":4}' });
    expect(got).toEqual([{ count: 3 }]);
    expect(() => api.on('bogus', () => undefined)).toThrow(/unknown event/);
  });

  it('turns a dead server and a lost session into error values', async () => {
    const { win } = fakeWindow('http://127.0.0.1:1/');
    win.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    installBridge(win, MAIN_API_METHODS, MAIN_EVENT_NAMES);
    const api = win.api as Record<string, () => Promise<unknown>>;
    expect(await api.getOverview?.()).toMatchObject({
      ok: false,
      error: { code: 'HOST_UNREACHABLE', message: expect.stringMatching(/not reachable/) },
    });
    const { win: w2 } = fakeWindow('http://127.0.0.1:1/');
    w2.fetch = async () => ({ status: 401, json: async () => null });
    installBridge(w2, MAIN_API_METHODS, MAIN_EVENT_NAMES);
    expect(await (w2.api as Record<string, () => Promise<unknown>>).getOverview?.()).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/link/) },
    });
  });
});
