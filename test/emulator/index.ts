/**
 * A local Salesforce REST API emulator that jsforce talks to unchanged. Start one per test suite
 * (or per demo): `const sf = await createEmulator(); … await sf.close()`.
 * See test/emulator/README.md for what is emulated and which documentation pages it follows.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { buildApp } from './http/app';
import type { EmulatorContext } from './http/context';
import type { OAuthClient } from './http/oauth';
import { TokenStore } from './http/tokens';
import { Faults, type FaultSettings } from './faults';
import { EmulatorOrg } from './org';
import { loadSchema } from './schema/load';
import { EmulatorStats } from './stats';

export type { FaultSettings } from './faults';
export type { OAuthClient } from './http/oauth';
export type { CallKind, StatsSnapshot } from './stats';
export type { SfValue, StoredRecord } from './org';
export type { FieldDef, ObjectDef } from './schema/types';
export { EmulatorOrg, toSfDateTime } from './org';
export { EmulatorStats } from './stats';
export { Faults } from './faults';
export { makeId, checksum } from './ids';
export { seedDemoOrg } from './demo';

export const EMULATOR_API_VERSION = '62.0';
export const DEFAULT_CLIENT_ID = 'overlap-emulator-client';
export const DEFAULT_CLIENT_SECRET = 'overlap-emulator-secret';
export const ADMIN_USERNAME = 'admin@overlap-emulator.example';

export interface EmulatorOptions {
  /** force-app/main/default to read objects from; defaults to this repository's. */
  forceAppDir?: string;
  /** Latest API version served (default 62.0). */
  apiVersion?: string;
  /** Records per query page (default 2000; tests may go lower). */
  queryBatchSize?: number;
  /** Access token lifetime on the emulator clock (default 2 hours). */
  tokenTtlMs?: number;
  /** Connected-app clients accepted by the token endpoint; a default client-credentials client is always present. */
  clients?: OAuthClient[];
  /** Injectable clock for audit fields, token expiry and replication windows. */
  now?: () => Date;
  faults?: FaultSettings;
  /** Seed for rate-based faults. */
  seed?: number;
  /** Delay before Bulk API 2.0 jobs complete (default 5 ms). */
  bulkTickMs?: number;
  /** Whether CurrencyIsoCode exists on Account/Opportunity (default true). */
  multiCurrency?: boolean;
  port?: number;
  host?: string;
}

export interface Emulator {
  /** Base URL, e.g. http://127.0.0.1:54321 — both login URL and instance URL. */
  url: string;
  instanceUrl: string;
  port: number;
  apiVersion: string;
  /** A valid access token for the admin user (expires like any other). */
  accessToken: string;
  clientId: string;
  clientSecret: string;
  adminUserId: string;
  org: EmulatorOrg;
  stats: EmulatorStats;
  faults: Faults;
  /** Schema problems found while loading force-app (unsupported field types). */
  schemaWarnings: string[];
  /** A fresh access token for a user (default: admin). */
  issueAccessToken(userId?: string): string;
  /** A refresh token usable with grant_type=refresh_token for the given client. */
  issueRefreshToken(clientId?: string, userId?: string): string;
  /** Every access token issued so far stops working (next call: 401 INVALID_SESSION_ID). */
  expireTokens(): void;
  close(): Promise<void>;
}

export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? (() => new Date());
  const { schema, warnings } = loadSchema({
    forceAppDir: options.forceAppDir,
    multiCurrency: options.multiCurrency,
  });
  const org = new EmulatorOrg(schema, now);
  // The admin creates and owns itself, as the first user of a real org does.
  org.defaultUserId = org.newId(org.object('User'));
  const [admin] = org.insert('User', [
    {
      Id: org.defaultUserId,
      FirstName: 'Emulator',
      LastName: 'Admin',
      Email: ADMIN_USERNAME,
      Username: ADMIN_USERNAME,
      IsActive: true,
    },
  ]);

  const clients: OAuthClient[] = [
    {
      clientId: DEFAULT_CLIENT_ID,
      clientSecret: DEFAULT_CLIENT_SECRET,
      runAsUsername: ADMIN_USERNAME,
    },
    ...(options.clients ?? []),
  ];
  const faults = new Faults(options.faults, options.seed);
  const stats = new EmulatorStats();
  const tokens = new TokenStore(org.orgId, now, options.tokenTtlMs ?? 2 * 3600_000);
  let baseUrl = '';
  const ctx: EmulatorContext = {
    org,
    stats,
    faults,
    tokens,
    apiVersion: options.apiVersion ?? EMULATOR_API_VERSION,
    queryBatchSize: options.queryBatchSize ?? 2000,
    bulkTickMs: options.bulkTickMs ?? 5,
    url: () => baseUrl,
    hooks: { lockError: () => faults.lockError() },
  };

  const server: Server = createServer(buildApp(ctx, clients));
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  baseUrl = `http://${address}:${port}`;

  return {
    url: baseUrl,
    instanceUrl: baseUrl,
    port,
    apiVersion: ctx.apiVersion,
    accessToken: tokens.issue(admin.Id as string, DEFAULT_CLIENT_ID),
    clientId: DEFAULT_CLIENT_ID,
    clientSecret: DEFAULT_CLIENT_SECRET,
    adminUserId: admin.Id as string,
    org,
    stats,
    faults,
    schemaWarnings: warnings,
    issueAccessToken: (userId = admin.Id as string) => tokens.issue(userId, DEFAULT_CLIENT_ID),
    issueRefreshToken: (clientId = DEFAULT_CLIENT_ID, userId = admin.Id as string) =>
      tokens.issueRefresh(userId, clientId),
    expireTokens: () => tokens.expireAll(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const s of sockets) s.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
