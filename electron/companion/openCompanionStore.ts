/**
 * The first half of the one composition (`openCompanion`): the data dir opened once as a `SharedDataDir`, with the
 * configuration file's settings applied. The CLI's one-shot commands (process, pending, decide, …) stop here: they
 * need no app service and no agent, so they load neither the IPC validators nor any mail transport code.
 */
import { SharedDataDir } from '../store/sharedDataDir.js';
import { rebuildDecisions } from '../scheduling/rebuildDecisions.js';
import { applyConfigFile, type FileSettings } from '../settings/schedulingSettings.js';

export interface CompanionStoreOptions {
  readonly dataDir: string;
  /** The configuration file's settings (`--config`: an AgentConfig, or loadFileSettings'); null or absent: none. */
  readonly config?: { readonly settings: FileSettings } | null;
  readonly log?: (line: string) => void;
  readonly fsync?: boolean;
}

export async function openCompanionStore(opts: CompanionStoreOptions): Promise<SharedDataDir> {
  const store = await SharedDataDir.open(opts.dataDir, opts.fsync === undefined ? {} : { fsync: opts.fsync });
  store.rebuildWith(rebuildDecisions);
  const config = opts.config ?? null;
  if (config) {
    const log = opts.log ?? (() => undefined);
    // The message catalogue (intl-messageformat) only when there is a configuration file to report on.
    const { english } = await import('../../shared/i18n/index.js');
    for (const note of await store.run((data) => applyConfigFile(data, config))) log(english.render(note));
  }
  return store;
}
