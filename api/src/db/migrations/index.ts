import type { Knex } from 'knex';
import * as m20261127_001_core from './20261127_001_core';
import * as m20261127_002_mapping from './20261127_002_mapping';

/**
 * Migrations are listed here rather than discovered on disk, so tsx, ts-jest and a compiled
 * build all load the same set. Append new ones in date order; never edit an applied one.
 */
const migrations: Record<string, Knex.Migration> = {
  '20261127_001_core': m20261127_001_core,
  '20261127_002_mapping': m20261127_002_mapping,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};
