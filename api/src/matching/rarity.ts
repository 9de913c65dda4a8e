/**
 * How much a name token says about identity.
 *
 * Weights come from a fixed, built-in corpus of common business words, not from the two
 * lists being matched. That keeps scoring a pure function of the two records: matching A
 * against B gives the same answer as B against A, input order cannot change it, and an
 * incremental match against a prepared index gives exactly what a full run gives.
 * Words absent from the corpus are assumed rare, which is what makes "Zendesk" strong and
 * "Global Solutions" weak.
 */

/** Words that appear in a large share of all company names. */
// prettier-ignore
const GENERIC = [
  'international', 'global', 'solutions', 'services', 'systems', 'technology', 'group', 'holdings',
  'associates', 'enterprises', 'industries', 'company',
  'worldwide', 'america', 'americas', 'usa', 'us', 'europe', 'european', 'asia', 'north', 'south',
  'east', 'west', 'of', 'for', 'the', 'a', 'de', 'la', 'le', 'des', 'du', 'der', 'die', 'van',
  'von', 'y', 'e', 'products', 'management', 'resources', 'network', 'networks', 'digital',
  'online', 'inc', 'co', 'new', 'national', 'general', 'united', 'first', 'american', 'world',
  'center', 'city', 'county', 'state', 'trust', 'fund', 'llc', 'ltd', 'division', 'department',
  'office', 'business', 'corporate', 'brands', 'labs', 'laboratories', 'studio',
  'studios', 'agency', 'institute', 'foundation', 'association', 'society', 'club', 'team',
];

/** Industry words: they narrow a name but never identify it alone. */
// prettier-ignore
const INDUSTRY = [
  'ventures', 'partners', 'consulting', 'consultants', 'software', 'hardware', 'data', 'cloud', 'security', 'analytics', 'media', 'marketing',
  'communications', 'telecom', 'health', 'healthcare', 'medical', 'pharmaceuticals', 'bio',
  'biotech', 'energy', 'power', 'oil', 'gas', 'electric', 'utilities', 'water', 'capital',
  'financial', 'finance', 'bank', 'banking', 'insurance', 'investments', 'investment', 'realty',
  'real', 'estate', 'properties', 'property', 'construction', 'engineering', 'manufacturing',
  'logistics', 'transport', 'transportation', 'shipping', 'airlines', 'airways', 'air', 'motors',
  'automotive', 'auto', 'foods', 'food', 'beverages', 'restaurants', 'retail', 'stores', 'store',
  'supply', 'distribution', 'trading', 'import', 'export', 'design', 'creative', 'education',
  'learning', 'school', 'university', 'college', 'hospital', 'clinic', 'care', 'dental', 'legal',
  'law', 'accounting', 'staffing', 'recruiting', 'labs', 'research', 'development', 'apparel',
  'fashion', 'home', 'homes', 'hotels', 'hospitality', 'travel', 'entertainment', 'games',
  'gaming', 'sports', 'fitness', 'chemicals', 'materials', 'metals', 'steel', 'mining', 'farms',
  'agriculture', 'electronics', 'devices', 'semiconductor', 'robotics', 'aerospace', 'defense',
  'mobile', 'wireless', 'internet', 'web', 'it', 'ai', 'tools', 'equipment', 'machinery',
  'packaging', 'printing', 'publishing', 'news', 'radio', 'television', 'tv', 'films', 'music',
  'consumer', 'brothers', 'sons', 'family', 'builders', 'plumbing', 'roofing', 'cleaning', 'pay',
  'payments', 'commerce', 'platform', 'apps', 'app', 'interactive', 'pharmacy', 'wellness',
];

/**
 * Common words used as company names on their own ("Delta", "Apex", "Summit"): frequent
 * enough that a name made only of them needs corroborating evidence to match.
 */
// prettier-ignore
const COMMON_BRAND_WORDS = [
  'delta', 'apex', 'summit', 'pinnacle', 'atlas', 'eagle', 'phoenix', 'alpha', 'omega', 'beta',
  'sigma', 'star', 'sun', 'blue', 'red', 'green', 'black', 'white', 'gold', 'golden', 'silver',
  'premier', 'prime', 'elite', 'pro', 'precision', 'advanced', 'integrated', 'strategic',
  'innovative', 'smart', 'peak', 'horizon', 'vertex', 'zenith', 'vista', 'matrix', 'nexus', 'core',
  'fusion', 'quantum', 'infinity', 'liberty', 'freedom', 'patriot', 'pioneer', 'frontier',
  'heritage', 'legacy', 'keystone', 'cornerstone', 'anchor', 'beacon', 'harbor', 'bridge',
  'river', 'lake', 'mountain', 'valley', 'ocean', 'pacific', 'atlantic', 'coastal', 'central',
  'metro', 'urban', 'royal', 'crown', 'empire', 'imperial', 'victory', 'champion', 'titan',
  'orion', 'apollo', 'mercury', 'jupiter', 'nova', 'stellar', 'solar', 'lunar', 'arrow', 'falcon',
  'hawk', 'lion', 'tiger', 'bear', 'wolf', 'fox', 'oak', 'pine', 'cedar', 'maple', 'rock', 'stone',
  'iron', 'diamond', 'crystal', 'pearl', 'bright', 'clear', 'true', 'allied', 'standard', 'modern',
  'classic', 'superior', 'quality', 'express', 'direct', 'rapid', 'swift', 'edge', 'point',
  'source', 'signal', 'spark', 'wave', 'union', 'trinity', 'unity', 'northern', 'southern',
  'eastern', 'western', 'midwest', 'great', 'big', 'one', 'next', 'future', 'evolution', 'vision',
  'insight', 'focus', 'catalyst', 'momentum', 'velocity', 'dynamic', 'dynamics', 'johnson', 'smith',
  'williams', 'brown', 'jones', 'miller', 'davis', 'wilson', 'anderson', 'taylor', 'thomas',
  'moore', 'martin', 'jackson', 'white', 'harris', 'clark', 'lewis', 'walker', 'hall', 'allen',
  'young', 'king', 'wright', 'scott', 'hill', 'adams', 'baker', 'nelson', 'carter', 'mitchell',
  'roberts', 'turner', 'phillips', 'campbell', 'parker', 'evans', 'edwards', 'collins', 'stewart',
  'morgan', 'cooper', 'reed', 'bell', 'murphy', 'bailey', 'cook', 'global', 'sterling', 'capitol',
  'park', 'square', 'plaza', 'tower', 'gateway', 'path', 'way', 'link', 'connect', 'true',
];

export const GENERIC_WEIGHT = 0.5;
export const INDUSTRY_WEIGHT = 1;
export const COMMON_WEIGHT = 2;
export const NUMBER_WEIGHT = 1.5;
export const RARE_WEIGHT = 5;

const WEIGHTS = new Map<string, number>();
for (const w of COMMON_BRAND_WORDS) WEIGHTS.set(w, COMMON_WEIGHT);
for (const w of INDUSTRY) WEIGHTS.set(w, INDUSTRY_WEIGHT);
for (const w of GENERIC) WEIGHTS.set(w, GENERIC_WEIGHT);

/** Identity weight of one normalized token. */
export function tokenWeight(token: string): number {
  const known = WEIGHTS.get(token);
  if (known !== undefined) return known;
  if (token.length <= 2) return NUMBER_WEIGHT; // initials and short codes ("ab", "3m" stays rare)
  const first = token.charCodeAt(0);
  if (first >= 48 && first <= 57 && /^\d+$/.test(token)) return NUMBER_WEIGHT;
  return RARE_WEIGHT;
}

/** Summed weight of a name; below {@link DISTINCTIVE_WEIGHT} a name cannot stand on its own. */
export function nameWeight(tokens: readonly string[]): number {
  let sum = 0;
  for (const t of tokens) sum += tokenWeight(t);
  return sum;
}

/** A name at least this heavy identifies a company together with an agreeing country. */
export const DISTINCTIVE_WEIGHT = 3;
/** Tokens at least this heavy are used as fuzzy blocking keys. */
export const BLOCKING_WEIGHT = RARE_WEIGHT;
