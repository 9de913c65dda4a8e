import type { AppContext } from '../context';
import { NotFoundError } from '../http/errors';
import { getOverlap } from '../mapping/overlaps';
import { findConnection } from '../salesforce/connectionStore';
import { accountUrl, type OverlapAlert } from './alert';
import type { OutboxRow } from './dispatcher';
import { loadDigestAlert } from '../planning/digestService';
import type { Alert } from './alert';

/**
 * Builds the alert for an outbox event from the overlap as the workspace may see it right now
 * (getOverlap goes through sharing), so an alert never shows more than the partner shares. An
 * overlap that ended or is hidden again says nothing.
 */
export async function loadOverlapAlert(
  ctx: AppContext,
  event: OutboxRow,
): Promise<OverlapAlert | null> {
  if (event.topic !== 'overlap.created' && event.topic !== 'overlap.changed') return null;
  // A change of our own populations is not news to us; the partner's population changing is.
  if (event.topic === 'overlap.changed' && event.payload.reason === 'my_populations') return null;
  let view;
  try {
    view = await getOverlap(ctx.db, event.workspaceId, event.aggregateId);
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
  const [record, connection] = await Promise.all([
    ctx
      .db('records')
      .where({ workspace_id: event.workspaceId, source_id: view.myRecord.sourceId })
      .first('owner_name'),
    findConnection(ctx.db, event.workspaceId),
  ]);
  const shared = view.partnerRecord;
  return {
    event: event.topic,
    overlapId: view.id,
    account: {
      sourceId: view.myRecord.sourceId,
      name: view.myRecord.name,
      ownerName: record?.owner_name ?? null,
    },
    partner: view.partner,
    myPopulations: view.myPopulations,
    partnerPopulations: view.partnerPopulations,
    ...(shared.ownerName || shared.ownerEmail
      ? { partnerOwner: { name: shared.ownerName ?? null, email: shared.ownerEmail ?? null } }
      : {}),
    method: view.method,
    confidence: view.confidence,
    accountUrl: accountUrl(connection?.instanceUrl, view.myRecord.sourceId),
    occurredAt: event.createdAt,
  };
}

/** Every topic the notifier delivers: overlap alerts, and the weekly planning digest. */
export function loadAlert(ctx: AppContext, event: OutboxRow): Promise<Alert | null> {
  return event.topic === 'planning.digest'
    ? loadDigestAlert(ctx, event)
    : loadOverlapAlert(ctx, event);
}
