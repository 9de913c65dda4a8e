/* global document, fetch, setTimeout */
// The preview page's entry: synthetic shadow first (lightning-base-components needs it), then the
// real components from force-app, mounted with the record ids the server picked from the demo.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import OpportunityPartners from 'c/opportunityPartners';
import PartnerMatrix from 'c/partnerMatrix';
import PartnerOverlaps from 'c/partnerOverlaps';
import PartnerPlanning from 'c/partnerPlanning';

function mount(regionId, tag, Component, props) {
  const element = createElement(tag, { is: Component });
  Object.assign(element, props);
  document.getElementById(regionId).appendChild(element);
}

function showToast(event) {
  const { title, message, variant } = event.detail || {};
  const toast = document.createElement('div');
  toast.className = `preview-toast ${variant || ''}`;
  toast.textContent = [title, message].filter(Boolean).join(': ');
  document.getElementById('preview-toasts').appendChild(toast);
  setTimeout(() => toast.remove(), 6000);
}

async function start() {
  const status = document.getElementById('preview-status');
  const res = await fetch('/preview/config.json');
  const config = await res.json();
  if (!res.ok) {
    status.textContent = `The preview could not read the demo data: ${config.message}`;
    return;
  }
  document.addEventListener('lightning__showtoast', showToast);
  document.getElementById('account-record').textContent = config.accountId || '';
  document.getElementById('opportunity-record').textContent = config.opportunityId || '';
  mount('account', 'c-partner-overlaps', PartnerOverlaps, { recordId: config.accountId });
  mount('opportunity', 'c-opportunity-partners', OpportunityPartners, {
    recordId: config.opportunityId,
  });
  // in an org the planning component sits on a Partner__c page; here the record is the partner
  mount('planning', 'c-partner-planning', PartnerPlanning, { recordId: config.partnerId });
  mount('matrix', 'c-partner-matrix', PartnerMatrix, {});
  status.textContent = 'Components loaded from the running API.';
}

start().catch((err) => {
  document.getElementById('preview-status').textContent = `The preview failed: ${err.message}`;
});
