// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** The process boundary is a lint error, not a convention (see README, "Architecture"). */
const sharedRestrictions = {
  paths: [
    ...nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure TypeScript: no Node modules.' })),
    { name: 'electron', message: 'shared/ must not import Electron.' },
    { name: 'dexie', message: 'shared/ must not import Dexie; storage lives in renderer/src/db.' },
    { name: 'react', message: 'shared/ must not import React.' },
    { name: 'react-dom', message: 'shared/ must not import React.' },
  ],
  patterns: [
    { group: ['**/renderer/**', '**/electron/**'], message: 'shared/ must not import from renderer/ or electron/.' },
    { group: ['dexie/*', 'react-dom/*', 'electron/*'], message: 'shared/ is pure TypeScript.' },
  ],
};

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: new URL('..', import.meta.url).pathname },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-console': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', sharedRestrictions],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'indexedDB', 'process', 'Buffer', '__dirname', 'require'].map((name) => ({
          name,
          message: 'shared/ runs in every process: no DOM or Node globals.',
        })),
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer has no Node: use the platform adapter.' })),
            { name: 'electron', message: 'The renderer reaches Electron only through renderer/src/platform.' },
          ],
          patterns: [{ group: ['**/electron/**'], message: 'The renderer must not import electron/ code.' }],
        },
      ],
    },
  },
  {
    // Only the database module may touch Dexie: UI code goes through repositories.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/src/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer has no Node: use the platform adapter.' })),
            { name: 'electron', message: 'The renderer reaches Electron only through renderer/src/platform.' },
            { name: 'dexie', message: 'Only renderer/src/db touches Dexie; use a repository.' },
            { name: 'dexie-react-hooks', message: 'Only renderer/src/db touches Dexie; use a repository hook.' },
          ],
          patterns: [{ group: ['**/electron/**'], message: 'The renderer must not import electron/ code.' }],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'build/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'electron/ must not import renderer code.' }] },
      ],
    },
  },
  {
    // Code that plain Node runs too (the command-line tool, and the link checker it shares with the
    // main process): importing Electron there would only fail at run time, in the CLI.
    files: ['electron/cli/**/*.ts', 'electron/main/links/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/cli and electron/main/links run under plain Node: no Electron.' }],
          patterns: [
            { group: ['**/renderer/**'], message: 'electron/ must not import renderer code.' },
            { group: ['electron/*'], message: 'electron/cli and electron/main/links run under plain Node: no Electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'tests/**/*.tsx'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name=/^(it|test|describe)$/][property.name='only']", message: 'No focused tests.' },
      ],
    },
  },
);
