import type { Knex } from 'knex';
import { InputError } from '../http/errors';
import { findRecordBySourceId } from '../mapping/overlapsStore';
import { findPartner } from '../mapping/sharingStore';

/**
 * A touch must name a partner of this workspace (404 otherwise: another workspace's partner is
 * not visible here), an existing account, and an opportunity on that account when it names one.
 */
export async function validateTouch(
  db: Knex,
  workspaceId: string,
  t: { partnerId: string; accountSourceId: string; opportunitySourceId?: string | null },
): Promise<void> {
  await findPartner(db, workspaceId, t.partnerId);
  const account = await findRecordBySourceId(db, workspaceId, t.accountSourceId);
  if (!account) {
    throw new InputError('Unknown account', [
      { field: 'accountSourceId', reason: `no account with source id ${t.accountSourceId}` },
    ]);
  }
  if (!t.opportunitySourceId) return;
  const opp = await db('opportunities')
    .select('account_source_id')
    .where({ workspace_id: workspaceId, source_id: t.opportunitySourceId })
    .whereNull('deleted_at')
    .first();
  if (!opp) {
    throw new InputError('Unknown opportunity', [
      {
        field: 'opportunitySourceId',
        reason: `no opportunity with source id ${t.opportunitySourceId}`,
      },
    ]);
  }
  if (opp.account_source_id !== t.accountSourceId) {
    throw new InputError('Opportunity is on another account', [
      {
        field: 'opportunitySourceId',
        reason: `belongs to account ${opp.account_source_id}, not ${t.accountSourceId}`,
      },
    ]);
  }
}
