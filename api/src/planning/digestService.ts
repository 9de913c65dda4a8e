import type { AppContext } from '../context';
import { every } from '../periodic';
import { NotFoundError } from '../http/errors';
import { findPartner, listPartners } from '../mapping/sharingStore';
import type { DigestAlert } from '../notify/digestAlert';
import type { OutboxRow } from '../notify/dispatcher';
import { localDate } from './businessDays';
import { loadCandidates } from './candidates';
import { cadenceOf, listComms } from './comms';
import { buildDigest, digestDueWeek } from './digest';
import { listPlays } from './plays';
import { getPlanningSettings } from './settingsStore';
import { listSessions } from './sessionService';

export const DIGEST_TOPIC = 'planning.digest';

/** The digest for one partner as of now (also the preview route). */
export async function partnerDigest(
  ctx: AppContext,
  workspaceId: string,
  partnerId: string,
): Promise<DigestAlert> {
  const partner = await findPartner(ctx.db, workspaceId, partnerId);
  const settings = await getPlanningSettings(ctx.db, workspaceId);
  const now = ctx.now();
  const today = localDate(now, settings.timeZone);
  const [scored, upcoming, plays, comms] = await Promise.all([
    loadCandidates(ctx, workspaceId, partnerId),
    listSessions(ctx, workspaceId, { partnerId, from: now.toISOString(), limit: 20 }),
    listPlays(ctx.db, workspaceId, partnerId, today),
    listComms(ctx.db, workspaceId, partnerId),
  ]);
  return buildDigest({
    now,
    timeZone: settings.timeZone,
    partner: { id: partner.id, name: partner.name },
    scored,
    upcoming,
    plays,
    cadence: cadenceOf(comms, now, settings.quietAfterDays),
  });
}

/**
 * Loader for the notifier: a digest event is rebuilt when it is read, so it shows what the partner
 * shares at that moment; a partner that is gone or no longer active says nothing.
 */
export async function loadDigestAlert(
  ctx: AppContext,
  event: OutboxRow,
): Promise<DigestAlert | null> {
  if (event.topic !== DIGEST_TOPIC) return null;
  try {
    const partner = await findPartner(ctx.db, event.workspaceId, event.aggregateId);
    if (partner.status !== 'active') return null;
    const digest = await partnerDigest(ctx, event.workspaceId, partner.id);
    const week = typeof event.payload.week === 'string' ? event.payload.week : digest.week;
    return { ...digest, week };
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

/**
 * One scheduler pass: for each workspace with a channel that takes digests, each active partner
 * the channel covers gets one `planning.digest` event per ISO week once the digest moment passed.
 */
export async function runDigests(ctx: AppContext): Promise<{ enqueued: number }> {
  const channels = await ctx
    .db('alert_channels')
    .where({ enabled: true })
    .select('workspace_id', 'partner_id', 'topics');
  const wanted = new Map<string, Set<string | null>>();
  for (const c of channels) {
    if (!(JSON.parse(String(c.topics)) as string[]).includes(DIGEST_TOPIC)) continue;
    const ws = String(c.workspace_id);
    wanted.set(ws, (wanted.get(ws) ?? new Set()).add((c.partner_id as string | null) ?? null));
  }
  let enqueued = 0;
  const now = ctx.now();
  for (const [workspaceId, scope] of wanted) {
    const settings = await getPlanningSettings(ctx.db, workspaceId);
    const week = digestDueWeek(now, settings.timeZone, settings.digestWeekday, settings.digestHour);
    if (!week) continue;
    const partners = (await listPartners(ctx.db, workspaceId)).filter(
      (p) => p.status === 'active' && (scope.has(null) || scope.has(p.id)),
    );
    for (const p of partners) {
      const done = await ctx
        .db('planning_digest_runs')
        .where({ workspace_id: workspaceId, partner_id: p.id, week })
        .first();
      if (done) continue;
      await ctx.db.transaction(async (trx) => {
        const [row] = await trx('outbox')
          .insert({
            workspace_id: workspaceId,
            topic: DIGEST_TOPIC,
            aggregate_id: p.id,
            payload: JSON.stringify({ partnerId: p.id, week }),
            created_at: now.toISOString(),
          })
          .returning('id');
        const outboxId = typeof row === 'object' ? Number((row as { id: number }).id) : Number(row);
        await trx('planning_digest_runs').insert({
          workspace_id: workspaceId,
          partner_id: p.id,
          week,
          outbox_id: outboxId,
          created_at: now.toISOString(),
        });
      });
      enqueued++;
    }
  }
  return { enqueued };
}

/** Runs the digest pass on an interval beside the notifier; the notifier delivers the events. */
export function startDigestScheduler(ctx: AppContext, intervalMs = 15 * 60_000): () => void {
  return every(ctx, 'planning digests', intervalMs, () => runDigests(ctx));
}
