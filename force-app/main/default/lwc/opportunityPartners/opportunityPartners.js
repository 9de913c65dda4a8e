import { LightningElement, api, wire } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getOpportunityPartners from '@salesforce/apex/OverlapController.getOpportunityPartners';
import logTouch from '@salesforce/apex/OverlapController.logTouch';
import { errorMessage, percent } from 'c/ldsUtils';
import { WireStateMixin } from 'c/wireState';

const TOUCH_TYPES = [
  { label: 'Intro made', value: 'intro_made' },
  { label: 'Co-sell meeting', value: 'co_sell_meeting' },
  { label: 'Referral', value: 'referral' },
];

export default class OpportunityPartners extends WireStateMixin(LightningElement) {
  @api recordId;

  // log-touch modal state
  touchPartner;
  touchType = 'intro_made';
  touchNote = '';
  touchError;
  saving = false;

  touchTypeOptions = TOUCH_TYPES;

  @wire(getOpportunityPartners, { opportunityId: '$recordId' })
  wiredPartners(result) {
    this.receiveWire(result);
  }

  get attributions() {
    return (this.data?.attributions || []).map((a) => ({
      ...a,
      key: `${a.partnerId}-${a.type}`,
      weightLabel: percent(a.weight),
      isSourced: a.type === 'Sourced',
      touchLabel: a.touchCount === 1 ? '1 touch' : `${a.touchCount || 0} touches`,
    }));
  }

  get hasAttributions() {
    return this.attributions.length > 0;
  }

  get overlaps() {
    return this.data?.overlaps || [];
  }

  get hasOverlaps() {
    return this.overlaps.length > 0;
  }

  get noOverlaps() {
    return !!this.data && this.overlaps.length === 0;
  }

  get isModalOpen() {
    return !!this.touchPartner;
  }

  get modalTitle() {
    return this.touchPartner ? `Log a touch with ${this.touchPartner.partnerName}` : '';
  }

  get saveDisabled() {
    return this.saving || !this.touchType;
  }

  handleLogTouch(event) {
    const { partnerId } = event.detail;
    const overlap = this.overlaps.find((o) => o.partnerId === partnerId);
    if (!overlap) {
      return;
    }
    this.touchPartner = overlap;
    this.touchType = 'intro_made';
    this.touchNote = '';
    this.touchError = undefined;
  }

  handleTypeChange(event) {
    this.touchType = event.detail.value;
  }

  handleNoteChange(event) {
    this.touchNote = event.detail.value;
  }

  handleCancel() {
    this.closeModal();
  }

  async handleSave() {
    if (this.saveDisabled) {
      return;
    }
    this.saving = true;
    this.touchError = undefined;
    const partnerName = this.touchPartner.partnerName;
    const typeLabel = TOUCH_TYPES.find((t) => t.value === this.touchType)?.label;
    try {
      await logTouch({
        partnerId: this.touchPartner.partnerId,
        accountId: this.data.accountId || this.touchPartner.accountId,
        opportunityId: this.recordId,
        touchType: this.touchType,
        note: this.touchNote ? this.touchNote.trim() : null,
      });
      this.closeModal();
      this.dispatchEvent(
        new ShowToastEvent({
          title: 'Partner touch logged',
          message: `${typeLabel} with ${partnerName} counts toward attribution.`,
          variant: 'success',
        }),
      );
      await this.handleRefresh();
    } catch (error) {
      this.touchError = errorMessage(error);
    } finally {
      this.saving = false;
    }
  }

  closeModal() {
    this.touchPartner = undefined;
    this.touchNote = '';
    this.touchError = undefined;
  }
}
