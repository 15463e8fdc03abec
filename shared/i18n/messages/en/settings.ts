/** Where a setting's value comes from (the settings screen) and what the configuration file changed at a start. */
export const settings = {
  'settings.source.configFile': 'Set in the configuration file.',
  'settings.source.overridesFile': "Changed here; the configuration file's value applies again at the next start.",
  'settings.source.dataDir': 'Saved in the data folder.',
  'settings.source.default': 'The default.',
  'settings.configFileReplaced':
    'settings: {setting} "{value}" from the configuration file replaces "{saved}" saved in {file}',
} as const;
