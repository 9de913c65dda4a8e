import { normalizeName } from '../matching';

/**
 * Matches the account list of a session title ("Blue Harbor, Summit Peak Foods GmbH") against the
 * accounts of my overlaps with a partner, by the matching engine's normalized names. A name that
 * itself holds a comma ("Acme, Inc.") is found by trying the longest run of segments first.
 */
export interface NamedAccount {
  overlapId: string;
  sourceId: string;
  /** every name the account is known by here: ours, and the partner's when shared */
  names: string[];
}

export interface TitleMatch {
  matched: Array<{ text: string; account: NamedAccount }>;
  unmatched: string[];
}

const keyOf = (name: string) => normalizeName(name).key;

export function matchTitleAccounts(accountsText: string, accounts: NamedAccount[]): TitleMatch {
  const index = new Map<string, NamedAccount>();
  for (const a of accounts)
    for (const n of a.names) {
      const k = keyOf(n);
      if (k && !index.has(k)) index.set(k, a);
    }
  const segments = accountsText.split(',');
  const matched: TitleMatch['matched'] = [];
  const unmatched: string[] = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < segments.length) {
    let found = false;
    for (let j = segments.length; j > i; j--) {
      const text = segments.slice(i, j).join(',').trim();
      const account = text ? index.get(keyOf(text)) : undefined;
      if (account) {
        if (!seen.has(account.overlapId)) matched.push({ text, account });
        seen.add(account.overlapId);
        i = j;
        found = true;
        break;
      }
    }
    if (!found) {
      const text = segments[i].trim();
      if (text) unmatched.push(text);
      i++;
    }
  }
  return { matched, unmatched };
}

/** Partner names compare the same way as account names. */
export function sameName(a: string, b: string): boolean {
  const ka = keyOf(a);
  return ka !== '' && ka === keyOf(b);
}
