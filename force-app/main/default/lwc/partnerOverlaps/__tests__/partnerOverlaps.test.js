import { createElement } from '@lwc/engine-dom';
import PartnerOverlaps from 'c/partnerOverlaps';
import getAccountOverlaps from '@salesforce/apex/OverlapController.getAccountOverlaps';
import requestIntro from '@salesforce/apex/OverlapController.requestIntro';
import { refreshApex } from '@salesforce/apex';
import { introMessage, populationPhrase } from '../introTemplate';

const mockOverlaps = require('./data/getAccountOverlaps.json');
const mockEmpty = require('./data/getAccountOverlapsEmpty.json');
const mockStale = require('./data/getAccountOverlapsStale.json');

jest.mock(
  '@salesforce/apex/OverlapController.getAccountOverlaps',
  () => {
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true },
);

jest.mock('@salesforce/apex/OverlapController.requestIntro', () => ({ default: jest.fn() }), {
  virtual: true,
});

jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), {
  virtual: true,
});

const ACCOUNT_ID = '001000000000001AAA';

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
  const element = createElement('c-partner-overlaps', { is: PartnerOverlaps });
  element.recordId = ACCOUNT_ID;
  document.body.appendChild(element);
  return element;
}

async function openIntroModal(element, rowIndex = 0) {
  getAccountOverlaps.emit(mockOverlaps);
  await flushPromises();
  const buttons = list(element).querySelectorAll('lightning-button.row-action');
  buttons[rowIndex].click();
  await flushPromises();
  return modalOf(element);
}

describe('c-partner-overlaps', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows a spinner while loading and wires the account id', async () => {
    const element = render();
    await flushPromises();
    expect(state(element).querySelector('lightning-spinner')).not.toBeNull();
    expect(getAccountOverlaps.getLastConfig()).toEqual({ accountId: ACCOUNT_ID });
  });

  it('renders one row per partner with population, owner, match and first seen', async () => {
    const element = render();
    getAccountOverlaps.emit(mockOverlaps);
    await flushPromises();

    expect(state(element).querySelector('lightning-spinner')).toBeNull();
    const rows = list(element).querySelectorAll('tr.overlap-row');
    expect(rows.length).toBe(2);
    expect(rows[0].querySelector('.partner-name').textContent).toBe('Acme Cloud');
    expect(rows[0].querySelector('.population').textContent).toBe('Customers, Open Opportunities');
    expect(rows[0].querySelector('.owner').textContent).toContain('Dana Lee');
    expect(rows[0].querySelector('.owner a').getAttribute('href')).toBe('mailto:dana@acme.example');
    expect(rows[0].querySelector('.match').textContent).toContain('Domain');
    expect(rows[0].querySelector('.match').textContent).toContain('97%');
    expect(rows[0].querySelector('lightning-formatted-date-time').value).toBe(
      '2026-01-02T03:04:05.000Z',
    );
    // owner not shared by the partner
    expect(rows[1].querySelector('.owner').textContent).toContain('Not shared');
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('Partner overlaps (2)');
    expect(state(element).querySelector('.stale')).toBeNull();
  });

  it('renders the empty state', async () => {
    const element = render();
    getAccountOverlaps.emit(mockEmpty);
    await flushPromises();

    expect(element.shadowRoot.querySelector('.empty').textContent).toContain(
      'No partner has this account yet',
    );
    expect(element.shadowRoot.querySelector('c-overlap-list')).toBeNull();
  });

  it('renders the error from Apex in an alert', async () => {
    const element = render();
    getAccountOverlaps.error({ message: 'The Overlap API answered with HTTP 401.' });
    await flushPromises();

    const alert = state(element).querySelector('[role="alert"]');
    expect(alert).not.toBeNull();
    expect(alert.textContent).toContain('The Overlap API answered with HTTP 401.');
    expect(element.shadowRoot.querySelector('c-overlap-list')).toBeNull();
  });

  it('says when the data came from the synced records and may be stale', async () => {
    const element = render();
    getAccountOverlaps.emit(mockStale);
    await flushPromises();

    const notice = state(element).querySelector('.stale');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain('may be stale');
    expect(list(element).querySelectorAll('tr.overlap-row').length).toBe(1);
  });

  it('refreshes the wired data', async () => {
    const element = render();
    getAccountOverlaps.emit(mockOverlaps);
    await flushPromises();

    element.shadowRoot.querySelector('lightning-button-icon.refresh').click();
    await flushPromises();
    expect(refreshApex).toHaveBeenCalledTimes(1);
  });

  it('opens the intro modal with the templated message', async () => {
    const element = render();
    const dialog = await openIntroModal(element);

    expect(dialog).not.toBeNull();
    expect(frame(dialog).querySelector('h2').textContent).toContain(
      'Request an intro from Acme Cloud',
    );
    const textarea = dialog.querySelector('lightning-textarea');
    expect(textarea.value).toMatch(/^Hi Dana, I saw Globex is your customer\./);
  });

  it('sends the edited message through Apex with the overlap id', async () => {
    requestIntro.mockResolvedValue({ id: 'ir-1', status: 'requested' });
    const element = render();
    const toastHandler = jest.fn();
    element.addEventListener('lightning__showtoast', toastHandler);
    const dialog = await openIntroModal(element);

    const textarea = dialog.querySelector('lightning-textarea');
    textarea.value = 'Hi Dana, can you introduce me to their CTO?';
    textarea.dispatchEvent(new CustomEvent('change', { detail: { value: textarea.value } }));
    await flushPromises();
    dialog.querySelector('lightning-button.send').click();
    await flushPromises();

    expect(requestIntro).toHaveBeenCalledTimes(1);
    expect(requestIntro).toHaveBeenCalledWith({
      overlapId: 'ov-1',
      message: 'Hi Dana, can you introduce me to their CTO?',
    });
    expect(modalOf(element)).toBeNull();
    expect(toastHandler).toHaveBeenCalledTimes(1);
    expect(toastHandler.mock.calls[0][0].detail.variant).toBe('success');
  });

  it('greets the partner team when the owner is not shared', async () => {
    requestIntro.mockResolvedValue({ id: 'ir-2' });
    const element = render();
    const dialog = await openIntroModal(element, 1);

    expect(dialog.querySelector('lightning-textarea').value).toMatch(
      /^Hi Initech team, I saw Globex is your prospect\./,
    );
    dialog.querySelector('lightning-button.send').click();
    await flushPromises();
    expect(requestIntro.mock.calls[0][0].overlapId).toBe('ov-2');
  });

  it('keeps the modal open and shows the error when sending fails', async () => {
    requestIntro.mockRejectedValue({
      body: { message: 'An intro was already requested (HTTP 409)' },
    });
    const element = render();
    const dialog = await openIntroModal(element);

    dialog.querySelector('lightning-button.send').click();
    await flushPromises();

    const open = modalOf(element);
    expect(open).not.toBeNull();
    expect(open.querySelector('.intro-error').textContent).toContain(
      'An intro was already requested',
    );
    expect(open.querySelector('.intro-error').getAttribute('role')).toBe('alert');
  });

  it('disables sending an empty message and closes on cancel', async () => {
    const element = render();
    const dialog = await openIntroModal(element);

    const textarea = dialog.querySelector('lightning-textarea');
    textarea.dispatchEvent(new CustomEvent('change', { detail: { value: '   ' } }));
    await flushPromises();
    expect(dialog.querySelector('lightning-button.send').disabled).toBe(true);

    dialog.querySelector('lightning-button.cancel').click();
    await flushPromises();
    expect(modalOf(element)).toBeNull();
    expect(requestIntro).not.toHaveBeenCalled();
  });

  it('closes the modal on Escape', async () => {
    const element = render();
    const dialog = await openIntroModal(element);
    frame(dialog).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await flushPromises();
    expect(modalOf(element)).toBeNull();
  });

  describe('accessibility', () => {
    it('labels the table, headers, buttons and the dialog', async () => {
      const element = render();
      getAccountOverlaps.emit(mockOverlaps);
      await flushPromises();

      const table = list(element).querySelector('table');
      expect(table.getAttribute('aria-label')).toBe('Partners that have this account');
      const headers = table.querySelectorAll('thead th');
      headers.forEach((th) => expect(th.getAttribute('scope')).toBe('col'));
      expect(headers[headers.length - 1].textContent).toBe('Actions');
      table
        .querySelectorAll('tbody th')
        .forEach((th) => expect(th.getAttribute('scope')).toBe('row'));
      const refresh = element.shadowRoot.querySelector('lightning-button-icon.refresh');
      expect(refresh.alternativeText).toBe('Refresh partner overlaps');
      list(element)
        .querySelectorAll('lightning-button.row-action')
        .forEach((b, i) => {
          expect(b.label).toBe('Request intro');
          expect(b.title).toBe(`Request intro from ${mockOverlaps.overlaps[i].partnerName}`);
        });

      const dialog = await openIntroModal(element);
      expect(frame(dialog).getAttribute('aria-modal')).toBe('true');
      const labelledBy = frame(dialog).getAttribute('aria-labelledby');
      expect(labelledBy).toBeTruthy();
      expect(frame(dialog).querySelector(`[id="${labelledBy}"]`).textContent).toBe(
        'Request an intro from Acme Cloud',
      );
      expect(dialog.querySelector('lightning-textarea').label).toBe('Message');
    });

    it('the spinner has alternative text', async () => {
      const element = render();
      await flushPromises();
      expect(state(element).querySelector('lightning-spinner').alternativeText).toBe(
        'Loading partner overlaps',
      );
    });
  });
});

describe('introTemplate', () => {
  it('phrases the standard populations and custom ones', () => {
    expect(populationPhrase('Customers')).toBe('is your customer');
    expect(populationPhrase('Open Opportunities')).toBe('is an open opportunity for you');
    expect(populationPhrase('Leads')).toBe('is your lead');
    expect(populationPhrase('Strategic 50')).toBe('is in your Strategic 50 list');
    expect(populationPhrase(undefined)).toBe('is on your list');
  });

  it('follows "Hi {owner}, I saw {account} is your {population}"', () => {
    expect(
      introMessage({ ownerName: 'Dana Lee', accountName: 'Globex', population: 'Prospects' }),
    ).toMatch(/^Hi Dana, I saw Globex is your prospect\. /);
    expect(introMessage({})).toMatch(/^Hi there, I saw this account is on your list\./);
  });
});
