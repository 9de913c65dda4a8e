/** Shapes shared by every matching module. Kept free of logic so any layer can import them. */

/** One record (account) of a workspace as matching sees it. */
export interface AccountInput {
  id: string;
  name: string;
  website?: string | null;
  country?: string | null;
  parentId?: string | null;
}

/** How an overlap was found, strongest first. */
export type MatchMethod = 'domain' | 'name' | 'fuzzy' | 'hierarchy';

/**
 * One overlap between my record and a partner's record.
 *
 * `relation` is the role of *my* record: `'same'` for the same company, `'parent'` when my
 * record is the parent company of theirs, `'child'` when mine is the subsidiary. Hierarchy
 * pairs are never `'same'`.
 */
export interface MatchPair {
  mineId: string;
  theirsId: string;
  method: MatchMethod;
  confidence: number;
  relation: 'same' | 'parent' | 'child';
  /** How many of their records my record matched as the same company (>1 = duplicates on their side). */
  duplicateCount: number;
  /** How many of my records their record matched as the same company (>1 = duplicates on my side). */
  mineDuplicateCount: number;
}

export interface MatchOptions {
  /** Pairs below this confidence are dropped. Defaults to {@link DEFAULT_MIN_CONFIDENCE}. */
  minConfidence?: number;
  /** Extra parent→child links between records of the same side, e.g. from a firmographics list. */
  knownParents?: Array<{ parentId: string; childId: string }>;
  /** Report parent/subsidiary pairs as `hierarchy` overlaps. Default true. */
  includeHierarchy?: boolean;
  /**
   * Worker threads that prepare (normalize) records of lists longer than one batch (8,192
   * records), for the streaming entry points (`matchAccounts`, `buildFrom`, `matchFrom`).
   * Default: all cores. 1 keeps everything in the calling thread. Results never depend on it.
   */
  threads?: number;
}

/** A workspace that sets nothing accepts only pairs at least this confident. */
export const DEFAULT_MIN_CONFIDENCE = 0.8;
