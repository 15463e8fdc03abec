/**
 * OAuth sign-ins started from the app: each one a flow with an id, so the renderer can open the provider's page
 * (the system browser: Electron's shell in the desktop app, a new tab in the web host) and then wait for the
 * browser to come back. The sign-in itself (PKCE, the loopback listener) is electron/accounts/oauthSignIn.ts; this
 * module only keeps the flows apart. A finished flow holds its tokens in memory until the form that started it
 * saves the account (or for `FLOW_TTL_MS`); a flow's tokens only ever serve the servers of the form or the account
 * it was started for.
 */
import { randomBytes } from 'node:crypto';
import { AccountError } from '../accounts/accountError.js';
import type { OAuthProvider } from '../accounts/oauthProvider.js';
import { signIn, type SignInResult } from '../accounts/oauthSignIn.js';

/** A finished sign-in is kept this long for the form to save it. */
const FLOW_TTL_MS = 30 * 60_000;

export interface SignInFlow {
  readonly id: string;
  readonly provider: OAuthProvider;
  /** The account being repaired, or null for a form's new sign-in. */
  readonly accountId: string | null;
  readonly loginHint: string | null;
  readonly result: Promise<SignInResult>;
}

export interface FlowsOptions {
  readonly now: () => number;
  /** How long the browser may take (default: the sign-in's 5 minutes). */
  readonly timeoutMs?: number;
}

export class SignInFlows {
  readonly #flows = new Map<string, SignInFlow & { readonly abort: AbortController; finishedAt: number | null }>();
  readonly #opts: FlowsOptions;

  constructor(opts: FlowsOptions) {
    this.#opts = opts;
  }

  /** Starts the sign-in; resolves with the flow and the URL to open once the loopback listener is up. */
  async begin(
    provider: OAuthProvider,
    accountId: string | null,
    loginHint: string | null,
  ): Promise<{ flow: SignInFlow; url: string }> {
    this.#sweep();
    const id = randomBytes(16).toString('base64url');
    const abort = new AbortController();
    let gotUrl!: (url: string) => void;
    const url = new Promise<string>((resolve) => (gotUrl = resolve));
    const result = signIn(provider, {
      openUrl: (u) => gotUrl(u),
      signal: abort.signal,
      now: this.#opts.now,
      ...(loginHint ? { loginHint } : {}),
      ...(this.#opts.timeoutMs ? { timeoutMs: this.#opts.timeoutMs } : {}),
    });
    const entry = { id, provider, accountId, loginHint, result, abort, finishedAt: null as number | null };
    result.then(
      () => (entry.finishedAt = this.#opts.now()),
      () => this.#flows.delete(id),
    );
    this.#flows.set(id, entry);
    // The sign-in fails before it asks for the URL only when the listener cannot start or the provider is unusable.
    const first = await Promise.race([url, result.then(() => null)]);
    if (first === null) throw new AccountError('AUTH_PROVIDER', 'The sign-in finished before it began.');
    return { flow: entry, url: first };
  }

  get(id: string): SignInFlow | null {
    return this.#flows.get(id) ?? null;
  }

  /** The finished flow's tokens, or null when it is unknown, still running or failed. */
  async finished(id: string): Promise<SignInResult | null> {
    const f = this.#flows.get(id);
    if (!f || f.finishedAt === null) return null;
    return f.result;
  }

  cancel(id: string): void {
    const f = this.#flows.get(id);
    if (!f) return;
    f.abort.abort();
    this.#flows.delete(id);
  }

  /** Forgets a flow once its tokens were stored. */
  consume(id: string): void {
    this.#flows.delete(id);
  }

  dispose(): void {
    for (const f of this.#flows.values()) f.abort.abort();
    this.#flows.clear();
  }

  #sweep(): void {
    const now = this.#opts.now();
    for (const [id, f] of this.#flows)
      if (f.finishedAt !== null && now - f.finishedAt > FLOW_TTL_MS) this.#flows.delete(id);
  }
}
