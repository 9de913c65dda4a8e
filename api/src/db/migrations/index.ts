import type { Knex } from 'knex';
import * as m20261127_001_core from './20261127_001_core';
import * as m20261127_002_mapping from './20261127_002_mapping';
import * as m20261127_003_salesforce from './20261127_003_salesforce';
import * as m20261127_004_attribution from './20261127_004_attribution';
import * as m20261127_005_notify from './20261127_005_notify';
import * as m20261127_008_planning from './20261127_008_planning';
import * as m20261127_020_cache_versions from './20261127_020_cache_versions';
import * as m20261127_023_sf_account_rollups from './20261127_023_sf_account_rollups';
import * as m20261127_025_api_key_cache from './20261127_025_api_key_cache';

/**
 * Migrations are listed here rather than discovered on disk, so tsx, ts-jest and a compiled
 * build all load the same set. Append new ones in date order; never edit an applied one.
 */
const migrations: Record<string, Knex.Migration> = {
  '20261127_001_core': m20261127_001_core,
  '20261127_002_mapping': m20261127_002_mapping,
  '20261127_003_salesforce': m20261127_003_salesforce,
  '20261127_004_attribution': m20261127_004_attribution,
  '20261127_005_notify': m20261127_005_notify,
  '20261127_008_planning': m20261127_008_planning,
  '20261127_020_cache_versions': m20261127_020_cache_versions,
  '20261127_023_sf_account_rollups': m20261127_023_sf_account_rollups,
  '20261127_025_api_key_cache': m20261127_025_api_key_cache,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};
