import { createElement } from '@lwc/engine-dom';
import OverlapState from 'c/overlapState';

function render(props) {
  const element = createElement('c-overlap-state', { is: OverlapState });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

describe('c-overlap-state', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows a labelled spinner only while loading', () => {
    const element = render({ loading: true, loadingText: 'Loading partners' });
    expect(element.shadowRoot.querySelector('lightning-spinner').alternativeText).toBe(
      'Loading partners',
    );
    expect(element.shadowRoot.querySelector('[role="alert"]')).toBeNull();
    expect(element.shadowRoot.querySelector('.stale')).toBeNull();
  });

  it('reads any Apex error into one alert sentence', () => {
    const element = render({
      error: { body: { message: 'The Overlap API answered with HTTP 401.' } },
      errorPrefix: 'Partners could not be loaded',
    });
    const alert = element.shadowRoot.querySelector('[role="alert"]');
    expect(alert.textContent).toBe(
      'Partners could not be loaded: The Overlap API answered with HTTP 401.',
    );
    expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
  });

  it('announces stale data as a status, only when it is stale', () => {
    const fresh = render({ stale: false, notice: 'ignored' });
    expect(fresh.shadowRoot.querySelector('.stale')).toBeNull();
    const stale = render({ stale: true, notice: 'Showing synced data; it may be stale.' });
    const notice = stale.shadowRoot.querySelector('.stale');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.querySelector('h2').textContent).toBe('Showing synced data; it may be stale.');
    expect(notice.querySelector('.slds-assistive-text').textContent).toBe('Warning');
  });
});
