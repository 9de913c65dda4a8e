// One jest run, two projects: the API (ts-jest, node) and the LWCs (sfdx-lwc-jest, jsdom).
const lwcPreset = require('@salesforce/sfdx-lwc-jest/config').jestConfig;

module.exports = {
  // Database suites build their fixtures in beforeAll; on a busy 2-core machine (PostgreSQL and
  // SQLite side by side) that can pass jest's 5 s default without anything being wrong.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'api',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': 'ts-jest' },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
    {
      ...lwcPreset,
      displayName: 'lwc',
      rootDir: __dirname,
      roots: ['<rootDir>/force-app'],
      testMatch: ['**/__tests__/**/*.test.js'],
    },
  ],
};
