import fc from 'fast-check';
import type { OverlapAlert } from '../../api/src/notify/alert';
import { BLOCK_KIT_LIMITS as L, escapeMrkdwn, slackMessage } from '../../api/src/notify/slack';

const base: OverlapAlert = {
  event: 'overlap.created',
  overlapId: 'ov-1',
  account: { sourceId: '001A000000000001AA', name: 'Northwind Traders', ownerName: 'Ana Ruiz' },
  partner: { id: 'p1', name: 'Globex' },
  myPopulations: ['Customers'],
  partnerPopulations: ['Open Opportunities'],
  method: 'domain',
  confidence: 0.99,
  accountUrl: 'https://acme.my.salesforce.com/lightning/r/Account/001A000000000001AA/view',
  occurredAt: '2026-11-27T10:00:00.000Z',
};

type Block = {
  type: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<{ text: { text: string } | string; url?: string }>;
};

/** Checks a message against Block Kit's documented limits. */
function withinLimits(msg: { text: string; blocks: unknown[] }): string[] {
  const bad: string[] = [];
  if (msg.blocks.length > L.blocks) bad.push('blocks');
  if (msg.text.length > L.fallbackText) bad.push('text');
  for (const b of msg.blocks as Block[]) {
    if (b.type === 'header' && b.text!.text.length > L.headerText) bad.push('header');
    if (b.type === 'section') {
      if ((b.fields ?? []).length > L.sectionFields) bad.push('fields');
      for (const f of b.fields ?? []) if (f.text.length > L.fieldText) bad.push('field');
      if (b.text && b.text.text.length > L.sectionText) bad.push('section');
    }
    if (b.type === 'actions') {
      for (const e of b.elements ?? []) {
        if (typeof e.text !== 'string' && e.text.text.length > L.buttonText) bad.push('button');
        if ((e.url ?? '').length > L.buttonUrl) bad.push('url');
      }
    }
  }
  return bad;
}

describe('Slack Block Kit alert', () => {
  it('names account, partner, both populations, owners and links the Account', () => {
    const msg = slackMessage({
      ...base,
      partnerOwner: { name: 'Kim Lee', email: 'kim@globex.example' },
    });
    const text = JSON.stringify(msg);
    for (const s of [
      'Northwind Traders',
      'Globex',
      'Customers',
      'Open Opportunities',
      'Ana Ruiz',
      'Kim Lee · kim@globex.example',
    ]) {
      expect(text).toContain(s);
    }
    const actions = (msg.blocks as Block[]).find((b) => b.type === 'actions');
    expect(actions?.elements?.[0].url).toBe(base.accountUrl);
  });

  it('shows no partner owner when the partner does not share it', () => {
    const text = JSON.stringify(slackMessage(base));
    expect(text).not.toContain('Owner at Globex');
  });

  it('escapes Slack control characters in names', () => {
    expect(escapeMrkdwn('A&B <Ltd>')).toBe('A&amp;B &lt;Ltd&gt;');
    const msg = slackMessage({ ...base, account: { ...base.account, name: '<!channel> & Co' } });
    // mrkdwn parts (fallback text and fields) are escaped; the plain_text header is never parsed.
    const mrkdwn = JSON.stringify([
      msg.text,
      (msg.blocks as Block[]).filter((b) => b.type === 'section'),
    ]);
    expect(mrkdwn).toContain('&lt;!channel&gt; &amp; Co');
    expect(mrkdwn).not.toContain('<!channel>');
  });

  it('stays within Block Kit limits whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 5000 }),
        fc.string({ maxLength: 3000 }),
        fc.array(fc.string({ maxLength: 400 }), { maxLength: 40 }),
        fc.option(fc.webUrl({ size: 'large' }), { nil: undefined }),
        (name, partner, pops, url) => {
          const msg = slackMessage({
            ...base,
            account: { ...base.account, name },
            partner: { id: 'p', name: partner },
            partnerPopulations: pops,
            accountUrl: url,
            partnerOwner: { name: partner, email: name },
          });
          expect(withinLimits(msg)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
