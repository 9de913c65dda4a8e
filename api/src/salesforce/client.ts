import { Connection } from 'jsforce';
import type { AppContext } from '../context';
import { requestToken } from './auth';
import {
  findConnection,
  updateSession,
  type Credentials,
  type StoredSecrets,
} from './connectionStore';
import { decryptJson, encryptJson, secretKey } from './secrets';

export const SF_API_VERSION = '62.0';

/** API calls made in one sync, by kind; writes are what an unchanged resync must not make. */
export class ApiCalls {
  total = 0;
  writes = 0;
  count(method: string, url: string): void {
    this.total++;
    // A Bulk API 2.0 query job is created with POST but only reads.
    if (method.toUpperCase() !== 'GET' && !/\/jobs\/query/.test(url)) this.writes++;
  }
}

export interface SfSession {
  conn: Connection;
  calls: ApiCalls;
}

interface Transport {
  httpRequest(req: { method: string; url: string }, options?: Record<string, unknown>): unknown;
}

/**
 * A jsforce Connection that counts every HTTP call it makes and leaves retries to our own
 * backoff (retry.ts, with an injectable sleep): jsforce's built-in retry sleeps for real and
 * would retry twice over. Both hooks sit on jsforce's transport, the one place all calls pass.
 */
export function instrument(conn: Connection, calls: ApiCalls): Connection {
  const transport = (conn as unknown as { _transport: Transport })._transport;
  const inner = transport.httpRequest.bind(transport);
  transport.httpRequest = (req, options = {}) => {
    calls.count(req.method, req.url);
    return inner(req, { ...options, retry: { maxRetries: 0 } });
  };
  return conn;
}

/**
 * A session for a workspace's connected org. When Salesforce answers INVALID_SESSION_ID, jsforce
 * calls refreshFn: we get a new token from the stored credentials and store it, encrypted.
 */
export async function openSession(
  ctx: AppContext,
  workspaceId: string,
  calls = new ApiCalls(),
): Promise<SfSession | null> {
  const row = await findConnection(ctx.db, workspaceId);
  if (!row) return null;
  const key = secretKey(ctx);
  const secrets = decryptJson<StoredSecrets>(key, row.secrets);
  const conn = sessionConnection(secrets, async (fresh) => {
    await updateSession(ctx.db, workspaceId, fresh.instanceUrl, encryptJson(key, fresh));
  });
  return { conn: instrument(conn, calls), calls };
}

/** The jsforce Connection for stored secrets; onRefresh persists a renewed session. */
export function sessionConnection(
  secrets: StoredSecrets,
  onRefresh: (s: StoredSecrets) => Promise<void>,
): Connection {
  const c: Credentials = secrets.credentials;
  return new Connection({
    instanceUrl: secrets.instanceUrl,
    accessToken: secrets.accessToken,
    version: SF_API_VERSION,
    refreshFn: (conn, callback) => {
      requestToken(c)
        .then(async (t) => {
          conn.accessToken = t.accessToken;
          if (t.instanceUrl) conn.instanceUrl = t.instanceUrl;
          await onRefresh({
            ...secrets,
            accessToken: t.accessToken,
            instanceUrl: conn.instanceUrl,
          });
          callback(undefined, t.accessToken);
        })
        .catch((err: Error) => callback(err));
    },
  });
}
