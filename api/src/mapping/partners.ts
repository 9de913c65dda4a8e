import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { hashSecret } from './apiKeys';
import { provisionWorkspace } from './workspaces';

export type PartnerKind = 'workspace' | 'managed';
export type PartnerStatus = 'invited' | 'active' | 'ended';

export interface PartnerView {
  id: string;
  name: string;
  kind: PartnerKind;
  status: PartnerStatus;
  createdAt: string;
  endedAt: string | null;
}

interface PartnerRow {
  id: string;
  workspace_id: string;
  partner_workspace_id: string | null;
  name: string;
  kind: PartnerKind;
  status: PartnerStatus;
  created_at: string | Date;
  ended_at: string | Date | null;
}

export function toPartnerView(r: PartnerRow): PartnerView {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
  };
}

const COLUMNS = [
  'id',
  'workspace_id',
  'partner_workspace_id',
  'name',
  'kind',
  'status',
  'created_at',
  'ended_at',
];

export async function listPartners(db: Knex, workspaceId: string): Promise<PartnerView[]> {
  const rows = await db('partners')
    .select<PartnerRow[]>(COLUMNS)
    .where({ workspace_id: workspaceId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
  return rows.map(toPartnerView);
}

async function partnerRow(db: Knex, workspaceId: string, partnerId: string): Promise<PartnerRow> {
  const row = await db('partners')
    .select<PartnerRow[]>(COLUMNS)
    .where({ id: partnerId, workspace_id: workspaceId })
    .first();
  if (!row)
    throw new NotFoundError(`No partner ${partnerId} in this workspace`, 'partner_not_found');
  return row;
}

export async function getPartner(db: Knex, workspaceId: string, partnerId: string) {
  return toPartnerView(await partnerRow(db, workspaceId, partnerId));
}

/** An invite: a partners row waiting for the other workspace; the token is shown once. */
export async function invitePartner(db: Knex, workspaceId: string, name: string, now: Date) {
  const inviteToken = `ovi_${randomBytes(32).toString('base64url')}`;
  const row: PartnerRow = {
    id: randomUUID(),
    workspace_id: workspaceId,
    partner_workspace_id: null,
    name,
    kind: 'workspace',
    status: 'invited',
    created_at: now.toISOString(),
    ended_at: null,
  };
  await db('partners').insert({ ...row, invite_token_hash: hashSecret(inviteToken) });
  return { partner: toPartnerView(row), inviteToken };
}

/** A managed partner: its data lives in a hidden, keyless workspace that we upload into. */
export async function createManagedPartner(
  db: Knex,
  workspaceId: string,
  name: string,
  now: Date,
): Promise<PartnerView> {
  return db.transaction(async (trx) => {
    const { workspace } = await provisionWorkspace(trx, name, { managedBy: workspaceId });
    const row: PartnerRow = {
      id: randomUUID(),
      workspace_id: workspaceId,
      partner_workspace_id: workspace.id,
      name,
      kind: 'managed',
      status: 'active',
      created_at: now.toISOString(),
      ended_at: null,
    };
    await trx('partners').insert(row);
    return toPartnerView(row);
  });
}

/** Makes an invite mutual: the inviter's row becomes active and the reverse row is created. */
export async function acceptInvite(
  db: Knex,
  workspaceId: string,
  token: string,
  now: Date,
): Promise<PartnerView> {
  return db.transaction(async (trx) => {
    const invite = await trx('partners')
      .select<PartnerRow[]>(COLUMNS)
      .where({ invite_token_hash: hashSecret(token) })
      .first();
    if (!invite) throw new NotFoundError('No invite for this token', 'invite_not_found');
    if (invite.workspace_id === workspaceId) {
      throw new ConflictError('A workspace cannot accept its own invite', 'self_invite');
    }
    if (invite.status === 'ended')
      throw new ConflictError('This invite was withdrawn', 'invite_ended');
    if (invite.status !== 'invited' || invite.partner_workspace_id) {
      throw new ConflictError('This invite has already been accepted', 'invite_used');
    }
    const existing = await trx('partners')
      .where({ workspace_id: workspaceId, partner_workspace_id: invite.workspace_id })
      .whereNot({ status: 'ended' })
      .first();
    if (existing) {
      throw new ConflictError('The two workspaces are already partners', 'already_partners');
    }
    const [me, inviter] = await Promise.all([
      trx('workspaces').where({ id: workspaceId }).first(),
      trx('workspaces').where({ id: invite.workspace_id }).first(),
    ]);
    const claimed = await trx('partners')
      .where({ id: invite.id, status: 'invited' })
      .update({ partner_workspace_id: workspaceId, status: 'active', name: me.name });
    if (claimed !== 1)
      throw new ConflictError('This invite has already been accepted', 'invite_used');
    const reverse: PartnerRow = {
      id: randomUUID(),
      workspace_id: workspaceId,
      partner_workspace_id: invite.workspace_id,
      name: inviter.name,
      kind: 'workspace',
      status: 'active',
      created_at: now.toISOString(),
      ended_at: null,
    };
    await trx('partners').insert(reverse);
    return toPartnerView(reverse);
  });
}

/**
 * Ends a partnership in both directions and removes what was shared: overlaps and sharing rules
 * on both sides, and a managed partner's records. Ending an ended partnership changes nothing.
 */
export async function endPartner(
  db: Knex,
  workspaceId: string,
  partnerId: string,
  now: Date,
): Promise<PartnerView> {
  return db.transaction(async (trx) => {
    const row = await partnerRow(trx, workspaceId, partnerId);
    if (row.status === 'ended') return toPartnerView(row);
    const ends = [{ id: row.id, workspaceId }];
    if (row.kind === 'workspace' && row.partner_workspace_id) {
      const reverse = await trx('partners')
        .where({ workspace_id: row.partner_workspace_id, partner_workspace_id: workspaceId })
        .whereNot({ status: 'ended' })
        .first();
      if (reverse) ends.push({ id: reverse.id, workspaceId: row.partner_workspace_id });
    }
    const ids = ends.map((e) => e.id);
    const endedAt = now.toISOString();
    await trx('partners').whereIn('id', ids).update({ status: 'ended', ended_at: endedAt });
    await trx('overlaps').whereIn('partner_id', ids).delete();
    await trx('sharing_rules').whereIn('partner_id', ids).delete();
    if (row.kind === 'managed' && row.partner_workspace_id) {
      await trx('opportunities').where({ workspace_id: row.partner_workspace_id }).delete();
      await trx('records').where({ workspace_id: row.partner_workspace_id }).delete();
    }
    // Consumers (Salesforce push, notifications) deactivate what they had written for it.
    await trx('outbox').insert(
      ends.map((e) => ({
        workspace_id: e.workspaceId,
        topic: 'partner.ended',
        aggregate_id: e.id,
        payload: JSON.stringify({ partnerId: e.id, endedAt }),
        created_at: endedAt,
      })),
    );
    return { ...toPartnerView(row), status: 'ended', endedAt };
  });
}

/** The hidden workspace holding a managed partner's data; only managed, live partners have one. */
export async function managedWorkspaceId(
  db: Knex,
  workspaceId: string,
  partnerId: string,
): Promise<string> {
  const row = await partnerRow(db, workspaceId, partnerId);
  if (row.kind !== 'managed' || !row.partner_workspace_id) {
    throw new ForbiddenError(
      'Records can be uploaded only for a managed partner; a workspace partner uploads its own',
      'not_managed_partner',
    );
  }
  if (row.status === 'ended')
    throw new ConflictError('This partnership has ended', 'partner_ended');
  return row.partner_workspace_id;
}
