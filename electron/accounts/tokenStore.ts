/**
 * Where refresh tokens are kept, one per account id. The desktop app seals them with the OS keychain (a
 * `TokenCipher`: Electron safeStorage, handed in by the shell); headless, like passwords (`passwordFile` /
 * `passwordEnv` in the agent config), they live in a file only the user can read or come from an environment
 * variable. Access tokens are never stored: they live an hour and are fetched again.
 */
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AccountError } from './accountError.js';

export interface TokenStore {
  get(accountId: string): Promise<string | null>;
  /** Providers may rotate the refresh token on every use (RFC 6749 §6); the new one replaces the old. */
  set(accountId: string, refreshToken: string): Promise<void>;
  delete(accountId: string): Promise<void>;
}

/** A JSON file `{ accountId: refreshToken }` created with mode 0600, replaced atomically. */
export class FileTokenStore implements TokenStore {
  readonly #file: string;
  readonly #warn: (line: string) => void;

  constructor(file: string, warn: (line: string) => void = () => undefined) {
    this.#file = file;
    this.#warn = warn;
  }

  async get(accountId: string): Promise<string | null> {
    return (await this.#read())[accountId] ?? null;
  }

  async set(accountId: string, refreshToken: string): Promise<void> {
    const all = await this.#read();
    all[accountId] = refreshToken;
    await this.#write(all);
  }

  async delete(accountId: string): Promise<void> {
    const all = await this.#read();
    if (!(accountId in all)) return;
    delete all[accountId];
    await this.#write(all);
  }

  async #read(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new AccountError('AUTH_NO_STORE', `Cannot read the token file ${this.#file}: ${(e as Error).message}`);
    }
    if (((await stat(this.#file)).mode & 0o077) !== 0)
      this.#warn(`the token file ${this.#file} is readable by other users (chmod 600 it).`);
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return Object.fromEntries(
          Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
      }
    } catch {
      // fall through: a damaged file is reported, never silently overwritten
    }
    throw new AccountError('AUTH_NO_STORE', `The token file ${this.#file} is damaged; remove it and sign in again.`);
  }

  async #write(all: Record<string, string>): Promise<void> {
    await mkdir(path.dirname(this.#file), { recursive: true, mode: 0o700 });
    const tmp = `${this.#file}.tmp-${process.pid}-${Date.now()}`;
    try {
      // Created 0600 from the start: the token is never readable by others, not even for a moment.
      const handle = await open(tmp, 'w', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(all, null, 1)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await chmod(tmp, 0o600);
      await rename(tmp, this.#file);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw new AccountError('AUTH_NO_STORE', `Cannot write the token file ${this.#file}: ${(e as Error).message}`);
    }
  }
}

/**
 * A refresh token given in an environment variable (`refreshTokenEnv`): read-only. A rotated token is kept in
 * memory for this run, with a warning, since the variable cannot be updated from here.
 */
export class EnvTokenStore implements TokenStore {
  readonly #values = new Map<string, string>();
  readonly #warn: (line: string) => void;

  constructor(byAccount: Readonly<Record<string, string | undefined>>, warn: (line: string) => void = () => undefined) {
    for (const [id, v] of Object.entries(byAccount)) if (v) this.#values.set(id, v);
    this.#warn = warn;
  }

  async get(accountId: string): Promise<string | null> {
    return this.#values.get(accountId) ?? null;
  }

  async set(accountId: string, refreshToken: string): Promise<void> {
    if (this.#values.get(accountId) !== refreshToken) {
      this.#warn(
        `${accountId}: the provider issued a new refresh token; it is used for this run only, update the environment variable (or use tokenFile).`,
      );
    }
    this.#values.set(accountId, refreshToken);
  }

  async delete(accountId: string): Promise<void> {
    this.#values.delete(accountId);
  }
}

/**
 * What sealing needs from the OS keychain: the shape of the `Cipher` in electron/settings/secretStore.ts, named
 * here so this adapter does not import another.
 */
export interface TokenCipher {
  availability(): { readonly ok: true } | { readonly ok: false; readonly message: string };
  encrypt(plain: string): Uint8Array;
  decrypt(sealed: Uint8Array): string;
}

/** Where the sealed tokens are kept by the app (base64 text, e.g. in the settings file). */
export interface SealedTokens {
  get(accountId: string): string | null;
  set(accountId: string, base64: string | null): void;
}

/** The desktop app's store: each token sealed with the OS keychain before it is written anywhere. */
export class SealedTokenStore implements TokenStore {
  readonly #cipher: TokenCipher;
  readonly #values: SealedTokens;

  constructor(cipher: TokenCipher, values: SealedTokens) {
    this.#cipher = cipher;
    this.#values = values;
  }

  async get(accountId: string): Promise<string | null> {
    const sealed = this.#values.get(accountId);
    if (!sealed || !this.#cipher.availability().ok) return null;
    try {
      return this.#cipher.decrypt(Buffer.from(sealed, 'base64'));
    } catch {
      return null; // keychain reset: the person signs in again
    }
  }

  async set(accountId: string, refreshToken: string): Promise<void> {
    const a = this.#cipher.availability();
    if (!a.ok) throw new AccountError('AUTH_NO_STORE', a.message);
    this.#values.set(accountId, Buffer.from(this.#cipher.encrypt(refreshToken)).toString('base64'));
  }

  async delete(accountId: string): Promise<void> {
    this.#values.set(accountId, null);
  }
}
