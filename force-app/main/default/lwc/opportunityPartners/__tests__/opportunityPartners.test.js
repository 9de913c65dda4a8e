import { createElement } from '@lwc/engine-dom';
import OpportunityPartners from 'c/opportunityPartners';
import getOpportunityPartners from '@salesforce/apex/OverlapController.getOpportunityPartners';
import logTouch from '@salesforce/apex/OverlapController.logTouch';
import { refreshApex } from '@salesforce/apex';

const mockPartners = require('./data/getOpportunityPartners.json');
const mockEmpty = require('./data/getOpportunityPartnersEmpty.json');

jest.mock(
  '@salesforce/apex/OverlapController.getOpportunityPartners',
  () => {
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true },
);

jest.mock('@salesforce/apex/OverlapController.logTouch', () => ({ default: jest.fn() }), {
  virtual: true,
});

jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), {
  virtual: true,
});

const OPPORTUNITY_ID = '006000000000001AAA';

async function flushPromises() {
  // A macrotask lets wire emissions, imperative Apex promises and re-renders settle.
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// the panels and the overlap table live in child components: query through their shadow roots
const state = (element) => element.shadowRoot.querySelector('c-overlap-state').shadowRoot;
const list = (element) => element.shadowRoot.querySelector('c-overlap-list').shadowRoot;
// the dialog frame (heading, aria, Escape) lives in c-overlap-modal's shadow root; the fields and
// buttons are this component's, slotted into it, so they are queried on the c-overlap-modal itself
const modalOf = (element) => element.shadowRoot.querySelector('c-overlap-modal');
const frame = (modal) => modal.shadowRoot.querySelector('section[role="dialog"]');

function render() {
  const element = createElement('c-opportunity-partners', { is: OpportunityPartners });
  element.recordId = OPPORTUNITY_ID;
  document.body.appendChild(element);
  return element;
}

async function openTouchModal(element, rowIndex = 0) {
  getOpportunityPartners.emit(mockPartners);
  await flushPromises();
  list(element).querySelectorAll('lightning-button.row-action')[rowIndex].click();
  await flushPromises();
  return modalOf(element);
}

describe('c-opportunity-partners', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows a spinner while loading and wires the opportunity id', async () => {
    const element = render();
    await flushPromises();
    expect(state(element).querySelector('lightning-spinner')).not.toBeNull();
    expect(getOpportunityPartners.getLastConfig()).toEqual({
      opportunityId: OPPORTUNITY_ID,
    });
  });

  it('renders the attribution and the overlapping partners', async () => {
    const element = render();
    getOpportunityPartners.emit(mockPartners);
    await flushPromises();

    const attributions = element.shadowRoot.querySelectorAll('li.attribution');
    expect(attributions.length).toBe(1);
    expect(attributions[0].querySelector('.partner-name').textContent).toBe('Acme Cloud');
    expect(attributions[0].querySelector('lightning-badge').label).toBe('Sourced');
    const amount = attributions[0].querySelector('lightning-formatted-number');
    expect(amount.value).toBe(100000);
    expect(amount.currencyCode).toBe('USD');
    expect(attributions[0].querySelector('.weight').textContent).toContain('100%');
    expect(attributions[0].querySelector('.touches').textContent).toContain('2 touches');

    const rows = list(element).querySelectorAll('tr.overlap-row');
    expect(rows.length).toBe(2);
    expect(rows[0].querySelector('.owner-name').textContent).toBe('Dana Lee');
    expect(rows[0].querySelector('.owner a').getAttribute('href')).toBe('mailto:dana@acme.example');
    expect(rows[1].querySelector('.owner').textContent).toBe('Not shared');
    expect(rows[1].querySelector('.confidence').textContent).toContain('88%');
  });

  it('renders the empty states and the stale notice', async () => {
    const element = render();
    getOpportunityPartners.emit(mockEmpty);
    await flushPromises();

    expect(element.shadowRoot.querySelector('.no-attribution')).not.toBeNull();
    expect(element.shadowRoot.querySelector('.empty').textContent).toContain(
      "No partner has this opportunity's account",
    );
    expect(state(element).querySelector('.stale').textContent).toContain('may be stale');
    expect(element.shadowRoot.querySelector('c-overlap-list')).toBeNull();
  });

  it('renders the error in an alert', async () => {
    const element = render();
    getOpportunityPartners.error({ message: 'Forbidden (HTTP 403)' });
    await flushPromises();

    const alert = state(element).querySelector('[role="alert"]');
    expect(alert.textContent).toContain('Forbidden (HTTP 403)');
    expect(element.shadowRoot.querySelector('li.attribution')).toBeNull();
  });

  it('offers the three touch types', async () => {
    const element = render();
    const dialog = await openTouchModal(element);
    const group = dialog.querySelector('lightning-radio-group');
    expect(group.options.map((o) => o.value)).toEqual([
      'intro_made',
      'co_sell_meeting',
      'referral',
    ]);
    expect(group.value).toBe('intro_made');
    expect(frame(dialog).querySelector('h2').textContent).toBe('Log a touch with Acme Cloud');
  });

  it('logs a touch through Apex with the right parameters and refreshes', async () => {
    logTouch.mockResolvedValue({ id: 't-1', type: 'co_sell_meeting' });
    const element = render();
    const toastHandler = jest.fn();
    element.addEventListener('lightning__showtoast', toastHandler);
    const dialog = await openTouchModal(element, 1);

    dialog
      .querySelector('lightning-radio-group')
      .dispatchEvent(new CustomEvent('change', { detail: { value: 'co_sell_meeting' } }));
    dialog
      .querySelector('lightning-textarea')
      .dispatchEvent(new CustomEvent('change', { detail: { value: ' QBR prep ' } }));
    await flushPromises();
    dialog.querySelector('lightning-button.save').click();
    await flushPromises();

    expect(logTouch).toHaveBeenCalledWith({
      partnerId: 'p-2',
      accountId: '001000000000001AAA',
      opportunityId: OPPORTUNITY_ID,
      touchType: 'co_sell_meeting',
      note: 'QBR prep',
    });
    expect(modalOf(element)).toBeNull();
    expect(toastHandler.mock.calls[0][0].detail.message).toBe(
      'Co-sell meeting with Initech counts toward attribution.',
    );
    expect(refreshApex).toHaveBeenCalled();
  });

  it('keeps the modal open with the error when logging fails', async () => {
    logTouch.mockRejectedValue({ body: { message: 'Unknown partner (HTTP 400)' } });
    const element = render();
    const dialog = await openTouchModal(element);

    dialog.querySelector('lightning-button.save').click();
    await flushPromises();

    const error = element.shadowRoot.querySelector('.touch-error');
    expect(error.textContent).toContain('Unknown partner (HTTP 400)');
    expect(error.getAttribute('role')).toBe('alert');
    expect(logTouch.mock.calls[0][0].note).toBeNull();
  });

  it('closes on cancel without calling Apex', async () => {
    const element = render();
    const dialog = await openTouchModal(element);
    dialog.querySelector('lightning-button.cancel').click();
    await flushPromises();
    expect(modalOf(element)).toBeNull();
    expect(logTouch).not.toHaveBeenCalled();
  });

  it('closes on Escape without calling Apex', async () => {
    const element = render();
    const dialog = await openTouchModal(element);
    frame(dialog).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await flushPromises();
    expect(modalOf(element)).toBeNull();
    expect(logTouch).not.toHaveBeenCalled();
  });

  it('refresh button refreshes the wire', async () => {
    const element = render();
    getOpportunityPartners.emit(mockPartners);
    await flushPromises();
    element.shadowRoot.querySelector('lightning-button-icon.refresh').click();
    expect(refreshApex).toHaveBeenCalledTimes(1);
  });

  describe('accessibility', () => {
    it('labels the table, list, actions and dialog', async () => {
      const element = render();
      getOpportunityPartners.emit(mockPartners);
      await flushPromises();

      const table = list(element).querySelector('table');
      expect(table.getAttribute('aria-label')).toBe("Partners with this opportunity's account");
      table
        .querySelectorAll('thead th')
        .forEach((th) => expect(th.getAttribute('scope')).toBe('col'));
      const attributionList = element.shadowRoot.querySelector('ul.attributions');
      const heading = attributionList.getAttribute('aria-labelledby');
      expect(element.shadowRoot.querySelector(`[id="${heading}"]`).textContent).toContain(
        'Attribution',
      );
      list(element)
        .querySelectorAll('lightning-button.row-action')
        .forEach((b, i) => {
          expect(b.title).toBe(`Log a touch with ${mockPartners.overlaps[i].partnerName}`);
        });
      expect(
        element.shadowRoot.querySelector('lightning-button-icon.refresh').alternativeText,
      ).toBe('Refresh partners');

      list(element).querySelector('lightning-button.row-action').click();
      await flushPromises();
      const dialog = modalOf(element);
      expect(frame(dialog).getAttribute('aria-modal')).toBe('true');
      expect(
        frame(dialog).querySelector(`[id="${frame(dialog).getAttribute('aria-labelledby')}"]`)
          .textContent,
      ).toBe('Log a touch with Acme Cloud');
      expect(dialog.querySelector('lightning-radio-group').label).toBe('What happened?');
      expect(dialog.querySelector('lightning-textarea').label).toBe('Note');
    });
  });
});
