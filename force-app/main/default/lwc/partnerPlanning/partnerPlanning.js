import { LightningElement, api, wire } from 'lwc';
import getPlanning from '@salesforce/apex/OverlapController.getPlanning';
import { percent } from 'c/ldsUtils';
import { WireStateMixin } from 'c/wireState';

const MOTION_CLASSES = {
  Give: 'slds-badge slds-theme_success motion',
  Ask: 'slds-badge slds-theme_warning motion',
  Joint: 'slds-badge slds-badge_inverse motion',
};

export default class PartnerPlanning extends WireStateMixin(LightningElement) {
  @api recordId;

  @wire(getPlanning, { partnerRecordId: '$recordId' })
  wiredPlanning(result) {
    this.receiveWire(result);
  }

  get session() {
    return this.data?.nextSession || null;
  }

  get hasSession() {
    return !!this.session;
  }

  get noSession() {
    return !!this.data && !this.session;
  }

  get sessionTitle() {
    return this.session?.title || 'Planning session';
  }

  get sessionMeta() {
    const s = this.session;
    if (!s) {
      return '';
    }
    const parts = [s.status, s.durationMinutes ? `${s.durationMinutes} min` : null, s.triggerName];
    return parts.filter(Boolean).join(' · ');
  }

  get prepLate() {
    return !!this.session?.prepLate;
  }

  get prepText() {
    const reason = this.session?.prepReason;
    return reason ? `Prep is late: ${reason}` : 'Prep is late: the agenda was not loaded in time.';
  }

  get agenda() {
    return (this.session?.agenda || []).map((item) => ({
      ...item,
      accountLabel: item.accountName || item.accountId || '—',
      motionClass: MOTION_CLASSES[item.motion] || 'slds-badge motion',
      motionLabel: item.motion || '—',
      outcomeLabel: item.outcome || 'No outcome yet',
      outcomeClass: item.outcome ? 'outcome' : 'outcome slds-text-color_weak',
      ownerLabel: item.owner || '—',
    }));
  }

  get hasAgenda() {
    return this.agenda.length > 0;
  }

  get emptyAgenda() {
    return this.hasSession && this.agenda.length === 0;
  }

  get plan() {
    return this.data?.plan || {};
  }

  get hasTarget() {
    return this.plan.target !== null && this.plan.target !== undefined;
  }

  get planHeading() {
    return this.plan.quarter ? `Plan versus target, ${this.plan.quarter}` : 'Plan versus target';
  }

  get plannedLabel() {
    return String(this.plan.planned ?? 0);
  }

  get attainmentLabel() {
    return percent(this.plan.attainment) || '—';
  }

  get attainmentValue() {
    // lightning-progress-bar takes 0..100 and caps at 100
    return Math.min(100, Math.round(Number(this.plan.attainment || 0) * 100));
  }

  get progressLabel() {
    return `${this.plannedLabel} of ${this.plan.target} accounts planned`;
  }
}
