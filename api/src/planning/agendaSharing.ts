import type { Knex } from 'knex';
import { NotFoundError } from '../http/errors';
import { getOverlap } from '../mapping/overlaps';
import type { AgendaItem } from './types';

/**
 * Agenda items store the partner's populations they were built with; what is shown must still be
 * shared. Each item's populations are narrowed to those the overlap shows now (through sharing.ts,
 * via getOverlap); an overlap hidden or gone shows none. A score reason naming a population that is
 * no longer shown is dropped with it.
 */
export async function narrowToSharing(
  db: Knex,
  workspaceId: string,
  items: AgendaItem[],
): Promise<AgendaItem[]> {
  const shown = new Map<string, string[]>();
  for (const id of new Set(items.map((i) => i.overlapId))) {
    if (!id || shown.has(id)) continue;
    try {
      shown.set(id, (await getOverlap(db, workspaceId, id)).partnerPopulations);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      shown.set(id, []);
    }
  }
  return items.map((item) => {
    if (!item.partnerPopulations.length) return item;
    const now = (item.overlapId && shown.get(item.overlapId)) || [];
    const kept = item.partnerPopulations.filter((p) => now.includes(p));
    if (kept.length === item.partnerPopulations.length) return item;
    return {
      ...item,
      partnerPopulations: kept,
      reasons: item.reasons.filter((r) => r.factor !== 'population_pair'),
    };
  });
}
