import { LightningElement, api } from 'lwc';
import { overlapRows } from 'c/overlapFormat';

/**
 * A table of overlaps (partner, populations, partner owner, match, first seen) with one action
 * button per row. The parent decides what the action does: the button fires `rowaction` with the
 * row's `overlapId` and `partnerId`.
 */
export default class OverlapList extends LightningElement {
  /** `OverlapDtos.OverlapItem` rows from Apex. */
  @api overlaps;
  /** The table's accessible name. */
  @api label;
  /** The button text, e.g. "Request intro". */
  @api actionLabel;
  /** The button title before the partner's name, e.g. "Request intro from". */
  @api actionHint;

  get rows() {
    return overlapRows(this.overlaps).map((r) => ({
      ...r,
      actionTitle: `${this.actionHint || this.actionLabel} ${r.partnerName}`,
    }));
  }

  handleAction(event) {
    const { overlapId, partnerId } = event.currentTarget.dataset;
    this.dispatchEvent(new CustomEvent('rowaction', { detail: { overlapId, partnerId } }));
  }
}
