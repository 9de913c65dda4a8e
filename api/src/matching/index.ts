/** The matching engine: pure functions and in-memory structures, no I/O. See docs/matching.md. */
export type { AccountInput, MatchMethod, MatchPair, MatchOptions } from './types';
export { DEFAULT_MIN_CONFIDENCE } from './types';
export { matchAccounts } from './matchAccounts';
export { MatchIndex } from './matchIndex';
export { normalizeName, type NormalizedName } from './name';
export { registrableDomain, domainParts, extractHost, type DomainParts } from './domain';
export { normalizeCountry } from './country';
export { tokenWeight, nameWeight } from './rarity';
export { scorePair, weightedSimilarity, type PairScore } from './score';
export { prepareRecord, blockingKeys, type PreparedRecord } from './prepare';
export { SHARED_DOMAINS } from './freeDomains';
