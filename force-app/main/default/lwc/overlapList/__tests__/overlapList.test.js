import { createElement } from '@lwc/engine-dom';
import OverlapList from 'c/overlapList';

const OVERLAPS = [
  {
    id: 'ov-1',
    partnerId: 'p-1',
    partnerName: 'Acme Cloud',
    partnerPopulations: ['Customers', 'Open Opportunities'],
    ownerName: 'Dana Lee',
    ownerEmail: 'dana@acme.example',
    method: 'Domain',
    confidence: 0.97,
    firstSeen: '2026-01-02T03:04:05.000Z',
  },
  {
    id: 'ov-2',
    partnerId: 'p-2',
    partnerName: 'Initech',
    partnerPopulations: [],
    ownerName: null,
    ownerEmail: null,
    method: 'Name',
    confidence: 0.88,
    firstSeen: '2026-02-01T00:00:00.000Z',
  },
];

function render() {
  const element = createElement('c-overlap-list', { is: OverlapList });
  element.overlaps = OVERLAPS;
  element.label = 'Partners that have this account';
  element.actionLabel = 'Request intro';
  element.actionHint = 'Request intro from';
  document.body.appendChild(element);
  return element;
}

describe('c-overlap-list', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('renders one row per overlap with partner, population, owner, match and first seen', () => {
    const rows = render().shadowRoot.querySelectorAll('tr.overlap-row');
    expect(rows.length).toBe(2);
    expect(rows[0].querySelector('.partner-name').textContent).toBe('Acme Cloud');
    expect(rows[0].querySelector('.population').textContent).toBe('Customers, Open Opportunities');
    expect(rows[0].querySelector('.owner-name').textContent).toBe('Dana Lee');
    expect(rows[0].querySelector('.owner a').getAttribute('href')).toBe('mailto:dana@acme.example');
    expect(rows[0].querySelector('.match').textContent).toContain('Domain');
    expect(rows[0].querySelector('.confidence').textContent).toContain('97%');
    expect(rows[0].querySelector('lightning-formatted-date-time').value).toBe(
      '2026-01-02T03:04:05.000Z',
    );
    expect(rows[1].querySelector('.population').textContent).toBe('—');
    expect(rows[1].querySelector('.owner').textContent).toBe('Not shared');
  });

  it('fires rowaction with the overlap and partner of the clicked row', () => {
    const element = render();
    const handler = jest.fn();
    element.addEventListener('rowaction', handler);
    element.shadowRoot.querySelectorAll('lightning-button.row-action')[1].click();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][0].detail).toEqual({ overlapId: 'ov-2', partnerId: 'p-2' });
  });

  it('labels the table, its headers and every action button', () => {
    const root = render().shadowRoot;
    const table = root.querySelector('table');
    expect(table.getAttribute('aria-label')).toBe('Partners that have this account');
    root.querySelectorAll('thead th').forEach((th) => expect(th.getAttribute('scope')).toBe('col'));
    root.querySelectorAll('tbody th').forEach((th) => expect(th.getAttribute('scope')).toBe('row'));
    const buttons = root.querySelectorAll('lightning-button.row-action');
    expect([...buttons].map((b) => [b.label, b.title])).toEqual([
      ['Request intro', 'Request intro from Acme Cloud'],
      ['Request intro', 'Request intro from Initech'],
    ]);
  });
});
