import { LightningElement, wire } from 'lwc';
import getPartners from '@salesforce/apex/OverlapController.getPartners';
import getMatrix from '@salesforce/apex/OverlapController.getMatrix';
import getCellOverlaps from '@salesforce/apex/OverlapController.getCellOverlaps';
import { overlapRows } from 'c/overlapFormat';

export default class PartnerMatrix extends LightningElement {
  partners;
  partnersError;
  partnersStale = false;
  partnersNotice;

  selectedPartnerId;
  matrix;
  matrixError;

  selectedCell;
  cellOverlaps;
  cellError;
  cellLoading = false;

  @wire(getPartners)
  wiredPartners({ data, error }) {
    if (data) {
      this.partners = data.partners || [];
      this.partnersStale = !!data.stale;
      this.partnersNotice = data.notice;
      this.partnersError = undefined;
    } else if (error) {
      this.partnersError = error;
      this.partners = undefined;
    }
  }

  @wire(getMatrix, { partnerId: '$selectedPartnerId' })
  wiredMatrix({ data, error }) {
    if (data) {
      this.matrix = data;
      this.matrixError = undefined;
    } else if (error) {
      this.matrixError = error;
      this.matrix = undefined;
    }
  }

  get partnersLoading() {
    return !this.partners && !this.partnersError;
  }

  get partnerOptions() {
    return (this.partners || []).map((p) => ({
      label: p.status && p.status !== 'active' ? `${p.name} (${p.status})` : p.name,
      value: p.id,
    }));
  }

  get noPartners() {
    return !!this.partners && this.partners.length === 0;
  }

  get hasPartners() {
    return !!this.partners && this.partners.length > 0;
  }

  get matrixLoading() {
    return !!this.selectedPartnerId && !this.matrix && !this.matrixError;
  }

  get isStale() {
    return this.partnersStale || !!this.matrix?.stale;
  }

  get staleNotice() {
    return this.matrix?.notice || this.partnersNotice;
  }

  get columns() {
    return this.matrix?.partnerPopulations || [];
  }

  get hasMatrix() {
    return !!this.matrix && this.rows.length > 0 && this.columns.length > 0;
  }

  get emptyMatrix() {
    return !!this.matrix && !this.hasMatrix;
  }

  get matrixCaption() {
    const name = this.matrix?.partnerName || 'the partner';
    return `Account overlaps between your populations (rows) and ${name}'s populations (columns)`;
  }

  get rows() {
    if (!this.matrix) {
      return [];
    }
    const counts = new Map();
    (this.matrix.cells || []).forEach((c) => {
      counts.set(`${c.myPopulationId}\n${c.partnerPopulationId}`, c.count);
    });
    const partnerName = this.matrix.partnerName || 'partner';
    return (this.matrix.myPopulations || []).map((mine) => ({
      id: mine.id,
      name: mine.name,
      cells: this.columns.map((theirs) => {
        const key = `${mine.id}\n${theirs.id}`;
        const shared = counts.has(key);
        const count = shared ? counts.get(key) : null;
        const selected =
          this.selectedCell?.myPopulationId === mine.id &&
          this.selectedCell?.partnerPopulationId === theirs.id;
        return {
          key: `${mine.id}-${theirs.id}`,
          myPopulationId: mine.id,
          partnerPopulationId: theirs.id,
          shared,
          clickable: shared && count > 0,
          count,
          label: `${count} overlaps: your ${mine.name} × ${partnerName} ${theirs.name}`,
          buttonClass: selected
            ? 'slds-button slds-button_brand cell-button'
            : 'slds-button slds-button_neutral cell-button',
          pressed: selected ? 'true' : 'false',
        };
      }),
    }));
  }

  get cellTitle() {
    if (!this.selectedCell) {
      return '';
    }
    return `Your ${this.selectedCell.myName} × ${this.matrix?.partnerName || 'partner'} ${this.selectedCell.partnerName}`;
  }

  get cellRows() {
    return overlapRows(this.cellOverlaps?.overlaps).map((o) => ({
      ...o,
      accountUrl: o.accountId ? `/lightning/r/Account/${o.accountId}/view` : null,
    }));
  }

  get cellEmpty() {
    return !!this.cellOverlaps && this.cellRows.length === 0;
  }

  get hasCellRows() {
    return this.cellRows.length > 0;
  }

  handlePartnerChange(event) {
    const partnerId = event.detail.value;
    if (partnerId === this.selectedPartnerId) {
      return;
    }
    this.selectedPartnerId = partnerId;
    this.matrix = undefined;
    this.matrixError = undefined;
    this.clearCell();
  }

  async handleCellClick(event) {
    const { myId, partnerPopId } = event.currentTarget.dataset;
    const mine = (this.matrix.myPopulations || []).find((p) => p.id === myId);
    const theirs = this.columns.find((p) => p.id === partnerPopId);
    this.selectedCell = {
      myPopulationId: myId,
      partnerPopulationId: partnerPopId,
      myName: mine?.name,
      partnerName: theirs?.name,
    };
    this.cellOverlaps = undefined;
    this.cellError = undefined;
    this.cellLoading = true;
    try {
      this.cellOverlaps = await getCellOverlaps({
        partnerId: this.selectedPartnerId,
        myPopulation: myId,
        partnerPopulation: partnerPopId,
      });
    } catch (error) {
      this.cellError = error;
    } finally {
      this.cellLoading = false;
    }
  }

  clearCell() {
    this.selectedCell = undefined;
    this.cellOverlaps = undefined;
    this.cellError = undefined;
  }
}
