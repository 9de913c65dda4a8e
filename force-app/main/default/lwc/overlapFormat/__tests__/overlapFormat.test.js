import { overlapRow, overlapRows } from 'c/overlapFormat';

describe('c/overlapFormat', () => {
  it('labels an overlap whose partner shares the owner', () => {
    const row = overlapRow({
      id: 'ov-1',
      partnerName: 'Acme Cloud',
      partnerPopulations: ['Customers', 'Open Opportunities'],
      ownerName: 'Dana Lee',
      ownerEmail: 'dana@acme.example',
      method: 'Domain',
      confidence: 0.973,
    });
    expect(row).toMatchObject({
      id: 'ov-1',
      partnerName: 'Acme Cloud',
      populations: 'Customers, Open Opportunities',
      hasOwner: true,
      owner: 'Dana Lee',
      ownerMailto: 'mailto:dana@acme.example',
      methodLabel: 'Domain',
      confidenceLabel: '97%',
    });
  });

  it('says what is not shared instead of leaving blanks', () => {
    const row = overlapRow({ id: 'ov-2', partnerPopulations: [], confidence: null });
    expect(row).toMatchObject({
      populations: '—',
      hasOwner: false,
      owner: 'Not shared',
      ownerMailto: null,
      methodLabel: '—',
      confidenceLabel: '',
    });
    expect(overlapRow({ ownerEmail: 'x@y.example' }).owner).toBe('x@y.example');
  });

  it('maps lists and treats a missing list as empty', () => {
    expect(overlapRows([{ id: 'a' }, { id: 'b' }]).map((r) => r.id)).toEqual(['a', 'b']);
    expect(overlapRows(undefined)).toEqual([]);
  });
});
