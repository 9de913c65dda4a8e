/** What every emulator route needs; built once per emulator instance. */
import type { Response } from 'express';
import type { ApiError } from '../errors';
import type { Faults } from '../faults';
import type { EmulatorOrg } from '../org';
import type { EmulatorStats } from '../stats';
import type { WriteHooks } from '../write';
import type { TokenStore } from './tokens';

export interface EmulatorContext {
  org: EmulatorOrg;
  stats: EmulatorStats;
  faults: Faults;
  tokens: TokenStore;
  /** Latest API version served, e.g. '62.0'. */
  apiVersion: string;
  /** Records per query page unless the client asks for less (Sforce-Query-Options: batchSize). */
  queryBatchSize: number;
  /** Delay before a Bulk API 2.0 job moves on to JobComplete. */
  bulkTickMs: number;
  /** Base URL of this server, known once it listens. */
  url(): string;
  hooks: WriteHooks;
}

export function sendApiError(res: Response, err: ApiError): void {
  res.status(err.status).json(err.body());
}

/** The `vXX.X` path segment of the request, as `XX.X`. */
export function versionOf(req: { params: unknown }): string {
  return String((req.params as Record<string, string>).version ?? '').replace(/^v/, '');
}
