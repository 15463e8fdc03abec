// ESLint flat config: code checks plus the layer rules of docs/architecture.md, checked by machine.
//
// Two mechanisms carry the layer table:
// - folder → folder edges: `import-x/no-restricted-paths`, which resolves every import to a file, so a rule holds
//   however deep the importing file sits (an import that does not resolve is left to the type-check). One zone per
//   folder, default-deny: a folder may import only what LAYER_ZONES / ELECTRON_TIERS allow, so an import of a
//   folder nobody listed is reported.
// - packages and Node builtins: `no-restricted-imports`, one block per area, generated from PACKAGE_RULES.
// Extending: a new folder under electron/ gets a tier in ELECTRON_TIERS (and a row in docs/architecture.md);
// until then it is checked as an adapter and nothing else may import it. test/lint/layers.test.ts proves the rules.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------------------------
// electron/: tiers. A folder imports its own files, shared/, and folders of a lower tier; folders of the same
// tier are independent of each other (only a higher tier combines them), except for the edges in `alsoImports`.
// `only` replaces the tier rule with an explicit list.
const ELECTRON_TIERS = {
  fsio: { tier: 0, why: 'the file-system helpers (atomic write, lock files) everything else builds on' },
  store: { tier: 1, why: 'an adapter (the data directory)' },
  mail: { tier: 1, why: 'an adapter (MIME, IMAP, SMTP)' },
  accounts: { tier: 1, why: 'an adapter (accounts and their credentials)' },
  // The outbox sends what it keeps through SMTP, so it sits on the mail adapter.
  outbox: { tier: 2, why: 'the durable outbox, draining through mail/smtp' },
  // The local vdir is CalDAV's offline cache, so CalDAV sits on the store.
  caldav: { tier: 2, why: 'CalDAV / CardDAV with the data directory as offline cache' },
  // Settings read the data dir's config.json and check server blocks with the mail and CalDAV adapters' schemas.
  settings: { tier: 3, why: 'settings and their precedence (config file, data dir, defaults)' },
  scheduling: { tier: 4, why: 'the orchestrator: mail → engine → store → outgoing' },
  // The reminder clock reads the calendar through the data dir and rings through a notifier the roots hand in.
  reminders: { tier: 4, why: 'the reminder clock: alarms due, one timer, snooze and dismiss kept in the data dir' },
  agent: { tier: 5, why: 'the mail loop around the orchestrator' },
  app: { tier: 6, why: 'the MainApi implementation and its one validating boundary' },
  // Transports over the app service, and the small helpers the roots share (paths, renderer files, tray icon).
  ipc: { tier: 7, why: 'the Electron IPC registration' },
  shell: { tier: 7, why: 'helpers of the roots' },
  companion: { tier: 8, why: 'the composition function every root uses' },
  main: { tier: 9, why: 'a root: the Electron shell' },
  web: { tier: 9, why: 'a root: the web host' },
  // `imip-companion web` is a CLI command that starts the web host in-process, so the CLI may import the host's
  // entry module; the host never imports the CLI (argument parsing and output belong to the command).
  cli: {
    tier: 9,
    why: 'a root: the command line',
    alsoImports: ['electron/web/webHost.ts'],
  },
  // The sandboxed preload sees only the IPC contract: anything more would widen what the page can reach.
  preload: { tier: 9, why: 'the sandboxed preload', only: [] },
};
function electronZone(name, entry) {
  const lower = Object.entries(ELECTRON_TIERS).filter(([other, e]) => other !== name && e.tier < entry.tier);
  const allowed = entry.only ?? [...lower.map(([other]) => `electron/${other}`), ...(entry.alsoImports ?? [])];
  const list = entry.only
    ? entry.only.join(', ') || 'nothing else'
    : [...lower.map(([o]) => o), ...(entry.alsoImports ?? [])].join(', ') || 'nothing else';
  return zone(
    `electron/${name}/**`,
    ['shared', `electron/${name}`, ...allowed],
    `electron/${name} is ${entry.why}; besides shared/ it may import (from electron/) ${list}. Lower tiers never ` +
      'import higher ones and folders of one tier stay independent, so each can be tested and replaced alone. ' +
      'A new edge is a design decision: ELECTRON_TIERS in eslint.config.js and docs/architecture.md.',
  );
}

/** Default-deny: files under `target` may import nothing in the repo outside `allowed` (packages are separate). */
function zone(target, allowed, message) {
  return {
    target: `./${target}`,
    from: './',
    except: ['./node_modules', ...allowed.map((a) => `./${a}`)],
    message,
  };
}

const listed = Object.keys(ELECTRON_TIERS).join('|');
const LAYER_ZONES = [
  zone(
    'shared/**',
    ['shared'],
    'shared/ is the pure core (no Node, no DOM, no Electron, no I/O): it imports only shared/.',
  ),
  zone(
    'renderer/**',
    ['renderer', 'shared'],
    'renderer/ runs in the sandboxed window: it imports only renderer/ and shared/ and reaches the main process ' +
      'only through window.api.',
  ),
  ...Object.entries(ELECTRON_TIERS).map(([name, entry]) => electronZone(name, entry)),
  // The engine's surface is its index: outside shared/, nobody reaches into its modules, so the engine can be
  // reorganised without touching a caller, and iCalendar helpers a caller needs live in shared/ical instead.
  ...['electron', 'renderer'].map((area) => ({
    target: `./${area}/**`,
    from: './shared/itip',
    except: ['./index.ts'],
    message:
      `${area}/ uses the scheduling engine only through shared/itip/index.ts; iCalendar helpers belong in ` +
      'shared/ical and domain types in shared/model.',
  })),
  zone(
    `electron/!(${listed})/**`,
    ['shared', 'electron/fsio'],
    'This folder is not in ELECTRON_TIERS (eslint.config.js), so it is checked as an adapter: shared/ and ' +
      'electron/fsio only. Give it a tier there and a row in docs/architecture.md.',
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// Packages and Node builtins, per area. Relative imports are left to the zones above.
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));
/** Pure packages shared/ may use: no I/O, no Node, no DOM. */
const SHARED_PACKAGES = [
  'ical.js',
  'timezones-ical-library',
  'windows-iana',
  'zod',
  'intl-messageformat',
  '@noble/hashes',
];
/** What the renderer may use besides the pure ones. */
const RENDERER_PACKAGES = [
  ...SHARED_PACKAGES,
  'react',
  'react-dom',
  '@fullcalendar/react',
  'dompurify',
  'temporal-polyfill',
];
const DOM_PACKAGES = ['react', 'react-dom', '@fullcalendar/*'];

/** A pattern reporting every bare specifier (package or builtin) that is not in `allowed`. */
function onlyPackages(allowed, message) {
  const escaped = allowed.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return { regex: `^(?!\\.{1,2}/|(?:${escaped.join('|')})(?:/|$))`, message };
}
const builtins = (message) => ({
  paths: NODE_BUILTINS.map((name) => ({ name, message })),
  patterns: [{ group: ['node:*', ...NODE_BUILTINS.map((m) => `${m}/*`)], message }],
});
const electronPackage = {
  paths: [
    {
      name: 'electron',
      message:
        'Only the Electron shell (electron/main, electron/preload) imports electron: ' +
        'everything else must load under plain Node, where the electron package holds no API.',
    },
  ],
  patterns: [
    {
      group: ['electron/*'],
      message: 'Only the Electron shell imports electron.',
    },
  ],
};
const domPackages = {
  group: DOM_PACKAGES,
  message: 'React and the calendar UI belong to renderer/; the main process runs no DOM.',
};
const merge = (...parts) => ({
  paths: parts.flatMap((p) => p.paths ?? []),
  patterns: parts.flatMap((p) => p.patterns ?? []),
});

const PACKAGE_RULES = [
  {
    files: ['shared/**'],
    options: merge({
      patterns: [
        onlyPackages(
          SHARED_PACKAGES,
          `shared/ is pure (no Node builtins, no DOM, no Electron, no I/O): it may use only ${SHARED_PACKAGES.join(', ')}. ` +
            'A new pure package is added to SHARED_PACKAGES in eslint.config.js.',
        ),
      ],
    }),
  },
  {
    files: ['renderer/**'],
    options: merge({
      patterns: [
        onlyPackages(
          RENDERER_PACKAGES,
          'renderer/ runs in the sandboxed window: no Node builtins, no electron, no I/O packages; it may use ' +
            `${RENDERER_PACKAGES.join(', ')}. A new UI package is added to RENDERER_PACKAGES in eslint.config.js.`,
        ),
      ],
    }),
  },
  {
    files: ['electron/**'],
    options: merge(electronPackage, { patterns: [domPackages] }),
  },
  { files: ['electron/main/**'], options: merge({ patterns: [domPackages] }) },
  {
    files: ['electron/preload/**/*.ts'],
    options: merge(builtins('The sandboxed preload has no Node builtins: it uses only electron and shared/ipc.'), {
      patterns: [domPackages],
    }),
  },
];

// ---------------------------------------------------------------------------------------------------------------
export default defineConfig(
  {
    ignores: [
      'node_modules/',
      'build/',
      'out/',
      'dist/',
      'test-results/',
      'bench-data/',
      'test/fixtures/',
      'renderer/dist/',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  // Without type information: the type-aware set took about four times as long on this tree (about a minute of CPU
  // against 15 s), and the compiler's strict options already cover most of what it adds.
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          noWarnOnMultipleProjects: true,
          project: ['tsconfig.json', '*/tsconfig.json', 'test/renderer/tsconfig.json'].map((p) => path.join(ROOT, p)),
        }),
      ],
    },
    rules: {
      // The compiler already reports unused names (noUnusedLocals / noUnusedParameters); `_` marks a kept one.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
          ignoreRestSiblings: true,
        },
      ],
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: LAYER_ZONES }],
      // The iCalendar reader and writer must find control characters (RFC 5545 §3.3.11 forbids them in TEXT).
      'no-control-regex': 'off',
    },
  },
  {
    ...reactHooks.configs.flat.recommended,
    files: ['renderer/**', 'test/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // A warning, not an error: it also reports an async loader whose setState runs after an await (React's own
      // fetch-in-effect pattern); a synchronous copy of a prop into state is the case worth fixing.
      'react-hooks/set-state-in-effect': 'warn',
    },
  },
  ...PACKAGE_RULES.map(({ files, options }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', options] },
  })),
  {
    // Stand-ins for CommonJS packages inside the bundled command line (scripts/build-cli.mjs): CommonJS themselves,
    // so that a package's `require()` of the one they replace gets them exactly as it would get it.
    files: ['scripts/bundle/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='only']",
          message: 'No .only in tests: it silently skips every other test in the run.',
        },
      ],
    },
  },
  prettier,
);
