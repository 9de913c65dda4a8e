import { normalizeName } from '../../api/src/matching';

const key = (name: string): string => normalizeName(name).key;

describe('normalizeName', () => {
  it.each([
    // legal forms from many countries, spelled with and without dots and spaces
    ['Acme Inc.', 'acme'],
    ['Acme Incorporated', 'acme'],
    ['Acme, LLC', 'acme'],
    ['Acme Ltd', 'acme'],
    ['Acme Limited', 'acme'],
    ['Acme GmbH', 'acme'],
    ['Acme GmbH & Co. KG', 'acme'],
    ['Acme AG', 'acme'],
    ['Acme S.A.', 'acme'],
    ['Acme S. A.', 'acme'],
    ['Acme S.A.S.', 'acme'],
    ['ACME S A S', 'acme'],
    ['Acme B.V.', 'acme'],
    ['Acme N.V.', 'acme'],
    ['Acme Oy', 'acme'],
    ['Acme AB (publ)', 'acme'],
    ['Acme K.K.', 'acme'],
    ['Acme Pty Ltd', 'acme'],
    ['Acme Pty. Ltd.', 'acme'],
    ['Acme plc', 'acme'],
    ['Acme p.l.c.', 'acme'],
    ['Acme Corp', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Acme Co.', 'acme'],
    ['Acme Co., Ltd.', 'acme'],
    ['Acme Sp. z o.o.', 'acme'],
    ['Acme S.p.A.', 'acme'],
    ['Acme S.A.B. de C.V.', 'acme'],
    ['Acme Private Limited', 'acme'],
    ['Acme Sdn Bhd', 'acme'],
    ['PT Acme Tbk', 'acme'],
    // "The", case, punctuation, accents, "&" vs "and", spacing
    ['The Acme Company', 'acme'],
    ['Acme Company, The', 'acme'],
    ['ACME', 'acme'],
    ['  Acme    Widgets  ', 'acmewidgets'],
    ['Société Générale', 'societegenerale'],
    ['Nestlé', 'nestle'],
    ['Ørsted A/S', 'orsted'],
    ['Müller & Söhne GmbH', 'mullersohne'],
    ['Johnson & Johnson', 'johnsonjohnson'],
    ['Johnson and Johnson', 'johnsonjohnson'],
    ['AT&T Inc.', 'att'],
    ["McDonald's Corporation", 'mcdonalds'],
    ['Coca-Cola', 'cocacola'],
    ['Coca Cola', 'cocacola'],
    ['Sales Force', 'salesforce'],
    // names that carry a web suffix, weak words, parenthesized regions
    ['Booking.com B.V.', 'booking'],
    ['Acme Group', 'acme'],
    ['Acme (UK) Limited', 'acme'],
    // never strip the whole name
    ['The Company', 'company'],
    ['Group SA', 'group'],
  ])('%s → %s', (name, expected) => {
    expect(key(name)).toBe(expected);
  });

  it.each([
    ['Acme Intl', 'Acme International'],
    ['Acme Mfg Co', 'Acme Manufacturing Company'],
    ['Acme Svcs', 'Acme Services'],
    ['Acme Tech', 'Acme Technologies'],
    ['Acme Labs', 'Acme Laboratories'],
    ['Acme Bros', 'Acme Brothers'],
    ['Acme Ctr', 'Acme Centre'],
    ['Acme Mgmt', 'Acme Management'],
  ])('abbreviation %s equals %s', (short, long) => {
    expect(key(short)).toBe(key(long));
  });

  it('keeps a word that differs, so unrelated companies stay apart', () => {
    expect(key('Acme Software')).not.toBe(key('Acme Hardware'));
    expect(key('Booking Holdings Inc.')).not.toBe(key('Booking.com B.V.'));
  });

  it.each([
    ['Acme Corp dba Roadrunner Supply', 'roadrunnersupply'],
    ['Acme Corp DBA Roadrunner Supply', 'roadrunnersupply'],
    ['Acme Corp d/b/a Roadrunner Supply', 'roadrunnersupply'],
    ['Acme Corp t/a Roadrunner Supply', 'roadrunnersupply'],
    ['Acme Corp trading as Roadrunner Supply', 'roadrunnersupply'],
    ['Acme Corp aka Roadrunner Supply', 'roadrunnersupply'],
    ['Acme Corp (formerly Roadrunner Supply Inc)', 'roadrunnersupply'],
  ])('DBA: %s carries alias %s', (name, alias) => {
    const n = normalizeName(name);
    expect(n.key).toBe('acme');
    expect(n.aliasKeys).toEqual([alias]);
  });

  it('returns tokens for fuzzy comparison', () => {
    expect(normalizeName('The Acme Widget Co., Ltd.').tokens).toEqual(['acme', 'widget']);
  });

  it('handles empty and punctuation-only names', () => {
    expect(normalizeName('').key).toBe('');
    expect(normalizeName(' -- ').key).toBe('');
  });
});
