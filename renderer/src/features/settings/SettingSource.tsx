/**
 * One line under a setting saying where its value comes from: the configuration file the companion started with,
 * the data folder (saved here or by the command line), or the default. When the configuration file sets the value
 * but it was changed here since, the person is told the file's value comes back at the next start.
 */
import type { MessageKey } from '../../../../shared/i18n/index.js';
import type { SettingsView } from '../../api';
import { useWords } from '../../lib/i18n';

export interface SettingSourceProps {
  readonly settings: SettingsView;
  readonly setting: keyof SettingsView['sources'];
}

function sourceMessage(settings: SettingsView, setting: keyof SettingsView['sources']): MessageKey {
  const source = settings.sources[setting];
  if (source === 'config-file') return 'settings.source.configFile';
  if (source === 'data-dir')
    return settings.setByConfigFile.includes(setting) ? 'settings.source.overridesFile' : 'settings.source.dataDir';
  return 'settings.source.default';
}

export function SettingSource({ settings, setting }: SettingSourceProps) {
  const w = useWords();
  return (
    <p className="help setting-source" data-source={settings.sources[setting]}>
      {w.t(sourceMessage(settings, setting))}
    </p>
  );
}
