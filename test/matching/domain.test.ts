import { domainParts, extractHost, registrableDomain } from '../../api/src/matching';

describe('registrableDomain', () => {
  it.each([
    ['acme.com', 'acme.com'],
    ['https://www.acme.com/', 'acme.com'],
    ['http://acme.com/about?utm_source=x#team', 'acme.com'],
    ['HTTPS://WWW.ACME.COM', 'acme.com'],
    ['acme.com.', 'acme.com'],
    ['www.acme.com:8080/path', 'acme.com'],
    ['https://user:pw@app.acme.com:443/login', 'acme.com'],
    ['  www2.acme.com  ', 'acme.com'],
    ['shop.acme.co.uk', 'acme.co.uk'],
    ['https://uk.acme.com', 'acme.com'],
    ['de.acme.com', 'acme.com'],
    ['info@acme.com', 'acme.com'],
    ['acme.com.au', 'acme.com.au'],
    ['https://münchen.de', 'xn--mnchen-3ya.de'],
    ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
  ])('%s → %s', (website, expected) => {
    expect(registrableDomain(website)).toBe(expected);
  });

  it.each([
    // free mail
    'gmail.com',
    'https://www.gmail.com',
    'john@gmail.com',
    'outlook.com',
    'hotmail.com',
    'yahoo.com',
    'yahoo.co.uk',
    'gmx.de',
    // hosting tenants, caught through the Public Suffix List's private section
    'acme.github.io',
    'acme.herokuapp.com',
    'acme.myshopify.com',
    'acme.wixsite.com',
    'acme.blogspot.com',
    'acme.netlify.app',
    // hosting and social platforms themselves (curated list)
    'github.io',
    'herokuapp.com',
    'wix.com',
    'linkedin.com/company/acme',
    'facebook.com/acme',
    // not a website
    '',
    '   ',
    'n/a',
    'acme',
    '192.168.1.1',
    'http://10.0.0.1:8080',
    'acme.invalidtld',
  ])('%p is not identity evidence', (website) => {
    expect(registrableDomain(website)).toBeNull();
  });

  it('treats null and undefined as missing', () => {
    expect(registrableDomain(null)).toBeNull();
    expect(registrableDomain(undefined)).toBeNull();
  });

  it('gives the brand label without suffix and hyphens', () => {
    expect(domainParts('https://www.acme-corp.co.uk/')).toEqual({
      domain: 'acme-corp.co.uk',
      label: 'acmecorp',
    });
    expect(domainParts('acme.de')?.label).toBe(domainParts('acme.com')?.label);
  });

  it('extracts hosts from messy input', () => {
    expect(extractHost('HTTP://Acme.COM/x')).toBe('acme.com');
    expect(extractHost('acme')).toBeNull();
  });
});
