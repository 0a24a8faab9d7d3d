// House rules enforced here, not by review. Two groups, each counted on its own in `npm test`:
// - fences: which code may import what, by where it runs (a file's folder says which process
//   runs it, as in Signal Desktop):
//   - only electron/main and electron/preload may import 'electron' (everything else must run in
//     plain Node or a browser, where it is tested for real);
//   - raw ipcMain only in the one file that wraps handlers with sender checks;
//   - shared/ is platform-free: no Node built-ins, no DOM globals;
//   - browser code (renderer/, server/staff/page/) imports no node: modules and no kiosk-host or
//     collector internals, only shared/ and its own folder;
//   - electron/core runs in plain Node: no DOM globals;
//   - server/ imports nothing from renderer/ or electron/;
// - style: the recommended rules, type-only imports, React hooks, no HTML sinks in the staff page.
// LASTWORD_LINT=fences or =style runs one group (npm test does both); unset runs everything.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ELECTRON_ONLY = "Only electron/main and electron/preload may import 'electron'.";
const electron = {
  paths: [{ name: 'electron', message: ELECTRON_ONLY }],
  patterns: [{ group: ['electron/*'], message: ELECTRON_ONLY }],
};
const nodeBuiltins = (message) => ({ regex: '^node:', message });
const platformModules = (where) => ({
  group: ['fs', 'path', 'os', 'crypto', 'http', 'https', 'child_process', 'better-sqlite3'],
  message: `${where}: no Node platform modules.`,
});
const importsFrom = (folders, message) => ({
  regex: `(^|/)(${folders.join('|')})/`,
  message,
});
const NODE_GLOBALS = ['process', 'Buffer', '__dirname', '__filename', 'require', 'global'];
const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
];

/** no-restricted-imports for a folder: the electron rule plus the folder's own patterns. */
const restrictImports = (...patterns) => [
  'error',
  { ...electron, patterns: [...electron.patterns, ...patterns] },
];

const fences = [
  { rules: { 'no-restricted-imports': restrictImports() } },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The pure policy modules are unit-tested in plain Node: types from 'electron' only.
    files: ['electron/main/policy/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'policy/ stays loadable in plain Node: import types only.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // GitHub Desktop's rule: handlers are registered through one wrapper that checks the sender.
    files: ['electron/main/**'],
    ignores: ['electron/main/ipc.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='ipcMain']",
          message: 'Register bridge handlers through electron/main/ipc.ts.',
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        nodeBuiltins('shared/ runs everywhere: no Node built-ins.'),
        platformModules('shared/ runs everywhere'),
        { group: ['react', 'react-dom'], message: 'shared/ runs everywhere: no UI framework.' },
        importsFrom(
          ['electron', 'renderer', 'server'],
          'shared/ is imported by everyone and imports none of them.',
        ),
      ),
      'no-restricted-globals': ['error', ...DOM_GLOBALS, ...NODE_GLOBALS],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        nodeBuiltins('The kiosk UI runs in a sandboxed browser: no Node built-ins.'),
        platformModules('The kiosk UI runs in a sandboxed browser'),
        importsFrom(
          ['electron', 'server'],
          'The kiosk UI talks to the host only through the bridge: import shared/ or renderer/.',
        ),
      ),
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
    },
  },
  {
    files: ['server/staff/page/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        nodeBuiltins('The staff page runs in a browser: no Node built-ins.'),
        platformModules('The staff page runs in a browser'),
        importsFrom(
          ['electron', 'renderer', 'alerts', 'db', 'kiosk-api'],
          'The staff page knows the collector only through shared/staff-api.ts.',
        ),
        {
          regex: '^\\.\\./[^.]',
          message: 'The staff page knows the collector only through shared/staff-api.ts.',
        },
      ),
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
    },
  },
  {
    files: ['electron/core/**'],
    rules: { 'no-restricted-globals': ['error', ...DOM_GLOBALS] },
  },
  {
    files: ['server/**'],
    ignores: ['server/staff/page/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        importsFrom(
          ['electron', 'renderer'],
          'The collector stands alone: shared/ is the contract.',
        ),
      ),
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
];

const style = [
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The staff live screen runs in a browser and shows customer-written text: text nodes only.
    files: ['server/staff/page/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['innerHTML', 'outerHTML', 'insertAdjacentHTML'].map((property) => ({
          property,
          message: 'Customer text goes in as text: use el() from server/staff/page/dom.ts.',
        })),
      ],
    },
  },
  {
    files: ['renderer/**', 'tests/renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
];

/** Parsers and globals by where code runs; both groups need them. */
const setup = [
  {
    ignores: ['node_modules', '.toolchain', 'dist', 'release', '.demo-data', '.test-data', 'docs'],
  },
  { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } },
  { languageOptions: { globals: { ...globals.node } } },
  {
    files: ['shared/**'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
  },
  {
    files: ['renderer/**', 'server/staff/page/**', 'tests/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The rules of one group are unknown to the other only if their plugins are missing.
  { plugins: { '@typescript-eslint': tseslint.plugin, 'react-hooks': reactHooks } },
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
];

const only = process.env.LASTWORD_LINT;
export default tseslint.config(
  ...setup,
  ...(only === 'fences' ? [] : style),
  ...(only === 'style' ? [] : fences),
);
