import { percent } from 'c/ldsUtils';

/**
 * One overlap (an `OverlapDtos.OverlapItem` from Apex) with the labels every Overlap component
 * shows for it: populations, the partner-side owner (only when the partner shares it), match method
 * and confidence.
 * @param {Object} o the overlap
 * @return {Object} the overlap plus display fields
 */
export function overlapRow(o) {
  const owner = o.ownerName || o.ownerEmail;
  return {
    ...o,
    populations: (o.partnerPopulations || []).join(', ') || '—',
    hasOwner: !!owner,
    owner: owner || 'Not shared',
    ownerMailto: o.ownerEmail ? `mailto:${o.ownerEmail}` : null,
    methodLabel: o.method || '—',
    confidenceLabel: percent(o.confidence),
  };
}

/**
 * Display rows of a list of overlaps; a missing list is empty.
 * @param {Object[]} overlaps
 * @return {Object[]}
 */
export function overlapRows(overlaps) {
  return (overlaps || []).map(overlapRow);
}
