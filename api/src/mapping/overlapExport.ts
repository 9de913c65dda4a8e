import type { Knex } from 'knex';
import { stringify } from 'csv-stringify/sync';
import { findPartner } from './sharingStore';
import { listOverlaps, type OverlapView } from './overlaps';

/**
 * The CSV export of overlaps with one partner. It pages through `listOverlaps`, so it sees
 * exactly what the API shows: partner fields only where the partner shares them (blank otherwise).
 */
const BASE = ['website', 'domain', 'country', 'ownerName', 'ownerEmail', 'type'] as const;
const HEADER = [
  'overlap_id',
  'my_source_id',
  'my_name',
  'my_populations',
  'partner_name',
  'partner_populations',
  'partner_website',
  'partner_domain',
  'partner_country',
  'partner_owner_name',
  'partner_owner_email',
  'partner_type',
  'partner_fields',
  'method',
  'relation',
  'confidence',
  'first_seen',
  'last_seen',
];

function line(o: OverlapView): string[] {
  const p = o.partnerRecord;
  return [
    o.id,
    o.myRecord.sourceId,
    o.myRecord.name,
    o.myPopulations.join(';'),
    p.name,
    o.partnerPopulations.join(';'),
    ...BASE.map((f) => (p[f] ?? '') as string),
    p.fields ? JSON.stringify(p.fields) : '',
    o.method,
    o.relation,
    String(o.confidence),
    o.firstSeen,
    o.lastSeen,
  ];
}

/** Yields CSV text chunks (header first); 404 before the first chunk for an unknown partner. */
export async function* overlapsCsv(
  db: Knex,
  workspaceId: string,
  partnerId: string,
): AsyncGenerator<string> {
  await findPartner(db, workspaceId, partnerId);
  yield stringify([HEADER]);
  let cursor: string | undefined;
  do {
    const page = await listOverlaps(db, workspaceId, { partnerId, cursor, limit: 500 });
    if (page.data.length) yield stringify(page.data.map(line));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
