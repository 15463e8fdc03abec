/**
 * The account screens' failures as the person reads them: each an IpcFailure with its code, an English sentence
 * for the log, and the catalogue's wording (`accounts.form.*`, `accounts.error.*`) the form shows instead of it.
 */
import { isAccountError } from '../accounts/accountError.js';
import { IpcFailure } from './serveMainApi.js';

export function noClient(provider: string): IpcFailure {
  return new IpcFailure(
    'INVALID_ARGUMENT',
    `No client ID for ${provider} is set up in this installation (README: registering the app); type one under "Other provider".`,
    { key: 'accounts.form.noClient', params: { provider } },
  );
}

export function readOnly(): IpcFailure {
  return new IpcFailure('INVALID_ARGUMENT', 'These accounts come from the configuration file; change them there.', {
    key: 'accounts.form.readOnly',
  });
}

export function notFound(id: string): IpcFailure {
  return new IpcFailure('NOT_FOUND', `There is no account ${id}.`, {
    key: 'accounts.form.notFound',
    params: { account: id },
  });
}

export function secretsUnavailable(message: string): IpcFailure {
  return new IpcFailure('SECRETS_UNAVAILABLE', message, { key: 'accounts.form.secretsUnavailable' });
}

/** A sign-in that failed: worded by its AccountError code (accounts.error.*), the provider's text as detail. */
export function signInFailure(e: unknown): IpcFailure {
  if (e instanceof IpcFailure) return e;
  if (isAccountError(e))
    return new IpcFailure('SIGN_IN_FAILED', `${e.code}: ${e.message}`, {
      key: `accounts.form.signIn.${e.code}`,
      params: { detail: e.message },
    });
  return new IpcFailure('SIGN_IN_FAILED', e instanceof Error ? e.message : String(e), {
    key: 'accounts.form.signInFailed',
  });
}
