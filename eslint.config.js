// House rules enforced here, not by review:
// - only electron/main and electron/preload may import 'electron' (everything else must run in
//   plain Node or a browser, where it is tested for real);
// - raw ipcMain/ipcRenderer only in the one file each that wraps them with sender checks;
// - shared/ is platform-free: no Node built-ins, no DOM globals.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnlyHere = {
  paths: [
    { name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." },
  ],
  patterns: [
    {
      group: ['electron/*'],
      message: "Only electron/main and electron/preload may import 'electron'.",
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules', '.toolchain', 'dist', 'release', '.demo-data', '.test-data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', electronOnlyHere],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The pure policy modules are unit-tested in plain Node: types from 'electron' only.
    files: ['electron/main/policy/**'],
    rules: {
      'no-restricted-imports': 'off',
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
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyHere,
          patterns: [
            ...electronOnlyHere.patterns,
            { regex: '^node:', message: 'shared/ runs everywhere: no Node built-ins.' },
            {
              group: [
                'fs',
                'path',
                'os',
                'crypto',
                'http',
                'https',
                'child_process',
                'better-sqlite3',
                'react',
                'react-dom',
              ],
              message: 'shared/ runs everywhere: no platform modules.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'process',
        'Buffer',
        '__dirname',
        'require',
      ],
    },
  },
  {
    // The staff live screen runs in a browser and shows customer-written text: text nodes only.
    files: ['server/staff/page/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-properties': [
        'error',
        {
          property: 'innerHTML',
          message: 'Customer text goes in as text: use el() from server/staff/page/dom.ts.',
        },
        {
          property: 'outerHTML',
          message: 'Customer text goes in as text: use el() from server/staff/page/dom.ts.',
        },
        {
          property: 'insertAdjacentHTML',
          message: 'Customer text goes in as text: use el() from server/staff/page/dom.ts.',
        },
      ],
    },
  },
  {
    files: ['renderer/**', 'tests/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
