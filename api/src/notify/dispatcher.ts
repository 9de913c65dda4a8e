import type { AppContext } from '../context';
import { backoffMs } from '../salesforce/retry';
import type { Alert } from './alert';
import { slackDigestMessage } from './digestAlert';
import { channelTarget, toChannel, type AlertChannel } from './channelsStore';
import { slackMessage } from './slack';
import { SIGNATURE_HEADER, signPayload } from './signature';

const CONSUMER = 'notify';

export interface NotifierOptions {
  /** builds the alert for one outbox event as the workspace may see it; null = nothing to say */
  loadAlert: (ctx: AppContext, event: OutboxRow) => Promise<Alert | null>;
  fetch?: typeof fetch;
  /** attempts before a delivery is given up as dead */
  maxAttempts?: number;
  /** consecutive failed attempts after which a channel is switched off, with the reason kept */
  disableAfter?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  timeoutMs?: number;
}

export interface OutboxRow {
  id: number;
  workspaceId: string;
  topic: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

const matches = (c: AlertChannel, e: OutboxRow, alert: Alert) =>
  c.topics.includes(e.topic) && (c.partnerId === null || c.partnerId === alert.partner.id);

/**
 * Reads new outbox events per workspace (own cursor) and records one delivery per matching
 * channel. The unique (channel, event) pair and the cursor moving in the same transaction mean
 * an event becomes at most one delivery per channel, across restarts.
 */
export async function enqueueAlerts(ctx: AppContext, opts: NotifierOptions): Promise<number> {
  const channels = (await ctx.db('alert_channels').select()).map(toChannel);
  const byWorkspace = new Map<string, AlertChannel[]>();
  for (const c of channels)
    byWorkspace.set(c.workspaceId, [...(byWorkspace.get(c.workspaceId) ?? []), c]);
  let created = 0;
  for (const [workspaceId, list] of byWorkspace) {
    const cursor = await ctx
      .db('outbox_cursors')
      .where({ consumer: CONSUMER, workspace_id: workspaceId })
      .first();
    const after = cursor ? Number(cursor.last_id) : 0;
    const rows = await ctx
      .db('outbox')
      .where({ workspace_id: workspaceId })
      .andWhere('id', '>', after)
      .orderBy('id')
      .limit(500);
    if (!rows.length) continue;
    const now = ctx.now().toISOString();
    const deliveries: Record<string, unknown>[] = [];
    for (const r of rows) {
      const event: OutboxRow = {
        id: Number(r.id),
        workspaceId,
        topic: String(r.topic),
        aggregateId: String(r.aggregate_id),
        payload: JSON.parse(String(r.payload ?? '{}')),
        createdAt: new Date(String(r.created_at)).toISOString(),
      };
      if (!list.some((c) => c.topics.includes(event.topic))) continue;
      const alert = await opts.loadAlert(ctx, event);
      if (!alert) continue;
      for (const c of list.filter((ch) => matches(ch, event, alert))) {
        deliveries.push({
          channel_id: c.id,
          workspace_id: workspaceId,
          outbox_id: event.id,
          idempotency_key: `${c.id}:${event.id}`,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          payload: JSON.stringify(alert),
          created_at: now,
        });
      }
    }
    const last = Number(rows[rows.length - 1].id);
    await ctx.db.transaction(async (trx) => {
      for (let i = 0; i < deliveries.length; i += 50) {
        await trx('alert_deliveries')
          .insert(deliveries.slice(i, i + 50))
          .onConflict(['channel_id', 'outbox_id'])
          .ignore();
      }
      await trx('outbox_cursors')
        .insert({ consumer: CONSUMER, workspace_id: workspaceId, last_id: last })
        .onConflict(['consumer', 'workspace_id'])
        .merge({ last_id: last });
    });
    created += deliveries.length;
  }
  return created;
}

function requestFor(
  channel: AlertChannel,
  target: { url: string; secret?: string },
  alert: Alert,
  key: string,
  nowS: number,
) {
  const body = JSON.stringify(
    channel.kind === 'slack'
      ? alert.event === 'planning.digest'
        ? slackDigestMessage(alert)
        : slackMessage(alert)
      : { type: alert.event, idempotencyKey: key, data: alert },
  );
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'Idempotency-Key': key,
    'Overlap-Event': alert.event,
  };
  if (channel.kind === 'webhook' && target.secret)
    headers[SIGNATURE_HEADER] = signPayload(target.secret, nowS, body);
  return { body, headers };
}

/** Sends what is due. A delivery is leased before sending so two workers never send it twice. */
export async function deliverDue(
  ctx: AppContext,
  opts: NotifierOptions,
): Promise<{ delivered: number; failed: number }> {
  const doFetch = opts.fetch ?? fetch;
  const maxAttempts = opts.maxAttempts ?? 8;
  const disableAfter = opts.disableAfter ?? 10;
  const now = ctx.now();
  const nowIso = now.toISOString();
  // A lease that ran out means a worker died mid-send: the delivery is due again.
  await ctx
    .db('alert_deliveries')
    .where({ status: 'sending' })
    .andWhere('lease_until', '<', nowIso)
    .update({ status: 'pending' });
  const due = await ctx
    .db('alert_deliveries as d')
    .join('alert_channels as c', 'c.id', 'd.channel_id')
    .where('d.status', 'pending')
    .andWhere('c.enabled', true)
    .andWhere('d.next_attempt_at', '<=', nowIso)
    .orderBy('d.id')
    .limit(100)
    .select('d.*');
  let delivered = 0;
  let failed = 0;
  for (const d of due) {
    const leased = await ctx
      .db('alert_deliveries')
      .where({ id: d.id, status: 'pending' })
      .update({ status: 'sending', lease_until: new Date(now.getTime() + 60_000).toISOString() });
    if (!leased) continue;
    const channel = toChannel(await ctx.db('alert_channels').where({ id: d.channel_id }).first());
    if (!channel.enabled) {
      // Switched off by an earlier failure in this same pass: keep the delivery for when it is re-enabled.
      await ctx
        .db('alert_deliveries')
        .where({ id: d.id })
        .update({ status: 'pending', lease_until: null });
      continue;
    }
    const target = await channelTarget(ctx, channel.id);
    const alert = JSON.parse(String(d.payload)) as Alert;
    const { body, headers } = requestFor(
      channel,
      target,
      alert,
      String(d.idempotency_key),
      Math.floor(now.getTime() / 1000),
    );
    let error: string | null = null;
    try {
      const res = await doFetch(target.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      if (!res.ok) error = `HTTP ${res.status} from ${channel.urlHint}`;
      await res.body?.cancel().catch(() => {});
    } catch (err) {
      error = `${(err as Error).name}: ${(err as Error).message} (${channel.urlHint})`;
    }
    const attempts = Number(d.attempts) + 1;
    if (!error) {
      delivered++;
      await ctx.db('alert_deliveries').where({ id: d.id }).update({
        status: 'delivered',
        attempts,
        delivered_at: nowIso,
        lease_until: null,
        last_error: null,
      });
      await ctx.db('alert_channels').where({ id: channel.id }).update({ consecutive_failures: 0 });
      continue;
    }
    failed++;
    const dead = attempts >= maxAttempts;
    const wait = backoffMs(attempts, {
      baseMs: opts.baseDelayMs ?? 30_000,
      maxMs: opts.maxDelayMs ?? 3_600_000,
      random: opts.random,
    });
    await ctx
      .db('alert_deliveries')
      .where({ id: d.id })
      .update({
        status: dead ? 'dead' : 'pending',
        attempts,
        last_error: error,
        lease_until: null,
        next_attempt_at: new Date(now.getTime() + wait).toISOString(),
      });
    const failures = channel.consecutiveFailures + 1;
    const disable = failures >= disableAfter;
    await ctx
      .db('alert_channels')
      .where({ id: channel.id })
      .update({
        consecutive_failures: failures,
        ...(disable
          ? {
              enabled: false,
              disabled_reason: `${failures} consecutive failed deliveries; last: ${error}`,
            }
          : {}),
      });
  }
  return { delivered, failed };
}

/** One pass: read new events, then send what is due. */
export async function runNotifier(ctx: AppContext, opts: NotifierOptions) {
  const enqueued = await enqueueAlerts(ctx, opts);
  const sent = await deliverDue(ctx, opts);
  return { enqueued, ...sent };
}
