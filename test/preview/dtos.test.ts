import express from 'express';
import * as dto from '../../api/src/preview/dtos';
import { withPreview } from '../../api/src/preview/router';
import { createTestContext } from '../helpers/context';

// The preview's controller must hand the components what the Apex DTOs would: these pin the
// rules of OverlapDtos / OverlapMatrixDtos / OverlapPlanning that are easy to get subtly wrong.
describe('preview DTO shaping (the Apex rules)', () => {
  it('shapes an API overlap like OverlapDtos.overlapItem', () => {
    const item = dto.overlapItem({
      id: 'o1',
      partner: { id: 'p1', name: 'Globex Data' },
      myRecord: { sourceId: '001A', name: 'Vantage Systems' },
      myPopulations: ['Leads'],
      partnerPopulations: ['Prospects', 'Customers'],
      partnerRecord: { name: 'Vantage N.V.', ownerName: 'Ben', ownerEmail: 'ben@x.example' },
      method: 'fuzzy_name',
      confidence: 0.87,
      firstSeen: '2026-01-01T00:00:00.000Z',
      lastSeen: '2026-02-01T00:00:00.000Z',
    });
    expect(item).toEqual({
      id: 'o1',
      partnerId: 'p1',
      partnerName: 'Globex Data',
      accountId: '001A',
      accountName: 'Vantage Systems',
      partnerPopulations: ['Prospects', 'Customers'],
      myPopulations: ['Leads'],
      populationLabel: 'Prospects, Customers',
      ownerName: 'Ben',
      ownerEmail: 'ben@x.example',
      method: 'Fuzzy_name', // Apex capitalize(): first letter only
      confidence: 0.87,
      firstSeen: '2026-01-01T00:00:00.000Z',
      lastSeen: '2026-02-01T00:00:00.000Z',
    });
  });

  it('reads missing or mistyped keys as empty, like OverlapJson', () => {
    const item = dto.overlapItem({ partner: 'not an object', partnerPopulations: 'x' });
    expect(item.partnerName).toBeNull();
    expect(item.partnerPopulations).toEqual([]);
    expect(item.populationLabel).toBe('');
    expect(dto.accountOverlaps(null)).toEqual({
      recordId: null,
      recordName: null,
      stale: false,
      notice: null,
      overlaps: [],
    });
  });

  it('counts a matrix cell without a count as 0 and truncates decimals', () => {
    const m = dto.matrix({
      partner: { id: 'p1', name: 'Globex Data' },
      myPopulations: [{ id: 'a', name: 'Customers' }],
      partnerPopulations: [{ id: 'b', name: 'Prospects' }],
      cells: [
        { myPopulationId: 'a', partnerPopulationId: 'b' },
        { myPopulationId: 'a', partnerPopulationId: 'c', count: 7.9 },
      ],
    });
    expect(m.cells.map((c) => c.count)).toEqual([0, 7]);
    expect(m.partnerName).toBe('Globex Data');
  });

  it('summarises attribution touches one per line with the date, as OverlapDtos does', () => {
    const opp = dto.opportunityPartners({
      opportunity: {
        sourceId: '006A',
        name: 'Deal',
        accountSourceId: '001A',
        amount: 10,
        currency: 'EUR',
      },
      attributions: [
        {
          partner: { id: 'p1', name: 'Globex Data' },
          type: 'sourced',
          weight: 1,
          amount: 10,
          currency: 'EUR',
          touches: [
            { type: 'co_sell_meeting', occurredAt: '2025-08-31T15:00:00.000Z' },
            { type: 'referral' },
          ],
        },
      ],
    });
    expect(opp.attributions[0]).toMatchObject({
      type: 'Sourced',
      touchCount: 2,
      touchesSummary: 'co sell meeting (2025-08-31)\nreferral',
    });
    expect(opp.currencyCode).toBe('EUR');
  });

  it('labels planning values like the org picklists and picks the partner row of the plan', () => {
    expect(dto.label('high_value')).toBe('High Value');
    expect(dto.label('')).toBeNull();
    const plan = dto.plan(
      {
        quarter: '2026-Q4',
        data: [
          { partner: { id: 'other' }, target: 1, planned: 1, gap: 0, attainment: 1 },
          { partner: { id: 'p1' }, target: 40, planned: null, gap: 38, attainment: 0.05 },
        ],
      },
      'p1',
    );
    expect(plan).toEqual({ quarter: '2026-Q4', target: 40, planned: 0, gap: 38, attainment: 0.05 });
    const s = dto.session({
      status: 'scheduled',
      trigger: 'high_value',
      prep: { prepLate: 'yes' },
    });
    expect(s).toMatchObject({ status: 'Scheduled', triggerName: 'High Value', prepLate: false });
  });
});

describe('preview mounting', () => {
  it('leaves the app untouched when the demo data is off, so real data never gets a preview', async () => {
    const ctx = await createTestContext('sqlite', { seedDemo: false });
    try {
      const app = express();
      expect(withPreview(ctx, app)).toBe(app);
      expect(withPreview({ ...ctx, config: { ...ctx.config, seedDemo: true } }, app)).not.toBe(app);
    } finally {
      await ctx.close();
    }
  });
});
