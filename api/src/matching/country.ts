import { foldText } from './text';

/**
 * Country names and codes as CRMs hold them, mapped to ISO 3166-1 alpha-2.
 * Anything unknown is kept (folded) so two identical unknown spellings still agree.
 */
// prettier-ignore
const COUNTRY_ALIASES: Record<string, string> = {
  'us': 'US', 'usa': 'US', 'u s': 'US', 'u s a': 'US', 'united states': 'US', 'united states of america': 'US', 'america': 'US',
  'gb': 'GB', 'uk': 'GB', 'u k': 'GB', 'united kingdom': 'GB', 'great britain': 'GB', 'england': 'GB', 'scotland': 'GB', 'wales': 'GB', 'northern ireland': 'GB',
  'de': 'DE', 'deu': 'DE', 'germany': 'DE', 'deutschland': 'DE',
  'fr': 'FR', 'fra': 'FR', 'france': 'FR',
  'es': 'ES', 'esp': 'ES', 'spain': 'ES', 'espana': 'ES',
  'it': 'IT', 'ita': 'IT', 'italy': 'IT', 'italia': 'IT',
  'nl': 'NL', 'nld': 'NL', 'netherlands': 'NL', 'the netherlands': 'NL', 'holland': 'NL', 'nederland': 'NL',
  'be': 'BE', 'bel': 'BE', 'belgium': 'BE', 'belgique': 'BE', 'belgie': 'BE',
  'ch': 'CH', 'che': 'CH', 'switzerland': 'CH', 'schweiz': 'CH', 'suisse': 'CH',
  'at': 'AT', 'aut': 'AT', 'austria': 'AT', 'osterreich': 'AT',
  'se': 'SE', 'swe': 'SE', 'sweden': 'SE', 'sverige': 'SE',
  'no': 'NO', 'nor': 'NO', 'norway': 'NO', 'norge': 'NO',
  'dk': 'DK', 'dnk': 'DK', 'denmark': 'DK', 'danmark': 'DK',
  'fi': 'FI', 'fin': 'FI', 'finland': 'FI', 'suomi': 'FI',
  'ie': 'IE', 'irl': 'IE', 'ireland': 'IE',
  'pt': 'PT', 'prt': 'PT', 'portugal': 'PT',
  'pl': 'PL', 'pol': 'PL', 'poland': 'PL', 'polska': 'PL',
  'cz': 'CZ', 'cze': 'CZ', 'czech republic': 'CZ', 'czechia': 'CZ',
  'ca': 'CA', 'can': 'CA', 'canada': 'CA',
  'mx': 'MX', 'mex': 'MX', 'mexico': 'MX',
  'br': 'BR', 'bra': 'BR', 'brazil': 'BR', 'brasil': 'BR',
  'ar': 'AR', 'arg': 'AR', 'argentina': 'AR',
  'cl': 'CL', 'chile': 'CL', 'co': 'CO', 'colombia': 'CO',
  'au': 'AU', 'aus': 'AU', 'australia': 'AU',
  'nz': 'NZ', 'nzl': 'NZ', 'new zealand': 'NZ',
  'jp': 'JP', 'jpn': 'JP', 'japan': 'JP',
  'cn': 'CN', 'chn': 'CN', 'china': 'CN', 'prc': 'CN',
  'hk': 'HK', 'hong kong': 'HK', 'tw': 'TW', 'taiwan': 'TW',
  'kr': 'KR', 'kor': 'KR', 'south korea': 'KR', 'korea': 'KR', 'republic of korea': 'KR',
  'in': 'IN', 'ind': 'IN', 'india': 'IN',
  'sg': 'SG', 'sgp': 'SG', 'singapore': 'SG',
  'il': 'IL', 'isr': 'IL', 'israel': 'IL',
  'ae': 'AE', 'uae': 'AE', 'united arab emirates': 'AE',
  'za': 'ZA', 'south africa': 'ZA', 'ru': 'RU', 'russia': 'RU', 'russian federation': 'RU',
  'tr': 'TR', 'turkey': 'TR', 'turkiye': 'TR',
};

/**
 * Results by raw spelling. A list holds a few dozen spellings of its countries ("US", "USA",
 * "United States"), and every candidate met while probing normalizes its country again, so
 * a cache answers nearly all calls. Cleared when full, so odd spellings cannot grow it.
 */
const CACHE = new Map<string, string | null>();
const CACHE_LIMIT = 4096;

/** ISO alpha-2 code of a country field, or null when it is empty. */
export function normalizeCountry(country: string | null | undefined): string | null {
  if (!country) return null;
  const known = CACHE.get(country);
  if (known !== undefined) return known;
  if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
  const code = countryCode(country);
  CACHE.set(country, code);
  return code;
}

function countryCode(country: string): string | null {
  const folded = foldText(country).replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!folded) return null;
  return COUNTRY_ALIASES[folded] ?? folded;
}
