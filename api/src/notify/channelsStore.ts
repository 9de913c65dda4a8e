import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppContext } from '../context';
import { decryptJson, encryptJson, secretKey } from '../salesforce/secrets';

export type ChannelKind = 'slack' | 'webhook';

export interface AlertChannel {
  id: string;
  workspaceId: string;
  partnerId: string | null;
  kind: ChannelKind;
  name: string;
  urlHint: string;
  topics: string[];
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  createdAt: string;
}

export interface ChannelTarget {
  url: string;
  /** HMAC secret for signed webhooks */
  secret?: string;
}

type Row = Record<string, unknown>;

export function toChannel(r: Row): AlertChannel {
  return {
    id: String(r.id),
    workspaceId: String(r.workspace_id),
    partnerId: (r.partner_id as string | null) ?? null,
    kind: r.kind as ChannelKind,
    name: String(r.name),
    urlHint: String(r.url_hint),
    topics: JSON.parse(String(r.topics)) as string[],
    enabled: Boolean(r.enabled),
    disabledReason: (r.disabled_reason as string | null) ?? null,
    consecutiveFailures: Number(r.consecutive_failures),
    createdAt: new Date(String(r.created_at)).toISOString(),
  };
}

/** `https://hooks.slack.com/services/T…` → `https://hooks.slack.com/…`: enough to recognise, nothing to reuse. */
export function urlHint(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}/…`;
}

export async function insertChannel(
  ctx: AppContext,
  input: {
    workspaceId: string;
    partnerId: string | null;
    kind: ChannelKind;
    name: string;
    topics: string[];
    target: ChannelTarget;
  },
): Promise<AlertChannel> {
  const row = {
    id: randomUUID(),
    workspace_id: input.workspaceId,
    partner_id: input.partnerId,
    kind: input.kind,
    name: input.name,
    target: encryptJson(secretKey(ctx), input.target),
    url_hint: urlHint(input.target.url),
    topics: JSON.stringify(input.topics),
    enabled: true,
    disabled_reason: null,
    consecutive_failures: 0,
    created_at: ctx.now().toISOString(),
  };
  await ctx.db('alert_channels').insert(row);
  return toChannel(row);
}

export async function channelTarget(ctx: AppContext, channelId: string): Promise<ChannelTarget> {
  const row = await ctx.db('alert_channels').where({ id: channelId }).first('target');
  return decryptJson<ChannelTarget>(secretKey(ctx), String(row.target));
}

export async function listChannels(db: Knex, workspaceId: string): Promise<AlertChannel[]> {
  const rows = await db('alert_channels')
    .where({ workspace_id: workspaceId })
    .orderBy('created_at');
  return rows.map(toChannel);
}

export async function getChannel(
  db: Knex,
  workspaceId: string,
  id: string,
): Promise<AlertChannel | null> {
  const row = await db('alert_channels').where({ workspace_id: workspaceId, id }).first();
  return row ? toChannel(row) : null;
}

export async function updateChannel(
  db: Knex,
  workspaceId: string,
  id: string,
  patch: { name?: string; enabled?: boolean; topics?: string[] },
): Promise<AlertChannel | null> {
  const update: Row = {};
  if (patch.name !== undefined) update.name = patch.name;
  if (patch.topics !== undefined) update.topics = JSON.stringify(patch.topics);
  if (patch.enabled !== undefined) {
    update.enabled = patch.enabled;
    // Re-enabling starts a fresh failure count and clears the reason it was switched off.
    if (patch.enabled) Object.assign(update, { disabled_reason: null, consecutive_failures: 0 });
  }
  if (Object.keys(update).length)
    await db('alert_channels').where({ workspace_id: workspaceId, id }).update(update);
  return getChannel(db, workspaceId, id);
}

export async function deleteChannel(db: Knex, workspaceId: string, id: string): Promise<boolean> {
  return (await db('alert_channels').where({ workspace_id: workspaceId, id }).delete()) > 0;
}

export interface DeliveryRow {
  id: number;
  channelId: string;
  outboxId: number;
  idempotencyKey: string;
  status: 'pending' | 'sending' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  deliveredAt: string | null;
}

export function toDelivery(r: Row): DeliveryRow {
  return {
    id: Number(r.id),
    channelId: String(r.channel_id),
    outboxId: Number(r.outbox_id),
    idempotencyKey: String(r.idempotency_key),
    status: r.status as DeliveryRow['status'],
    attempts: Number(r.attempts),
    nextAttemptAt: new Date(String(r.next_attempt_at)).toISOString(),
    lastError: (r.last_error as string | null) ?? null,
    deliveredAt: r.delivered_at ? new Date(String(r.delivered_at)).toISOString() : null,
  };
}

export async function listDeliveries(
  db: Knex,
  workspaceId: string,
  channelId?: string,
  limit = 100,
): Promise<DeliveryRow[]> {
  const q = db('alert_deliveries')
    .where({ workspace_id: workspaceId })
    .orderBy('id', 'desc')
    .limit(limit);
  if (channelId) q.andWhere({ channel_id: channelId });
  return (await q).map(toDelivery);
}
