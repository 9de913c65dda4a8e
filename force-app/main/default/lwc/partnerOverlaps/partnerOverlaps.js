import { LightningElement, api, wire } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getAccountOverlaps from '@salesforce/apex/OverlapController.getAccountOverlaps';
import requestIntro from '@salesforce/apex/OverlapController.requestIntro';
import { errorMessage } from 'c/ldsUtils';
import { WireStateMixin } from 'c/wireState';
import { introMessage as buildIntroMessage } from './introTemplate';

const MAX_MESSAGE = 4000;

export default class PartnerOverlaps extends WireStateMixin(LightningElement) {
  @api recordId;

  // intro modal state
  introOverlap;
  introMessage = '';
  introError;
  sending = false;

  maxMessage = MAX_MESSAGE;

  @wire(getAccountOverlaps, { accountId: '$recordId' })
  wiredOverlaps(result) {
    this.receiveWire(result);
  }

  get rows() {
    return this.data?.overlaps || [];
  }

  get hasRows() {
    return this.rows.length > 0;
  }

  get isEmpty() {
    return !!this.data && this.rows.length === 0;
  }

  get cardTitle() {
    return this.data ? `Partner overlaps (${this.rows.length})` : 'Partner overlaps';
  }

  get isModalOpen() {
    return !!this.introOverlap;
  }

  get modalTitle() {
    return this.introOverlap ? `Request an intro from ${this.introOverlap.partnerName}` : '';
  }

  get sendDisabled() {
    return (
      this.sending ||
      !this.introMessage ||
      !this.introMessage.trim() ||
      this.introMessage.length > MAX_MESSAGE
    );
  }

  handleRequestIntro(event) {
    const { overlapId } = event.detail;
    const overlap = this.rows.find((o) => o.id === overlapId);
    if (!overlap) {
      return;
    }
    this.introOverlap = overlap;
    this.introError = undefined;
    this.introMessage = buildIntroMessage({
      ownerName: overlap.ownerName,
      partnerName: overlap.partnerName,
      accountName: this.data?.recordName || overlap.accountName,
      population: (overlap.partnerPopulations || [])[0],
    });
  }

  handleMessageChange(event) {
    this.introMessage = event.detail.value;
  }

  handleCancel() {
    this.closeModal();
  }

  async handleSend() {
    if (this.sendDisabled) {
      return;
    }
    this.sending = true;
    this.introError = undefined;
    const partnerName = this.introOverlap.partnerName;
    try {
      await requestIntro({
        overlapId: this.introOverlap.id,
        message: this.introMessage.trim(),
      });
      this.closeModal();
      this.dispatchEvent(
        new ShowToastEvent({
          title: 'Intro requested',
          message: `${partnerName} has been asked for an intro.`,
          variant: 'success',
        }),
      );
    } catch (error) {
      this.introError = errorMessage(error);
    } finally {
      this.sending = false;
    }
  }

  closeModal() {
    this.introOverlap = undefined;
    this.introMessage = '';
    this.introError = undefined;
  }
}
