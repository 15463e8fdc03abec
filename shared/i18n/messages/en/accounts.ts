/** Accounts: sign-in, tokens, discovery (electron/accounts). Keys `accounts.error.<code>` follow AccountErrorCode. */
export const accounts = {
  'accounts.error.AUTH_SIGN_IN_AGAIN':
    'Sign in to {account} again: the provider no longer accepts the earlier sign-in.',
  'accounts.error.AUTH_CANCELLED': 'The sign-in to {account} was cancelled or not completed in the browser.',
  'accounts.error.AUTH_PROVIDER': 'The sign-in provider of {account} gave an answer that cannot be used.',
  'accounts.error.AUTH_NO_STORE': 'The sign-in to {account} cannot be kept safely on this computer.',
  'accounts.error.AUTH_UNREACHABLE': 'The sign-in provider of {account} cannot be reached right now.',
  'accounts.error.CONFIG_INVALID': 'The settings of {account} are incomplete: {detail}',
  'accounts.signIn.openBrowser': 'Continue in your browser to sign in to {account}.',
  'accounts.signIn.done': 'Signed in to {account}.',
  'accounts.discover.found': '{count, plural, one {# server found} other {# servers found}} for {domain}.',
  'accounts.discover.nothing': 'Nothing found for {domain}; enter the servers by hand.',
  'accounts.discover.guess': 'These server names are a guess from the mail exchanger; test them before use.',
} as const;
