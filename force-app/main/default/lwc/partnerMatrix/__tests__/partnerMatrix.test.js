import { createElement } from '@lwc/engine-dom';
import PartnerMatrix from 'c/partnerMatrix';
import getPartners from '@salesforce/apex/OverlapController.getPartners';
import getMatrix from '@salesforce/apex/OverlapController.getMatrix';
import getCellOverlaps from '@salesforce/apex/OverlapController.getCellOverlaps';

const mockPartners = require('./data/getPartners.json');
const mockMatrix = require('./data/getMatrix.json');
const mockCell = require('./data/getCellOverlaps.json');

jest.mock(
  '@salesforce/apex/OverlapController.getPartners',
  () => {
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true },
);

jest.mock(
  '@salesforce/apex/OverlapController.getMatrix',
  () => {
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true },
);

jest.mock('@salesforce/apex/OverlapController.getCellOverlaps', () => ({ default: jest.fn() }), {
  virtual: true,
});

async function flushPromises() {
  // A macrotask lets wire emissions, imperative Apex promises and re-renders settle.
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// the loading / error / stale panels live in c-overlap-state children, one per read (partners,
// matrix, cell): query through the shadow root of the one named
const state = (element, read) =>
  element.shadowRoot.querySelector(`c-overlap-state.${read}-state`).shadowRoot;

function render() {
  const element = createElement('c-partner-matrix', { is: PartnerMatrix });
  document.body.appendChild(element);
  return element;
}

async function pickPartner(element, partnerId = 'p-1') {
  getPartners.emit(mockPartners);
  await flushPromises();
  const picker = element.shadowRoot.querySelector('lightning-combobox');
  picker.dispatchEvent(new CustomEvent('change', { detail: { value: partnerId } }));
  await flushPromises();
}

async function showMatrix(element) {
  await pickPartner(element);
  getMatrix.emit(mockMatrix);
  await flushPromises();
}

describe('c-partner-matrix', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('lists the partners in the picker', async () => {
    const element = render();
    getPartners.emit(mockPartners);
    await flushPromises();

    const picker = element.shadowRoot.querySelector('lightning-combobox');
    expect(picker.options).toEqual([
      { label: 'Acme Cloud', value: 'p-1' },
      { label: 'Initech (invited)', value: 'p-2' },
    ]);
    expect(element.shadowRoot.querySelector('table')).toBeNull();
  });

  it('asks for the matrix of the chosen partner and shows a spinner meanwhile', async () => {
    const element = render();
    await pickPartner(element);
    expect(getMatrix.getLastConfig()).toEqual({ partnerId: 'p-1' });
    expect(state(element, 'matrix').querySelector('lightning-spinner').alternativeText).toBe(
      'Loading matrix',
    );
    expect(state(element, 'partners').querySelector('lightning-spinner')).toBeNull();
  });

  it('renders the matrix with counts, zeros and not-shared cells', async () => {
    const element = render();
    await showMatrix(element);

    const headers = [...element.shadowRoot.querySelectorAll('th.column-header')].map((th) =>
      th.textContent.trim(),
    );
    expect(headers).toEqual(['Customers', 'Prospects']);
    const rows = element.shadowRoot.querySelectorAll('tr.matrix-row');
    expect(rows.length).toBe(2);
    expect(rows[0].querySelector('th').textContent.trim()).toBe('Customers');
    const firstRow = rows[0].querySelectorAll('td');
    expect(firstRow[0].querySelector('button').textContent.trim()).toBe('12');
    expect(firstRow[1].querySelector('.zero').textContent).toBe('0');
    const secondRow = rows[1].querySelectorAll('td');
    expect(secondRow[0].querySelector('button').textContent.trim()).toBe('4');
    expect(secondRow[1].querySelector('.not-shared')).not.toBeNull();
    expect(secondRow[1].querySelector('button')).toBeNull();
  });

  it('lists the overlaps of a clicked cell', async () => {
    getCellOverlaps.mockResolvedValue(mockCell);
    const element = render();
    await showMatrix(element);

    element.shadowRoot.querySelector('tr.matrix-row td button').click();
    await flushPromises();

    expect(getCellOverlaps).toHaveBeenCalledWith({
      partnerId: 'p-1',
      myPopulation: 'm-cust',
      partnerPopulation: 'q-cust',
    });
    expect(element.shadowRoot.querySelector('.cell-title').textContent).toBe(
      'Your Customers × Acme Cloud Customers',
    );
    const rows = element.shadowRoot.querySelectorAll('tr.cell-row');
    expect(rows.length).toBe(1);
    expect(rows[0].querySelector('.account-name a').getAttribute('href')).toBe(
      '/lightning/r/Account/001000000000001AAA/view',
    );
    expect(rows[0].querySelector('.owner').textContent).toBe('Dana Lee');
    const pressed = element.shadowRoot.querySelector('button[aria-pressed="true"]');
    expect(pressed.textContent.trim()).toBe('12');
  });

  it('shows an error when the cell overlaps fail to load', async () => {
    getCellOverlaps.mockRejectedValue({ body: { message: 'Bad filter (HTTP 422)' } });
    const element = render();
    await showMatrix(element);

    element.shadowRoot.querySelector('tr.matrix-row td button').click();
    await flushPromises();

    const error = state(element, 'cell').querySelector('[role="alert"]');
    expect(error.textContent).toBe('Overlaps could not be loaded: Bad filter (HTTP 422)');
    expect(state(element, 'cell').querySelector('lightning-spinner')).toBeNull();
  });

  it('clears the cell when another partner is picked', async () => {
    getCellOverlaps.mockResolvedValue(mockCell);
    const element = render();
    await showMatrix(element);
    element.shadowRoot.querySelector('tr.matrix-row td button').click();
    await flushPromises();

    element.shadowRoot
      .querySelector('lightning-combobox')
      .dispatchEvent(new CustomEvent('change', { detail: { value: 'p-2' } }));
    await flushPromises();

    expect(element.shadowRoot.querySelector('.cell-detail')).toBeNull();
    expect(element.shadowRoot.querySelector('table.matrix')).toBeNull();
    expect(getMatrix.getLastConfig()).toEqual({ partnerId: 'p-2' });
  });

  it('renders the empty states', async () => {
    const element = render();
    getPartners.emit({ stale: false, partners: [] });
    await flushPromises();
    expect(element.shadowRoot.querySelector('.no-partners')).not.toBeNull();
    expect(element.shadowRoot.querySelector('lightning-combobox')).toBeNull();
  });

  it('renders an empty matrix message when nothing is shared', async () => {
    const element = render();
    await pickPartner(element);
    getMatrix.emit({ ...mockMatrix, cells: [], partnerPopulations: [] });
    await flushPromises();
    expect(element.shadowRoot.querySelector('.empty-matrix')).not.toBeNull();
  });

  it('renders errors from both wires', async () => {
    const element = render();
    getPartners.error({ message: 'Check the API key (HTTP 401)' });
    await flushPromises();
    expect(state(element, 'partners').querySelector('[role="alert"]').textContent).toBe(
      'Partners could not be loaded: Check the API key (HTTP 401)',
    );

    const second = render();
    await pickPartner(second);
    getMatrix.error({ message: 'Unknown partner (HTTP 404)' });
    await flushPromises();
    const alert = state(second, 'matrix').querySelector('[role="alert"]');
    expect(alert.textContent).toBe('The matrix could not be loaded: Unknown partner (HTTP 404)');
    expect(state(second, 'partners').querySelector('[role="alert"]')).toBeNull();
  });

  it('says when the matrix comes from synced records', async () => {
    const element = render();
    await pickPartner(element);
    getMatrix.emit({ ...mockMatrix, stale: true, notice: 'Data may be stale.' });
    await flushPromises();
    const notice = state(element, 'partners').querySelector('.stale');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain('Data may be stale.');
  });

  describe('accessibility', () => {
    it('labels the picker, the matrix headers and every cell button', async () => {
      const element = render();
      await showMatrix(element);

      expect(element.shadowRoot.querySelector('lightning-combobox').label).toBe('Partner');
      const table = element.shadowRoot.querySelector('table.matrix');
      expect(table.querySelector('caption').textContent).toContain("Acme Cloud's populations");
      table
        .querySelectorAll('thead th')
        .forEach((th) => expect(th.getAttribute('scope')).toBe('col'));
      table
        .querySelectorAll('tbody th')
        .forEach((th) => expect(th.getAttribute('scope')).toBe('row'));
      const buttons = table.querySelectorAll('button');
      expect(buttons.length).toBe(2);
      expect(buttons[0].getAttribute('aria-label')).toBe(
        '12 overlaps: your Customers × Acme Cloud Customers',
      );
      buttons.forEach((b) => expect(b.getAttribute('aria-pressed')).toBe('false'));
      expect(table.querySelector('.not-shared .slds-assistive-text').textContent).toBe(
        'Not shared',
      );
    });
  });
});
