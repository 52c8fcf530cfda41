// Layering is enforced here: engine/ imports nothing of ours and no platform; interop/ (exports to
// other formats) is as pure and may use engine/ only; renderer/ may use engine/, interop/ and only the
// *types* of app/; app/ never imports renderer/; node-io/ (the Node-only file writer shared by cli/ and
// app/) imports nothing of ours, and neither engine/, interop/ nor renderer/ imports it.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const platformModules = ['react', 'react-dom', 'react/*', 'react-dom/*', '@xyflow/*', 'electron', 'node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'zustand', 'zustand/*'];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-*', 'out', 'release', 'test-results', 'playwright-report', 'coverage', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
      // Dependencies are parsed to follow cycles; TypeScript files need the TypeScript parser for that.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts', '.cts'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.property.name="only"][callee.object.name=/^(it|test|describe)$/]', message: 'no .only in committed tests' }],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits or catches loses its error (and a user's save with it).
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts', 'test/renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['engine/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'import-x/no-restricted-paths': ['error', {
        zones: [{ target: './engine', from: ['./app', './renderer', './cli', './node-io', './interop', './test', './bench'], message: 'engine/ imports nothing of ours' }],
      }],
      'no-restricted-imports': ['error', { patterns: [{ group: platformModules, message: 'engine/ is pure TypeScript: no DOM, React, Electron or Node imports' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['interop/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'import-x/no-restricted-paths': ['error', {
        zones: [{ target: './interop', from: ['./app', './renderer', './cli', './node-io', './test', './bench'], message: 'interop/ imports only engine/ of ours' }],
      }],
      'no-restricted-imports': ['error', { patterns: [{ group: platformModules, message: 'interop/ is pure TypeScript like engine/: no DOM, React, Electron or Node imports' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['app/**/*.ts', 'app/**/*.cts', 'app/**/*.mts'],
    rules: {
      'import-x/no-restricted-paths': ['error', {
        zones: [{ target: './app', from: ['./renderer'], message: 'app/ never imports renderer/' }],
      }],
    },
  },
  {
    files: ['node-io/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', {
        zones: [{ target: './node-io', from: ['./engine', './interop', './app', './renderer', './cli', './test', './bench'], message: 'node-io/ is a leaf: Node built-ins only' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'import-x/no-restricted-paths': ['error', {
        zones: [
          { target: './renderer', from: ['./cli', './bench', './test'], message: 'renderer/ uses engine/ and the preload API types only' },
          { target: './renderer', from: ['./node-io'], message: 'node-io/ is Node only: the renderer saves through DocumentFiles' },
        ],
      }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'the renderer talks to the desktop shell through the preload API only' }],
        patterns: [{ regex: '(^|/)app/(?!common/|preload/api-types)', message: 'renderer/ may import only the shared contract types from app/', allowTypeImports: true }],
      }],
    },
  },
);
