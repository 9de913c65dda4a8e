import path from 'node:path';
import { z } from 'zod';

/** Raised at start when an environment variable is missing or malformed; names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  OVERLAP_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .min(1)
    .refine((v) => /^(postgres(ql)?:\/\/|sqlite:|file:)/.test(v) || !v.includes('://'), {
      message: 'expected postgres://…, sqlite:<path>, or a file path',
    })
    .optional(),
  OVERLAP_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  OVERLAP_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional(),
  OVERLAP_SEED_DEMO: boolish.default(true),
  OVERLAP_PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/i, 'like 10mb or 512kb')
    .default('25mb'),
  OVERLAP_SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(60),
  OVERLAP_BULK_THRESHOLD: z.coerce.number().int().min(1).default(10000),
  OVERLAP_DEMO_ORG: boolish.optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface DatabaseConfig {
  client: 'sqlite3' | 'pg';
  /** SQLite file path, or ':memory:'; PostgreSQL connection string. */
  connection: string;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  adminToken?: string;
  secretKey?: string;
  seedDemo: boolean;
  publicUrl?: string;
  logLevel: Env['LOG_LEVEL'];
  rateLimitPerMinute: number;
  bodyLimit: string;
  /** Minutes between scheduled Salesforce syncs per workspace; 0 turns the scheduler off. */
  syncIntervalMinutes: number;
  /** Row count from which pulls use Bulk API 2.0 query and pushes one Bulk API 2.0 ingest job. */
  bulkThreshold: number;
  /** Start the Salesforce emulator as a demo org and connect the demo workspace to it. */
  demoOrg: boolean;
}

/** Parses DATABASE_URL into a knex client choice; SQLite in the data dir when unset. */
export function databaseFromUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { client: 'sqlite3', connection: path.join(dataDir, 'overlap.sqlite') };
  if (/^postgres(ql)?:\/\//.test(url)) return { client: 'pg', connection: url };
  const file = url.replace(/^(sqlite|file):(\/\/)?/, '');
  return { client: 'sqlite3', connection: file };
}

/** Reads and validates configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as they do in most .env tooling.
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in envSchema.shape && v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      return `  ${name}=${JSON.stringify(present[name] ?? '')}: ${i.message}`;
    });
    throw new ConfigError(`Invalid environment variable(s):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.OVERLAP_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: databaseFromUrl(e.DATABASE_URL, dataDir),
    adminToken: e.OVERLAP_ADMIN_TOKEN,
    secretKey: e.OVERLAP_SECRET_KEY,
    seedDemo: e.OVERLAP_SEED_DEMO,
    publicUrl: e.OVERLAP_PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    bodyLimit: e.BODY_LIMIT,
    syncIntervalMinutes: e.OVERLAP_SYNC_INTERVAL_MINUTES,
    bulkThreshold: e.OVERLAP_BULK_THRESHOLD,
    demoOrg: e.OVERLAP_DEMO_ORG ?? e.OVERLAP_SEED_DEMO,
  };
}
