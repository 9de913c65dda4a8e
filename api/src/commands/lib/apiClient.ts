/**
 * Typed HTTP client for the Overlap API, used by the `sf overlap` commands.
 * The API key only ever goes into the Authorization header: it is never part of an error,
 * a log line or a URL, so nothing the commands print can leak it.
 */
import type { Readable } from 'node:stream';

export interface ApiSettings {
  url: string;
  key?: string;
}

export interface ProblemItem {
  index?: number;
  line?: number;
  field?: string;
  reason: string;
}

/** A non-2xx answer from the API, carrying its problem+json body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: ProblemItem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** No HTTP answer at all: connection refused, DNS, timeout. */
export class ApiUnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url}: ${reason}`);
    this.name = 'ApiUnreachableError';
  }
}

export interface Health {
  status: 'ok' | 'degraded';
  version: string;
  database: { client: string; reachable: boolean };
}
export type PartnerKind = 'workspace' | 'managed';
export type PartnerStatus = 'invited' | 'active' | 'ended';
export interface Partner {
  id: string;
  name: string;
  kind: PartnerKind;
  status: PartnerStatus;
  createdAt: string;
  endedAt: string | null;
}
export type SharingLevel = 'hidden' | 'counts' | 'overlaps';
export interface SharingRule {
  populationId: string;
  populationName: string;
  level: SharingLevel;
  fields: string[];
}
export interface Sharing {
  partner: { id: string; name: string };
  rules: SharingRule[];
}
export interface Matrix {
  partner: { id: string; name: string };
  myPopulations: Array<{ id: string; name: string }>;
  partnerPopulations: Array<{ id: string; name: string }>;
  cells: Array<{ myPopulationId: string; partnerPopulationId: string; count: number }>;
}
export interface Overlap {
  id: string;
  partner: { id: string; name: string };
  myRecord: { sourceId: string; name: string };
  myPopulations: string[];
  partnerPopulations: string[];
  partnerRecord: Record<string, unknown>;
  method: 'domain' | 'name' | 'fuzzy' | 'hierarchy';
  confidence: number;
  firstSeen: string;
  lastSeen: string;
}
export interface ImportResult {
  accepted: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: ProblemItem[];
  /** lines rejected, counting those beyond the reported ones */
  rejectedCount: number;
}
export interface SalesforceConnection {
  status: 'connected';
  method: string;
  instanceUrl: string;
  orgId: string | null;
  userId: string | null;
  connectedAt: string;
  lastSyncAt: string | null;
}
export type SyncStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'partial';
export interface SyncRun {
  id: string;
  trigger: string;
  status: SyncStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  counts: Record<string, number>;
  errors: Array<{ stage: string; object?: string; key?: string; message: string }>;
}
export type ImportKind = 'accounts' | 'opportunities';

type Body = { json: unknown } | { csv: Readable } | undefined;

export class OverlapClient {
  readonly baseUrl: string;
  private readonly key?: string;

  constructor(settings: ApiSettings) {
    this.baseUrl = settings.url.replace(/\/+$/, '');
    this.key = settings.key;
  }

  get hasKey(): boolean {
    return Boolean(this.key);
  }

  async request<T>(method: string, path: string, body?: Body, auth = true): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (auth && this.key) headers.authorization = `Bearer ${this.key}`;
    let payload: RequestInit['body'];
    let duplex: 'half' | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body && 'csv' in body) {
      headers['content-type'] = 'text/csv';
      // Streamed, so a large file is never held in memory; fetch needs duplex for a stream body.
      payload = body.csv as unknown as RequestInit['body'];
      duplex = 'half';
    }
    const url = `${this.baseUrl}${path}`;
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: payload, duplex } as RequestInit);
    } catch (err) {
      throw new ApiUnreachableError(this.baseUrl, networkReason(err));
    }
    const text = await res.text();
    const data = parseJson(text);
    if (!res.ok) {
      const p = (data ?? {}) as {
        code?: string;
        title?: string;
        detail?: string;
        errors?: ProblemItem[];
      };
      throw new ApiError(
        res.status,
        p.code ?? `http_${res.status}`,
        p.detail ?? p.title ?? res.statusText,
        p.errors ?? [],
      );
    }
    return data as T;
  }

  health(): Promise<Health> {
    return this.request<Health>('GET', '/healthz', undefined, false);
  }

  async listPartners(): Promise<Partner[]> {
    return (await this.request<{ data: Partner[] }>('GET', '/v1/partners')).data;
  }

  invitePartner(
    name: string,
    kind: PartnerKind,
  ): Promise<{ partner: Partner; inviteToken?: string }> {
    return this.request('POST', '/v1/partners', { json: { name, kind } });
  }

  async acceptInvite(token: string): Promise<Partner> {
    return (
      await this.request<{ partner: Partner }>('POST', `/v1/partner-invites/${enc(token)}/accept`)
    ).partner;
  }

  getSharing(partnerId: string): Promise<Sharing> {
    return this.request<Sharing>('GET', `/v1/partners/${enc(partnerId)}/sharing`);
  }

  /** Replaces every rule toward the partner (the API's PUT is a full replacement). */
  setSharing(
    partnerId: string,
    rules: Array<Pick<SharingRule, 'populationId' | 'level' | 'fields'>>,
  ): Promise<Sharing> {
    return this.request<Sharing>('PUT', `/v1/partners/${enc(partnerId)}/sharing`, {
      json: { rules },
    });
  }

  matrix(partnerId: string): Promise<Matrix> {
    return this.request<Matrix>('GET', `/v1/partners/${enc(partnerId)}/matrix`);
  }

  /** Every page of overlaps for the filter, up to `max`. */
  async listOverlaps(
    filter: { partnerId: string; population?: string },
    max: number,
  ): Promise<Overlap[]> {
    const out: Overlap[] = [];
    let cursor: string | null = null;
    do {
      const q = new URLSearchParams({
        partnerId: filter.partnerId,
        limit: String(Math.min(500, max - out.length)),
      });
      if (filter.population) q.set('population', filter.population);
      if (cursor) q.set('cursor', cursor);
      const page: { data: Overlap[]; nextCursor: string | null } = await this.request(
        'GET',
        `/v1/overlaps?${q}`,
      );
      out.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor && out.length < max);
    return out.slice(0, max);
  }

  importCsv(kind: ImportKind, csv: Readable, partnerId?: string): Promise<ImportResult> {
    return this.request<ImportResult>('POST', importPath(kind, partnerId), { csv });
  }

  connectSalesforce(conn: {
    instanceUrl: string;
    accessToken: string;
  }): Promise<SalesforceConnection> {
    return this.request<SalesforceConnection>('POST', '/v1/salesforce/connection', {
      json: { method: 'token', ...conn },
    });
  }

  getSalesforceConnection(): Promise<SalesforceConnection> {
    return this.request<SalesforceConnection>('GET', '/v1/salesforce/connection');
  }

  startSync(): Promise<SyncRun> {
    return this.request<SyncRun>('POST', '/v1/sync-runs');
  }

  getSyncRun(id: string): Promise<SyncRun> {
    return this.request<SyncRun>('GET', `/v1/sync-runs/${enc(id)}`);
  }

  async listSyncRuns(limit: number): Promise<SyncRun[]> {
    return (await this.request<{ data: SyncRun[] }>('GET', `/v1/sync-runs?limit=${limit}`)).data;
  }
}

export function importPath(kind: ImportKind, partnerId?: string): string {
  if (kind === 'opportunities') {
    return partnerId
      ? `/v1/partners/${enc(partnerId)}/opportunities/import`
      : '/v1/opportunities/import';
  }
  return partnerId ? `/v1/partners/${enc(partnerId)}/records/import` : '/v1/records/import';
}

const enc = encodeURIComponent;

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** fetch() hides the socket error in `cause`; surface its code (ECONNREFUSED, …) instead. */
function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err as Error)?.message ?? 'no answer';
}
