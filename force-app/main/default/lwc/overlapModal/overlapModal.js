import { LightningElement, api } from 'lwc';

/**
 * The frame of an Overlap dialog: an SLDS modal labelled by its heading, the parent's fields in the
 * default slot and its buttons in the `footer` slot, over a backdrop. The parent renders it only
 * while the dialog is open and owns what happens; Escape fires `close`, which the parent answers
 * the same way as its Cancel button.
 */
export default class OverlapModal extends LightningElement {
  /** The dialog's title and accessible name, e.g. "Request an intro from Acme Cloud". */
  @api heading;

  handleKeydown(event) {
    if (event.key === 'Escape') {
      this.dispatchEvent(new CustomEvent('close'));
    }
  }
}
