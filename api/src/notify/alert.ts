import type { DigestAlert } from './digestAlert';

/**
 * What an alert says, built from an overlap as the receiving workspace may see it: the partner's
 * side carries only what the partner shares (the overlap view already went through sharing).
 */
export interface OverlapAlert {
  event: 'overlap.created' | 'overlap.changed';
  overlapId: string;
  account: { sourceId: string; name: string; ownerName?: string | null };
  partner: { id: string; name: string };
  myPopulations: string[];
  partnerPopulations: string[];
  /** populations the partner had before, for `overlap.changed` (prospect → customer) */
  previousPartnerPopulations?: string[];
  partnerOwner?: { name?: string | null; email?: string | null };
  method: string;
  confidence: number;
  /** link to the Account in Salesforce, when the workspace has a connected org */
  accountUrl?: string;
  occurredAt: string;
}

/** Everything the dispatcher delivers: overlap alerts and the weekly planning digest. */
export type Alert = OverlapAlert | DigestAlert;

export function alertHeadline(a: OverlapAlert): string {
  if (a.event === 'overlap.changed' && a.previousPartnerPopulations) {
    const from = a.previousPartnerPopulations.join(', ') || 'none';
    return `${a.account.name}: ${a.partner.name} now has it as ${a.partnerPopulations.join(', ') || 'shared'} (was ${from})`;
  }
  return `New overlap with ${a.partner.name}: ${a.account.name}`;
}

/** The Lightning URL of an Account record in an org. */
export function accountUrl(
  instanceUrl: string | null | undefined,
  accountSourceId: string,
): string | undefined {
  if (!instanceUrl) return undefined;
  return `${instanceUrl.replace(/\/+$/, '')}/lightning/r/Account/${encodeURIComponent(accountSourceId)}/view`;
}
