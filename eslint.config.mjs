// Two worlds: typescript-eslint for the API, scripts and tests; the Salesforce LWC config for components.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lwcConfig from '@salesforce/eslint-config-lwc/recommended.js';
import globals from 'globals';

export default [
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'data/**',
      'coverage/**',
      '.sfdx/**',
      '.sf/**',
      'force-app/main/default/staticresources/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['*.js', '*.cjs', 'scripts/**/*.js', 'bin/**/*.js'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
  },
  ...[lwcConfig].flat().map((c) => ({ ...c, files: ['force-app/**/lwc/**/*.js'] })),
  {
    files: ['force-app/**/lwc/**/__tests__/**/*.js', 'force-app/**/lwc/**/*.test.js'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
  },
];
