/**
 * Where the data directory is when nobody names one: `$IMIP_COMPANION_DATA_DIR`, else
 * `$XDG_DATA_HOME/imip-companion` (XDG Base Directory: user data), so the command line, `watch`, the web host and
 * the desktop app share one calendar by default.
 */
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.IMIP_COMPANION_DATA_DIR) return env.IMIP_COMPANION_DATA_DIR;
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'imip-companion');
}
