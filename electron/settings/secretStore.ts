/**
 * Mail passwords, kept apart from the settings and never in plain text. The desktop app encrypts them with the OS
 * keychain (Electron `safeStorage`, wired in electron/main/settings.ts); the web host reads the passwords its
 * configuration file names, or — keeping its own accounts — a 0600 file (`FileSecretStore`). `EncryptedSecretStore`
 * holds the desktop's logic, with the cipher and the storage as parameters, so it is tested under plain Node.
 */
import { PrivateJsonFile } from './mailAccounts.js';

/** `imap` / `smtp` in the desktop settings of 0.2; from 0.3 one per account and server (mailAccounts.ts passwordKey). */
export type SecretName = string;

export type SecretsAvailability = { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface SecretStore {
  /** Whether passwords can be stored safely here; when not, a sentence saying why. */
  availability(): SecretsAvailability;
  has(name: SecretName): boolean;
  get(name: SecretName): string | null;
  /** Throws when `availability()` is not ok: callers check first and report SECRETS_UNAVAILABLE. */
  set(name: SecretName, value: string): void;
  /** Forgets the secret (an account removed). */
  delete(name: SecretName): void;
}

/** The OS keychain's encryption (safeStorage's shape). */
export interface Cipher {
  availability(): SecretsAvailability;
  encrypt(plain: string): Uint8Array;
  decrypt(sealed: Uint8Array): string;
}

/** Where the sealed bytes are kept (base64 text in the settings file). */
export interface SealedValues {
  get(name: SecretName): string | null;
  set(name: SecretName, base64: string): void;
  delete?(name: SecretName): void;
}

export class EncryptedSecretStore implements SecretStore {
  readonly #cipher: Cipher;
  readonly #values: SealedValues;

  constructor(cipher: Cipher, values: SealedValues) {
    this.#cipher = cipher;
    this.#values = values;
  }

  availability(): SecretsAvailability {
    return this.#cipher.availability();
  }

  has(name: SecretName): boolean {
    return !!this.#values.get(name);
  }

  /** Null when nothing is stored or it cannot be decrypted any more (keychain reset): the person enters it again. */
  get(name: SecretName): string | null {
    const sealed = this.#values.get(name);
    if (!sealed || !this.#cipher.availability().ok) return null;
    try {
      return this.#cipher.decrypt(Buffer.from(sealed, 'base64'));
    } catch {
      return null;
    }
  }

  set(name: SecretName, value: string): void {
    const available = this.#cipher.availability();
    if (!available.ok) throw Object.assign(new Error(available.message), { code: 'SECRETS_UNAVAILABLE' });
    this.#values.set(name, Buffer.from(this.#cipher.encrypt(value)).toString('base64'));
  }

  delete(name: SecretName): void {
    this.#values.delete?.(name);
  }
}

/** The web host's passwords: whatever its configuration file resolved (passwordFile / passwordEnv); read-only. */
export class ConfiguredSecrets implements SecretStore {
  readonly #values: Partial<Record<SecretName, string | null>>;

  constructor(values: Partial<Record<SecretName, string | null>>) {
    this.#values = values;
  }

  availability(): SecretsAvailability {
    return {
      ok: false,
      message:
        'The web host reads passwords from its configuration file (passwordFile or passwordEnv); change them there.',
    };
  }

  has(name: SecretName): boolean {
    return typeof this.#values[name] === 'string';
  }

  get(name: SecretName): string | null {
    return this.#values[name] ?? null;
  }

  set(): void {
    throw Object.assign(new Error('The web host reads passwords from its configuration file.'), {
      code: 'SECRETS_UNAVAILABLE',
    });
  }

  delete(): void {
    // The configuration file's passwords are its own: nothing to forget here.
  }
}

/**
 * The web host's passwords when it keeps its own accounts (no configuration file): a JSON file only the user can
 * read (0600), as headless passwords are kept in `passwordFile`s.
 */
export class FileSecretStore implements SecretStore {
  readonly #file: PrivateJsonFile<{ secrets: Record<string, string> }>;

  constructor(file: string) {
    this.#file = new PrivateJsonFile(file, { secrets: {} });
  }

  availability(): SecretsAvailability {
    return { ok: true };
  }

  has(name: SecretName): boolean {
    return typeof this.#all()[name] === 'string';
  }

  get(name: SecretName): string | null {
    return this.#all()[name] ?? null;
  }

  set(name: SecretName, value: string): void {
    this.#file.write({ secrets: { ...this.#all(), [name]: value } });
  }

  delete(name: SecretName): void {
    const { [name]: _gone, ...rest } = this.#all();
    this.#file.write({ secrets: rest });
  }

  #all(): Record<string, string> {
    const v = this.#file.read().secrets;
    return v && typeof v === 'object' ? v : {};
  }
}
