/**
 * The shortcuts taken for speed must give exactly what the general code gives: each property
 * below compares a fast path with its reference over random inputs built to hit both sides.
 */
import fc from 'fast-check';
import { domainToASCII } from 'node:url';
import { prepareRecords } from '../../api/src/matching/chunk';
import { normalizeCountry } from '../../api/src/matching/country';
import { extractHost } from '../../api/src/matching/domain';
import { HASH, hashKey, hashLetters, KeyTable, SlotList } from '../../api/src/matching/keyTable';
import { normalizeName, normalizeNameGeneral } from '../../api/src/matching/name';
import {
  forEachBlockingKey,
  prepareRecord,
  PreparedRecord,
  typoBlockingToken,
} from '../../api/src/matching/prepare';
import { hasTypoAt } from '../../api/src/matching/probe';
import { isTypo } from '../../api/src/matching/score';

// Words that exercise every rule: legal forms (spaced and dotted), alias markers, "The",
// parentheses, ".com"-style endings, joiners, accents and non-Latin text.
const nameWord = fc.oneof(
  fc.constantFrom(
    'Acme',
    'the',
    'The',
    'Inc',
    'Inc.',
    'S.A.',
    'S',
    'A',
    'de',
    'C.V.',
    'GmbH',
    '&',
    'Co.',
    'KG',
    'Ltd',
    'Pty',
    'dba',
    'd/b/a',
    'aka',
    't/a',
    'trading',
    'as',
    'doing',
    'business',
    'formerly',
    '(UK)',
    '(formerly',
    'Widget)',
    '(',
    ')',
    'Booking.com',
    'acme.io',
    'ab.co',
    'abc.app.',
    '.com',
    'Intl',
    'Mfg',
    'Müller',
    'Søhne',
    'Straße',
    "McDonald's",
    'O’Neil',
    'PT',
    'OOO',
    'Sp.',
    'z',
    'o.o.',
    'Group',
    'and',
    'y',
    'Σ',
    '東京',
    '+',
    ',',
    '-',
    'www',
    'Zendesk',
  ),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 3 }),
);
const separator = fc.constantFrom(' ', '', '.', ', ', '-', '  ');
const companyName = fc
  .tuple(fc.array(nameWord, { maxLength: 8 }), separator)
  .map(([words, sep]) => words.join(sep));

describe('normalizeName shortcuts', () => {
  it('equal the general path (alias splitting, parentheses, name endings)', () => {
    fc.assert(
      fc.property(companyName, (name) => {
        expect(normalizeName(name)).toEqual(normalizeNameGeneral(name));
      }),
      { numRuns: 3000 },
    );
  });

  it('equal the general path on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (name) => {
        expect(normalizeName(name)).toEqual(normalizeNameGeneral(name));
      }),
      { numRuns: 2000 },
    );
  });
});

const nonAscii = (s: string): boolean => [...s].some((c) => c.charCodeAt(0) > 127);

/** extractHost before the plain-ASCII shortcut: the reference. */
function referenceExtractHost(website: string): string | null {
  let s = website.trim();
  if (!s) return null;
  const at = s.lastIndexOf('@');
  const scheme = s.indexOf('://');
  let start = scheme >= 0 && scheme < 12 ? scheme + 3 : 0;
  if (at >= start) {
    const slash = s.indexOf('/', start);
    if (slash < 0 || at < slash) start = at + 1;
  }
  let end = s.length;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35 || c === 58 || c === 92 || c <= 32) {
      end = i;
      break;
    }
  }
  s = s.slice(start, end);
  if (/[A-Z]/.test(s) || nonAscii(s)) s = s.toLowerCase();
  while (s.endsWith('.')) s = s.slice(0, -1);
  if (s.startsWith('www')) {
    if (s.charCodeAt(3) === 46) s = s.slice(4);
    else if (s.charCodeAt(4) === 46 && /[0-9]/.test(s[3])) s = s.slice(5);
  }
  if (!s.includes('.')) return null;
  return nonAscii(s) ? domainToASCII(s) || null : s;
}

const hostPart = fc.constantFrom(
  'acme',
  'ACME',
  'www',
  'WWW',
  'www2',
  'shop',
  'co',
  'uk',
  'com',
  'de',
  'münchen',
  'İstanbul',
  'xn--mnchen-3ya',
  'github',
  'io',
  '',
  'a-b',
  '192',
  '168',
  'K',
);
const website = fc
  .record({
    scheme: fc.constantFrom('', 'https://', 'http://', 'HTTP://', 'ftp://', '//'),
    user: fc.constantFrom('', 'info@', 'user:pw@', '@'),
    host: fc.array(hostPart, { minLength: 1, maxLength: 4 }).map((p) => p.join('.')),
    dots: fc.constantFrom('', '.', '..'),
    rest: fc.constantFrom('', '/', ':8443', '/a@b', '?q=1', '#x', '\\x', ' y', '/path/'),
    pad: fc.constantFrom('', ' ', '\t'),
  })
  .map((w) => `${w.pad}${w.scheme}${w.user}${w.host}${w.dots}${w.rest}${w.pad}`);

describe('extractHost', () => {
  it('equals the reference on URLs, e-mail addresses, upper case and IDNs', () => {
    fc.assert(
      fc.property(fc.oneof(website, fc.string({ maxLength: 25 })), (w) => {
        expect(extractHost(w)).toBe(referenceExtractHost(w));
      }),
      { numRuns: 3000 },
    );
  });
});

const token = fc.oneof(
  fc.constantFrom('workday', 'workady', 'wokrday', 'acme', 'acmee', 'salesforce', 'salesforse'),
  fc.stringMatching(/^[a-e]{1,9}$/),
);

describe('hasTypoAt (typo check on the packed text)', () => {
  it('equals checking the unpacked tokens with isTypo', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 5 }), token, fc.nat(3), (tokens, typo, pad) => {
        const record = new PreparedRecord(
          'id',
          null,
          tokens.join(''),
          null,
          null,
          null,
          null,
          null,
          tokens,
        );
        const text = 'x'.repeat(pad) + record.pack();
        const expected = tokens.some((t) => t.length === typo.length && isTypo(typo, t));
        expect(hasTypoAt(text, pad, typo)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('prepared keys', () => {
  it('are the id, the blocking keys in order, then the typo letters', () => {
    fc.assert(
      fc.property(companyName, fc.option(website, { nil: null }), (name, site) => {
        const input = { id: 'r1', name, website: site };
        const chunk = prepareRecords([input]);
        const r = prepareRecord(input);
        const expected: number[] = [];
        const add = (kind: number): void => void expected.push(kind, HASH[0], HASH[1]);
        hashKey('r1');
        add(0);
        forEachBlockingKey(r, (k) => {
          hashKey(k);
          add(k.includes('.') ? 1 : 2);
        });
        const typo = typoBlockingToken(r);
        if (typo) {
          hashLetters(typo, 0);
          add(3);
          hashLetters(typo, typo.length - 1);
          add(3);
        }
        expect([...chunk.keys]).toEqual(expected);
        expect(chunk.text).toBe(r.pack());
      }),
      { numRuns: 1500 },
    );
  });
});

describe('KeyTable (chained lazily, at the next lookup)', () => {
  it('answers every lookup as a plain multimap would, newest first', () => {
    const op = fc.oneof(
      fc.record({ add: fc.nat(40), slot: fc.nat(1000) }),
      fc.record({ find: fc.nat(40), limit: fc.integer({ min: 1, max: 6 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.nat(3000), (ops, expected) => {
        const table = new KeyTable(expected);
        const model = new Map<string, number[]>();
        const out = new SlotList();
        for (const o of ops) {
          if ('add' in o) {
            table.add(`k${o.add}`, o.slot);
            model.set(`k${o.add}`, [o.slot, ...(model.get(`k${o.add}`) ?? [])]);
            continue;
          }
          hashKey(`k${o.find}`);
          out.length = 0;
          table.collect(HASH[0], HASH[1], o.limit, out);
          const want = model.get(`k${o.find}`) ?? [];
          expect([...out.items.subarray(0, out.length)]).toEqual(want.length > o.limit ? [] : want);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('grows past its first size and still finds every key', () => {
    const table = new KeyTable();
    for (let i = 0; i < 5000; i++) table.add(`key${i % 2500}`, i);
    const out = new SlotList();
    hashKey('key7');
    table.collect(HASH[0], HASH[1], 10, out);
    expect([...out.items.subarray(0, out.length)]).toEqual([2507, 7]);
    const shared = new KeyTable(0, table.share());
    out.length = 0;
    shared.collect(HASH[0], HASH[1], 10, out);
    expect([...out.items.subarray(0, out.length)]).toEqual([2507, 7]);
  });
});

describe('normalizeCountry cache', () => {
  it('answers the same after many distinct spellings filled and cleared it', () => {
    expect(normalizeCountry('Deutschland')).toBe('DE');
    for (let i = 0; i < 5000; i++) expect(normalizeCountry(`Land ${i}`)).toBe(`land ${i}`);
    expect(normalizeCountry('Deutschland')).toBe('DE');
    expect(normalizeCountry(' U.S.A. ')).toBe('US');
    expect(normalizeCountry(' U.S.A. ')).toBe('US');
  });
});
