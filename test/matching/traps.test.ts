import { isTypo } from '../../api/src/matching/score';
import { matchAccounts, prepareRecord, scorePair, type AccountInput } from '../../api/src/matching';

let n = 0;
const rec = (name: string, website?: string | null, country?: string | null): AccountInput => ({
  id: `r${n++}`,
  name,
  website,
  country,
});
const score = (a: AccountInput, b: AccountInput) => scorePair(prepareRecord(a), prepareRecord(b));

describe('methods', () => {
  it('matches on the registrable domain despite URL and name noise', () => {
    expect(
      score(
        rec('Acme Inc', 'https://www.acme.com/about'),
        rec('ACME Incorporated', 'shop.acme.com'),
      ),
    ).toEqual({ method: 'domain', confidence: 0.99 });
  });

  it('keeps same-domain pairs with unrelated names but trusts them less', () => {
    expect(score(rec('Acme', 'holdco.com'), rec('Zebra Labs', 'holdco.com'))).toEqual({
      method: 'domain',
      confidence: 0.9,
    });
  });

  it('matches an equal name when the country agrees', () => {
    expect(
      score(rec('Zendesk Inc.', null, 'US'), rec('ZENDESK', 'zendesk.com', 'United States')),
    ).toEqual({ method: 'name', confidence: 0.93 });
  });

  it('matches an equal name when the domain label agrees across country TLDs', () => {
    expect(score(rec('Acme GmbH', 'acme.de', 'DE'), rec('Acme AG', 'acme.com', 'DE'))?.method).toBe(
      'name',
    );
  });

  it('matches a DBA name against the trading name', () => {
    expect(
      score(
        rec('Acme Corp dba Roadrunner Supply', null, 'US'),
        rec('Roadrunner Supply', null, 'US'),
      )?.method,
    ).toBe('name');
  });

  it('matches a one-letter swap in a rare word as fuzzy, with corroboration', () => {
    const s = score(rec('Zendesk Analytics', null, 'US'), rec('Zendeks Analytics', null, 'US'));
    expect(s?.method).toBe('fuzzy');
    expect(s!.confidence).toBeGreaterThanOrEqual(0.8);
    expect(score(rec('Zendesk Analytics'), rec('Zendeks Analytics'))).toBeNull(); // no corroboration
  });

  it('matches a name that only adds an industry word when the domain label agrees', () => {
    expect(score(rec('Milora', 'milora.co.uk'), rec('Milora Energy', 'milora.com'))?.method).toBe(
      'fuzzy',
    );
  });
});

describe('traps that must not match', () => {
  it('free-mail websites are no evidence', async () => {
    expect(
      score(rec('Acme', 'gmail.com', 'US'), rec('Zebra Labs', 'https://gmail.com', 'US')),
    ).toBeNull();
    expect(
      await matchAccounts([rec('Acme', 'john@outlook.com')], [rec('Beta Corp', 'outlook.com')]),
    ).toEqual([]);
  });

  it('hosting platforms are no evidence', () => {
    expect(score(rec('Acme', 'herokuapp.com'), rec('Zebra', 'herokuapp.com'))).toBeNull();
    expect(score(rec('Acme', 'acme.github.io'), rec('Zebra', 'acme.github.io'))).toBeNull();
  });

  it('unrelated companies sharing a first word', () => {
    expect(
      score(
        rec('Delta Air Lines', 'delta.com', 'US'),
        rec('Delta Faucet Company', 'deltafaucet.com', 'US'),
      ),
    ).toBeNull();
    expect(
      score(rec('Delta Air Lines', null, 'US'), rec('Delta Faucet Company', null, 'US')),
    ).toBeNull();
    expect(
      score(rec('General Electric', null, 'US'), rec('General Motors', null, 'US')),
    ).toBeNull();
  });

  it('one word different', () => {
    expect(score(rec('Acme Software', null, 'US'), rec('Acme Hardware', null, 'US'))).toBeNull();
    expect(
      score(rec('Acme Global Solutions', null, 'US'), rec('Acme Global Services', null, 'US')),
    ).toBeNull();
    expect(
      score(
        rec('Palo Alto Networks', 'paloaltonetworks.com', 'US'),
        rec('Palo Alto Ventures', null, 'US'),
      ),
    ).toBeNull();
  });

  it('a famous name plus a word is another company without domain evidence', () => {
    expect(
      score(
        rec('Starbucks Corporation', 'starbucks.com', 'US'),
        rec('Starbucks Dental LLC', null, 'US'),
      ),
    ).toBeNull();
    expect(score(rec('Gap Inc.', null, 'US'), rec('GAP Solutions Inc.', null, 'US'))).toBeNull();
  });

  it('a subsidiary with its own domain is not its parent', () => {
    expect(
      score(
        rec('Siemens AG', 'siemens.com', 'DE'),
        rec('Siemens Healthineers AG', 'siemens-healthineers.com', 'DE'),
      ),
    ).toBeNull();
    expect(
      score(
        rec('Booking Holdings Inc.', 'bookingholdings.com', 'US'),
        rec('Booking.com B.V.', null, 'NL'),
      ),
    ).toBeNull();
  });

  it('a subsidiary whose name equals the parent but has its own website stays apart', () => {
    expect(score(rec('Acme', 'acme.com', 'US'), rec('Acme', 'acmerobotics.com', 'US'))).toBeNull();
  });

  it('common-word names need a domain, a country is not enough', () => {
    expect(
      score(rec('Delta Inc.', null, 'US'), rec('Delta LLC', null, 'US'))?.confidence ?? 0,
    ).toBeLessThan(0.8);
    expect(score(rec('Summit', null, 'US'), rec('Summit', null, null))).toBeNull();
    expect(
      score(rec('Apex', 'apex.com', 'US'), rec('Apex Ltd', 'apex.co.uk', 'GB'))?.confidence ?? 0,
    ).toBeLessThan(0.8);
    expect(score(rec('Apex', 'apex.com'), rec('Apex Inc', 'apex.de'))?.method).toBe('name');
  });

  it('the same distinctive name in two countries is not enough', () => {
    expect(score(rec('Zendesk', null, 'US'), rec('Zendesk', null, 'DE'))).toBeNull();
  });

  it('short names one letter apart are different companies', () => {
    expect(isTypo('bayer', 'bauer')).toBe(false);
    expect(isTypo('workday', 'workady')).toBe(true);
    expect(isTypo('microsoft', 'microsft')).toBe(true);
    expect(score(rec('Bayer AG', null, 'DE'), rec('Bauer AG', null, 'DE'))).toBeNull();
  });
});

describe('scorePair', () => {
  it('is symmetric', () => {
    const a = rec('Zendesk Analytics Inc', 'zendesk.de', 'US');
    const b = rec('Zendeks Analytics', 'https://www.zendesk.com', null);
    expect(score(a, b)).toEqual(score(b, a));
  });
});
