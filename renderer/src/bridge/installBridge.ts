/**
 * `window.api` in an ordinary browser: what the Electron preload provides, built on the web host's HTTP API
 * (`POST /api/<method>`, JSON in and out) and its event stream (`GET /api/events`, Server-Sent Events). Built by
 * the renderer's Vite build into build/renderer/companion-bridge.js (entry: companionBridge.ts), which the web host
 * adds to index.html as a module script before the renderer's bundle, so `window.api` exists when the app starts.
 * The window is a parameter typed by what the bridge uses, so it is tested with a fake one.
 */
interface ResponseLike {
  readonly status: number;
  json(): Promise<unknown>;
}
interface MessageEventLike {
  readonly data: string;
}
interface EventSourceLike {
  addEventListener(name: string, listener: (e: MessageEventLike) => void): void;
}
export interface BridgeGlobal {
  fetch(
    url: string,
    init: {
      method: string;
      headers: Record<string, string>;
      body: string;
      credentials: 'same-origin';
      cache: 'no-store';
    },
  ): Promise<ResponseLike>;
  EventSource: new (url: string) => EventSourceLike;
  location: { href: string };
  history: { state: unknown; replaceState(state: unknown, unused: string, url: string): void };
  URL: new (href: string) => {
    searchParams: { has(n: string): boolean; delete(n: string): void };
    pathname: string;
    search: string;
    hash: string;
  };
  setTimeout(f: () => void, ms: number): unknown;
  api?: unknown;
}

type Result = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

export function installBridge(target: BridgeGlobal, methods: readonly string[], eventNames: readonly string[]): void {
  const failure = (code: string, message: string): Result => ({ ok: false, error: { code, message } });

  async function call(method: string, arg: unknown): Promise<Result> {
    let res: ResponseLike;
    try {
      res = await target.fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(arg === undefined ? null : arg),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      return failure('HOST_UNREACHABLE', 'The companion is not reachable: is `imip-companion web` still running?');
    }
    if (res.status === 401)
      return failure(
        'HOST_SIGNED_OUT',
        'This page is no longer signed in: open the link `imip-companion web` printed when it started.',
      );
    try {
      const body = (await res.json()) as Partial<Result> | null;
      if (body && typeof body === 'object' && typeof body.ok === 'boolean') return body as Result;
    } catch {
      /* not JSON: reported below */
    }
    return failure('HOST_BAD_ANSWER', `The companion gave an unexpected answer (HTTP ${res.status}).`);
  }

  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSourceLike | null = null;
  let lostConnection = false;

  function deliver(name: string, payload: unknown): void {
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (e) {
        // Report like an uncaught error without stopping the other listeners.
        target.setTimeout(() => {
          throw e;
        }, 0);
      }
    }
  }

  function connect(): void {
    if (source) return;
    source = new target.EventSource('/api/events');
    for (const name of eventNames) {
      source.addEventListener(name, (e) => {
        let payload: unknown;
        try {
          payload = JSON.parse(e.data);
        } catch {
          return;
        }
        deliver(name, payload);
      });
    }
    source.addEventListener('error', () => {
      lostConnection = true;
    });
    // EventSource reconnects by itself; what was emitted meanwhile is lost, so tell the screens to look again.
    source.addEventListener('open', () => {
      if (!lostConnection) return;
      lostConnection = false;
      void call('getOverview', undefined).then((r) => {
        if (!r.ok) return;
        const overview = r.value as { openDecisions: number; connection: unknown };
        deliver('connectionChanged', overview.connection);
        deliver('decisionsChanged', { count: overview.openDecisions });
        deliver('eventsChanged', {});
      });
    });
  }

  const api: Record<string, unknown> = {};
  for (const method of methods) api[method] = (arg?: unknown) => call(method, arg);
  api.on = (name: string, listener: (payload: unknown) => void): (() => void) => {
    if (!eventNames.includes(name)) throw new TypeError(`window.api.on: unknown event "${String(name)}"`);
    if (typeof listener !== 'function') throw new TypeError('window.api.on: the listener must be a function');
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    connect();
    return () => {
      set.delete(listener);
    };
  };
  // The web host has no tray and no login item; the page itself may notify through the browser.
  api.host = Object.freeze({
    kind: 'web',
    features: Object.freeze({ systemNotifications: false, startAtLogin: false, browserNotifications: true }),
  });
  Object.defineProperty(target, 'api', {
    value: Object.freeze(api),
    enumerable: true,
    configurable: false,
    writable: false,
  });

  // The access token came in the address (`?token=`); it now lives in an HttpOnly cookie, so take it out of the
  // address bar, the history and bookmarks.
  try {
    const url = new target.URL(target.location.href);
    if (url.searchParams.has('token')) {
      url.searchParams.delete('token');
      target.history.replaceState(target.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    }
  } catch {
    /* cosmetic only */
  }
}
