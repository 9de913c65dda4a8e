import type { AppContext } from '../context';
import { InputError } from '../http/errors';
import { idsFromIdentityUrl, requestToken } from './auth';
import { ApiCalls, instrument, sessionConnection } from './client';
import {
  deleteConnection,
  findConnection,
  saveConnection,
  type ConnectionRow,
  type Credentials,
  type StoredSecrets,
} from './connectionStore';
import { encryptJson, secretKey } from './secrets';

/** What the API shows of a connection: never a secret. */
export interface ConnectionInfo {
  status: 'connected';
  method: Credentials['method'];
  instanceUrl: string;
  orgId: string | null;
  userId: string | null;
  connectedAt: string;
  lastSyncAt: string | null;
}

export function connectionInfo(row: ConnectionRow): ConnectionInfo {
  return {
    status: 'connected',
    method: row.method,
    instanceUrl: row.instanceUrl,
    orgId: row.orgId,
    userId: row.userId,
    connectedAt: row.connectedAt,
    lastSyncAt: row.lastSyncAt,
  };
}

function describeFailure(err: unknown): string {
  const e = err as { errorCode?: string; name?: string; message?: string };
  return [e.errorCode ?? e.name, e.message].filter(Boolean).join(': ');
}

/**
 * Connects a workspace to an org: obtains a session from the credentials, proves it by calling
 * the org (describe Account, which the pull needs anyway), then stores it encrypted.
 */
export async function connectOrg(
  ctx: AppContext,
  workspaceId: string,
  credentials: Credentials,
): Promise<ConnectionInfo> {
  let session: { accessToken: string; instanceUrl: string; identityUrl?: string };
  try {
    session =
      credentials.method === 'token'
        ? { accessToken: credentials.accessToken, instanceUrl: credentials.instanceUrl }
        : await requestToken(credentials);
  } catch (err) {
    throw new InputError(
      `Salesforce refused the credentials: ${describeFailure(err)}`,
      [{ field: 'clientId', reason: describeFailure(err) }],
      'salesforce_auth_failed',
    );
  }
  const secrets: StoredSecrets = {
    credentials,
    accessToken: session.accessToken,
    instanceUrl: session.instanceUrl,
  };
  const conn = instrument(
    sessionConnection(secrets, async (fresh) => {
      secrets.accessToken = fresh.accessToken;
      secrets.instanceUrl = fresh.instanceUrl;
    }),
    new ApiCalls(),
  );
  try {
    await conn.describe('Account');
  } catch (err) {
    throw new InputError(
      `Could not use the org at ${session.instanceUrl}: ${describeFailure(err)}`,
      [{ field: 'instanceUrl', reason: describeFailure(err) }],
      'salesforce_unreachable',
    );
  }
  let ids = idsFromIdentityUrl(session.identityUrl);
  if (!ids.orgId) {
    // The token method has no identity URL; userinfo names the org where the org offers it.
    const identity = await conn
      .request<{ organization_id?: string; user_id?: string }>('/services/oauth2/userinfo')
      .catch(() => ({}) as { organization_id?: string; user_id?: string });
    ids = {
      orgId: identity.organization_id ?? orgIdFromAccessToken(session.accessToken),
      userId: identity.user_id ?? null,
    };
  }
  const row: ConnectionRow = {
    workspaceId,
    method: credentials.method,
    instanceUrl: secrets.instanceUrl,
    loginUrl: 'loginUrl' in credentials ? (credentials.loginUrl ?? null) : null,
    orgId: ids.orgId,
    userId: ids.userId,
    secrets: encryptJson(secretKey(ctx), secrets),
    connectedAt: ctx.now().toISOString(),
    lastSyncAt: null,
  };
  const previous = await findConnection(ctx.db, workspaceId);
  // Another org means the push state and pull marks describe the wrong org: start over.
  // Org ids decide when both are known; otherwise the instance URL has to agree.
  const sameOrg =
    previous?.orgId && row.orgId
      ? previous.orgId === row.orgId
      : previous?.instanceUrl === row.instanceUrl;
  if (previous && !sameOrg) await deleteConnection(ctx.db, workspaceId);
  await saveConnection(ctx.db, row);
  return connectionInfo(row);
}

export async function getConnectionInfo(
  ctx: AppContext,
  workspaceId: string,
): Promise<ConnectionInfo | null> {
  const row = await findConnection(ctx.db, workspaceId);
  return row ? connectionInfo(row) : null;
}

export function disconnectOrg(ctx: AppContext, workspaceId: string): Promise<boolean> {
  return deleteConnection(ctx.db, workspaceId);
}

/** Session ids start with the 15-character org id and a `!` (`00D…!…`), as @salesforce/core reads them. */
export function orgIdFromAccessToken(token: string | undefined): string | null {
  const m = /^(00D[A-Za-z0-9]{12})(?:[A-Za-z0-9]{3})?!/.exec(token ?? '');
  return m ? m[1] : null;
}
