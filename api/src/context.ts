import type { Knex } from 'knex';
import type { Config } from './config';
import type { Logger } from './logger';

/** What every service and route needs; built once at start (or per test). */
export interface AppContext {
  db: Knex;
  config: Config;
  logger: Logger;
  /** Injectable clock so triggers, digests and rate windows are testable. */
  now: () => Date;
}
