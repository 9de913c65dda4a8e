import { createElement } from '@lwc/engine-dom';
import PartnerPlanning from 'c/partnerPlanning';
import getPlanning from '@salesforce/apex/OverlapController.getPlanning';
import { refreshApex } from '@salesforce/apex';

const mockPlanning = require('./data/getPlanning.json');
const mockEmpty = require('./data/getPlanningEmpty.json');
const mockStale = require('./data/getPlanningStale.json');

jest.mock(
  '@salesforce/apex/OverlapController.getPlanning',
  () => {
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true },
);

jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), {
  virtual: true,
});

const PARTNER_RECORD_ID = 'a0P000000000001AAA';

async function flushPromises() {
  // A macrotask lets wire emissions and re-renders settle.
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// the loading / error / stale panels live in a child component: query through its shadow root
const state = (element) => element.shadowRoot.querySelector('c-overlap-state').shadowRoot;

function render() {
  const element = createElement('c-partner-planning', { is: PartnerPlanning });
  element.recordId = PARTNER_RECORD_ID;
  document.body.appendChild(element);
  return element;
}

const text = (root, selector) => root.querySelector(selector)?.textContent.trim();

describe('c-partner-planning', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows a spinner while loading and wires the partner record id', async () => {
    const element = render();
    await flushPromises();
    expect(state(element).querySelector('lightning-spinner')).not.toBeNull();
    expect(getPlanning.getLastConfig()).toEqual({ partnerRecordId: PARTNER_RECORD_ID });
  });

  it('renders the next session, its agenda with motions and outcomes, and plan versus target', async () => {
    const element = render();
    getPlanning.emit(mockPlanning);
    await flushPromises();
    const root = element.shadowRoot;

    expect(root.querySelector('lightning-spinner')).toBeNull();
    expect(text(root, '.session-title')).toBe('Account planning — Acme Cloud — Globex, Initech');
    expect(root.querySelector('.session-time lightning-formatted-date-time').value).toBe(
      '2026-12-01T15:00:00.000Z',
    );
    expect(text(root, '.session-meta')).toBe('· Scheduled · 45 min · High Value');
    expect(text(root, '.prep-late')).toContain(
      'Prep is late: agenda loaded 1 business day before the session',
    );

    const rows = root.querySelectorAll('tr.agenda-row');
    expect(rows.length).toBe(2);
    expect(text(rows[0], '.account')).toBe('Globex');
    expect(text(rows[0], '.motion')).toBe('Ask');
    expect(rows[0].querySelector('.motion').className).toContain('slds-theme_warning');
    expect(text(rows[0], '.owner')).toBe('Dana Lee');
    expect(text(rows[0], '.outcome')).toBe('Intro Made');
    expect(text(rows[1], '.motion')).toBe('Give');
    expect(text(rows[1], '.outcome')).toBe('No outcome yet');
    expect(text(rows[1], '.owner')).toBe('—');

    expect(text(root, '.plan-heading')).toBe('Plan versus target, 2026-Q4');
    expect(text(root, '.target')).toBe('25');
    expect(text(root, '.planned')).toBe('12');
    expect(text(root, '.gap')).toBe('13');
    expect(text(root, '.attainment')).toBe('48%');
    expect(root.querySelector('lightning-progress-bar').value).toBe(48);
    expect(root.querySelector('.stale')).toBeNull();
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });

  it('renders the empty states: no session ahead and no target', async () => {
    const element = render();
    getPlanning.emit(mockEmpty);
    await flushPromises();
    const root = element.shadowRoot;

    expect(text(root, '.no-session')).toContain('No planning session ahead');
    expect(root.querySelector('table')).toBeNull();
    expect(root.querySelector('.prep-late')).toBeNull();
    expect(text(root, '.no-target')).toContain('no target is set');
    expect(text(root, '.no-target .planned')).toBe('0');
    expect(root.querySelector('lightning-progress-bar')).toBeNull();
  });

  it('renders the error from Apex in an alert', async () => {
    const element = render();
    getPlanning.error({ message: 'The Overlap API answered with HTTP 401.' });
    await flushPromises();

    const alert = state(element).querySelector('[role="alert"]');
    expect(alert.textContent).toContain('Partner planning could not be loaded');
    expect(alert.textContent).toContain('The Overlap API answered with HTTP 401.');
    expect(element.shadowRoot.querySelector('.next-session')).toBeNull();
    expect(state(element).querySelector('lightning-spinner')).toBeNull();
  });

  it('says when the planning came from synced records, and shows an empty agenda', async () => {
    const element = render();
    getPlanning.emit(mockStale);
    await flushPromises();
    const root = element.shadowRoot;

    const notice = state(element).querySelector('.stale');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain('may be stale');
    expect(text(root, '.empty-agenda')).toBe('The agenda is still empty.');
    expect(root.querySelector('.prep-late')).toBeNull();
    expect(text(root, '.attainment')).toBe('40%');
  });

  it('refreshes the wired data', async () => {
    const element = render();
    getPlanning.emit(mockPlanning);
    await flushPromises();

    element.shadowRoot.querySelector('lightning-button-icon.refresh').click();
    await flushPromises();
    expect(refreshApex).toHaveBeenCalledTimes(1);
  });

  it('is accessible: labelled sections and table, named refresh button, row headers', async () => {
    const element = render();
    getPlanning.emit(mockPlanning);
    await flushPromises();
    const root = element.shadowRoot;

    for (const section of root.querySelectorAll('section')) {
      const id = section.getAttribute('aria-labelledby');
      expect(root.querySelector(`[id="${id}"]`)).not.toBeNull();
    }
    expect(root.querySelector('table').getAttribute('aria-label')).toBe(
      'Agenda of the next planning session',
    );
    expect(root.querySelectorAll('th[scope="col"]').length).toBe(4);
    expect(root.querySelectorAll('th[scope="row"]').length).toBe(2);
    expect(root.querySelector('lightning-button-icon.refresh').alternativeText).toBe(
      'Refresh partner planning',
    );
    expect(root.querySelector('lightning-progress-bar').getAttribute('aria-label')).toBe(
      '12 of 25 accounts planned',
    );
    expect(root.querySelector('.prep-late').getAttribute('role')).toBe('status');
  });
});
