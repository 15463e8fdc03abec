/**
 * The configuration file whose CalDAV account the data dir's calendar belongs to, remembered in config.json
 * (`davConfigFile`) by every root started with one (`watch`, `web --config`, `sync`, a command given `--config`).
 * The CLI's writing commands (`decide`, `respond`, `import`, `create`, …) run without `--config`; they find the
 * calendar server here, so a decision taken on the command line reaches the server like one the agent carries out.
 */
import path from 'node:path';
import type { DataDir, DataDirConfig } from '../store/dataDir.js';

const KEY = 'davConfigFile';

export function rememberedDavConfig(cfg: DataDirConfig): string | null {
  const v = cfg[KEY];
  return typeof v === 'string' && path.isAbsolute(v) ? v : null;
}

/** Saves the file's absolute path; nothing is written when it is already the one remembered. */
export async function rememberDavConfig(data: DataDir, file: string | null): Promise<void> {
  const abs = file === null ? null : path.resolve(file);
  if (rememberedDavConfig(data.config()) === abs) return;
  await data.updateConfig({ [KEY]: abs });
}
