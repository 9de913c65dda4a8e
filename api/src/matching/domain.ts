import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { SHARED_DOMAINS } from './freeDomains';

/** A website reduced to the part that identifies a company. */
export interface DomainParts {
  /** Registrable domain, e.g. "acme.co.uk" for "https://shop.acme.co.uk/en?x=1". */
  domain: string;
  /** The domain without its public suffix ("acme"), hyphens removed; compares acme.de with acme.com. */
  label: string;
}

const TLDTS_OPTIONS = {
  allowPrivateDomains: true,
  extractHostname: false,
  detectIp: true,
  validateHostname: true,
  mixedInputs: false,
} as const;

/**
 * Extracts the host from whatever users type into a website field: full URLs with scheme,
 * credentials, port, path, query or fragment; bare hosts; "www." prefixes; e-mail addresses.
 * A single left-to-right scan: this runs for every record on both sides.
 */
export function extractHost(website: string): string | null {
  let s = website.trim();
  if (!s) return null;
  const at = s.lastIndexOf('@');
  const scheme = s.indexOf('://');
  let start = scheme >= 0 && scheme < 12 ? scheme + 3 : 0;
  if (at >= start) {
    const slash = s.indexOf('/', start);
    if (slash < 0 || at < slash) start = at + 1; // user:pass@host or an e-mail address
  }
  let end = s.length;
  let plain = true; // no upper case and no non-ASCII letter so far
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // / ? # : \ and whitespace end the host
    if (c === 47 || c === 63 || c === 35 || c === 58 || c === 92 || c <= 32) {
      end = i;
      break;
    }
    if ((c >= 65 && c <= 90) || c > 127) plain = false;
  }
  s = s.slice(start, end);
  if (!plain) s = s.toLowerCase();
  while (s.endsWith('.')) s = s.slice(0, -1);
  if (s.startsWith('www')) {
    if (s.charCodeAt(3) === 46)
      s = s.slice(4); // www.
    else if (s.charCodeAt(4) === 46 && s.charCodeAt(3) >= 48 && s.charCodeAt(3) <= 57)
      s = s.slice(5); // www2.
  }
  if (!s.includes('.')) return null;
  // A plain lower-case ASCII host (the common case) needs no IDN conversion.
  if (plain) return s;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 127) {
      // Internationalized domains compare in their ASCII (punycode) form on both sides.
      const ascii = domainToASCII(s);
      return ascii || null;
    }
  }
  return s;
}

/**
 * Registrable domain and brand label of a website, or null when the website says nothing
 * about identity: empty, invalid, an IP address, or a shared domain (free mail, hosting,
 * anything under a Public Suffix List private-section suffix such as github.io).
 */
export function domainParts(website: string | null | undefined): DomainParts | null {
  if (!website) return null;
  const host = extractHost(website);
  if (!host) return null;
  const parsed = parse(host, TLDTS_OPTIONS);
  if (parsed.isIp || !parsed.domain || !parsed.publicSuffix) return null;
  // Under a private suffix the "registrable domain" is one tenant of a shared platform.
  if (parsed.isPrivate) return null;
  if (parsed.isIcann === false) return null; // unknown TLD: likely a typo
  const domain = parsed.domain;
  if (SHARED_DOMAINS.has(domain) || SHARED_DOMAINS.has(host)) return null;
  // tldts has already cut the public suffix off: domainWithoutSuffix is the label.
  let label =
    parsed.domainWithoutSuffix ?? domain.slice(0, domain.length - parsed.publicSuffix.length - 1);
  if (label.includes('-')) label = label.replace(/-/g, '');
  return { domain, label };
}

/** The registrable domain of a website; null for free-mail, hosting or invalid websites. */
export function registrableDomain(website: string | null | undefined): string | null {
  return domainParts(website)?.domain ?? null;
}
