/**
 * Word lists that name normalization relies on. Curated from legal-form registries
 * (ISO 20275 ELF codes, condensed) and the abbreviations that show up in CRM exports.
 * All entries are in tokenized form: lower case, accents folded, dots removed.
 */

/** Legal forms stripped from the end of a name ("Acme GmbH & Co. KG" → "acme"). */
// prettier-ignore
export const LEGAL_SUFFIXES = new Set([
  // English-speaking
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'cos', 'llc', 'llp', 'lllp', 'lp',
  'ltd', 'limited', 'private', 'plc', 'pty', 'ptyltd', 'proprietary', 'pvt', 'pte', 'pc', 'pllc', 'ulc', 'lc',
  'unlimited', 'na',
  // German-speaking
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ohg', 'ug', 'ev', 'eg', 'se',
  // French, Spanish, Portuguese, Italian, Latin America
  'sa', 'sas', 'sasu', 'sarl', 'eurl', 'sca', 'scs', 'snc', 'sl', 'slu', 'sau', 'srl', 'spa', 'sapa',
  'ltda', 'lda', 'eireli', 'sacv', 'sadecv', 'srldecv', 'sab', 'sabdecv', 'sapi', 'sapidecv', 'saa',
  'sac', 'sae', 'cia',
  // Benelux, Nordics
  'bv', 'nv', 'bvba', 'cvba', 'vof', 'oy', 'oyj', 'ab', 'publ', 'as', 'asa', 'aps', 'hf', 'ehf',
  // Central and Eastern Europe
  'spzoo', 'sro', 'spol', 'kft', 'zrt', 'nyrt', 'doo', 'dd', 'ad', 'ood', 'ead', 'jsc', 'pjsc',
  'ojsc', 'cjsc', 'ooo', 'ao', 'pao', 'zao', 'oao',
  // Asia-Pacific
  'kk', 'yk', 'gk', 'kabushiki', 'kaisha', 'bhd', 'sdn', 'sdnbhd', 'tbk', 'pt', 'jsc',
]);

/**
 * Legal forms that also appear in front of the name in some countries
 * ("PT Bank Central Asia", "OOO Yandex"). Only stripped when a name remains.
 */
export const LEGAL_PREFIXES = new Set(['pt', 'ooo', 'oao', 'zao', 'pao', 'ao', 'cv']);

/**
 * Words that CRM users add or drop around the same company without changing it
 * ("Acme Group", "Acme Holdings"). Stripped from the end like legal forms.
 */
export const WEAK_SUFFIXES = new Set(['group', 'the']);

/** Words that never carry identity and are dropped anywhere ("Johnson & Johnson" = "Johnson Johnson"). */
export const STOP_WORDS = new Set(['and', 'und', 'et', 'y']);

/** Markers that start a second name for the same company: "Acme Corp dba Roadrunner". */
export const ALIAS_MARKERS = new Set(['dba', 'aka', 'fka', 'formerly', 'ta']);

/** Abbreviations and spelling variants, mapped to one canonical token. */
// prettier-ignore
export const CANONICAL_TOKENS = new Map<string, string>(Object.entries({
  intl: 'international', internat: 'international', int: 'international',
  natl: 'national', nat: 'national',
  mfg: 'manufacturing', mfrs: 'manufacturing', manufacturers: 'manufacturing',
  mgmt: 'management', mgt: 'management',
  svcs: 'services', svc: 'services', srvcs: 'services', service: 'services',
  sys: 'systems', system: 'systems',
  tech: 'technology', techs: 'technology', technologies: 'technology', technol: 'technology',
  labs: 'laboratories', lab: 'laboratories', laboratory: 'laboratories',
  assoc: 'associates', assocs: 'associates', associate: 'associates',
  assn: 'association', bros: 'brothers',
  ctr: 'center', centre: 'center', ctrs: 'center',
  grp: 'group', hldgs: 'holdings', hldg: 'holdings',
  univ: 'university', inst: 'institute', dept: 'department',
  mktg: 'marketing', pharm: 'pharmaceuticals', pharma: 'pharmaceuticals', pharmaceutical: 'pharmaceuticals',
  ins: 'insurance', amer: 'american', bk: 'bank',
  ind: 'industries', inds: 'industries', indus: 'industries', industry: 'industries',
  engg: 'engineering', engr: 'engineering', eng: 'engineering',
  elec: 'electric', comm: 'communications', comms: 'communications', communication: 'communications',
  solution: 'solutions', soln: 'solutions', solns: 'solutions',
  motor: 'motors', mtrs: 'motors',
  mt: 'mount', ft: 'fort', st: 'saint',
  hosp: 'hospital', med: 'medical', fin: 'financial', finl: 'financial',
  prod: 'products', prods: 'products', product: 'products',
  dist: 'distribution', distrib: 'distribution',
  constr: 'construction', cnstr: 'construction',
}));

/** Suffixes like ".com" that some companies carry in their name ("Booking.com"). */
export const NAME_TLD_RE = /([a-z0-9]{3,})\.(com|net|org|io|ai|co|app)(?![a-z0-9])/g;
