import { createElement } from '@lwc/engine-dom';
import OverlapModal from 'c/overlapModal';

function render(props) {
  const element = createElement('c-overlap-modal', { is: OverlapModal });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

const frame = (element) => element.shadowRoot.querySelector('section[role="dialog"]');

describe('c-overlap-modal', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('is a modal dialog named by its heading, over a backdrop', () => {
    const element = render({ heading: 'Log a touch with Acme Cloud' });
    const dialog = frame(element);
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const heading = dialog.querySelector(`[id="${dialog.getAttribute('aria-labelledby')}"]`);
    expect(heading.tagName).toBe('H2');
    expect(heading.textContent).toBe('Log a touch with Acme Cloud');
    expect(element.shadowRoot.querySelector('.slds-backdrop').getAttribute('role')).toBe(
      'presentation',
    );
  });

  it('has a body slot and a footer slot', () => {
    const element = render({ heading: 'x' });
    const body = element.shadowRoot.querySelector('.slds-modal__content slot');
    expect(body.getAttribute('name')).toBeNull();
    expect(element.shadowRoot.querySelector('.slds-modal__footer slot').getAttribute('name')).toBe(
      'footer',
    );
  });

  it('fires close on Escape and on no other key', () => {
    const element = render({ heading: 'x' });
    const onClose = jest.fn();
    element.addEventListener('close', onClose);
    frame(element).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(onClose).not.toHaveBeenCalled();
    frame(element).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
