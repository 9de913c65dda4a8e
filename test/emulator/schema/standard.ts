/**
 * Standard objects the emulator defines itself (force-app only adds custom fields to them):
 * the subset of Account, Opportunity and User that Overlap reads. Field types follow the
 * Object Reference ("Account", "Opportunity", "User" pages of the SOAP/REST object reference).
 */
import { addField, type ObjectDef } from './types';

const READ_ONLY = { createable: false, updateable: false } as const;

export function newObject(
  name: string,
  keyPrefix: string,
  label: string,
  custom: boolean,
): ObjectDef {
  return { name, label, labelPlural: `${label}s`, keyPrefix, custom, fields: new Map() };
}

/** Fields every sObject has: Id, audit fields, IsDeleted, SystemModstamp. */
export function addSystemFields(obj: ObjectDef): void {
  addField(obj, {
    name: 'Id',
    type: 'id',
    label: `${obj.label} ID`,
    nillable: false,
    ...READ_ONLY,
    length: 18,
  });
  addField(obj, {
    name: 'IsDeleted',
    type: 'boolean',
    label: 'Deleted',
    nillable: false,
    ...READ_ONLY,
  });
  addField(obj, {
    name: 'CreatedDate',
    type: 'datetime',
    label: 'Created Date',
    nillable: false,
    ...READ_ONLY,
  });
  addField(obj, {
    name: 'CreatedById',
    type: 'reference',
    referenceTo: ['User'],
    relationshipName: 'CreatedBy',
    nillable: false,
    ...READ_ONLY,
  });
  addField(obj, { name: 'LastModifiedDate', type: 'datetime', nillable: false, ...READ_ONLY });
  addField(obj, {
    name: 'LastModifiedById',
    type: 'reference',
    referenceTo: ['User'],
    relationshipName: 'LastModifiedBy',
    nillable: false,
    ...READ_ONLY,
  });
  addField(obj, { name: 'SystemModstamp', type: 'datetime', nillable: false, ...READ_ONLY });
}

export function addOwner(obj: ObjectDef): void {
  addField(obj, {
    name: 'OwnerId',
    type: 'reference',
    referenceTo: ['User'],
    relationshipName: 'Owner',
    nillable: false,
  });
}

function user(): ObjectDef {
  const o = newObject('User', '005', 'User', false);
  addSystemFields(o);
  addField(o, { name: 'Name', type: 'string', length: 121, ...READ_ONLY });
  addField(o, { name: 'FirstName', type: 'string', length: 40 });
  addField(o, { name: 'LastName', type: 'string', length: 80, nillable: false });
  addField(o, { name: 'Email', type: 'email', length: 128, nillable: false });
  addField(o, { name: 'Username', type: 'string', length: 80, nillable: false, unique: true });
  addField(o, { name: 'IsActive', type: 'boolean' });
  return o;
}

export const ACCOUNT_TYPES = [
  'Prospect',
  'Customer - Direct',
  'Customer - Channel',
  'Channel Partner / Reseller',
  'Installation Partner',
  'Technology Partner',
  'Other',
];

function account(): ObjectDef {
  const o = newObject('Account', '001', 'Account', false);
  addSystemFields(o);
  addOwner(o);
  addField(o, { name: 'Name', type: 'string', length: 255, nillable: false });
  // Standard picklists are not restricted, which is why demo data may carry 'Lead'.
  addField(o, {
    name: 'Type',
    type: 'picklist',
    picklistValues: ACCOUNT_TYPES,
    restrictedPicklist: false,
  });
  addField(o, {
    name: 'ParentId',
    type: 'reference',
    referenceTo: ['Account'],
    relationshipName: 'Parent',
  });
  addField(o, { name: 'Website', type: 'url', length: 255 });
  addField(o, { name: 'BillingCountry', type: 'string', length: 80 });
  addField(o, {
    name: 'Industry',
    type: 'picklist',
    picklistValues: ['Technology', 'Finance', 'Healthcare', 'Retail'],
  });
  return o;
}

export const OPPORTUNITY_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
];

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'SEK'];

function opportunity(multiCurrency: boolean): ObjectDef {
  const o = newObject('Opportunity', '006', 'Opportunity', false);
  addSystemFields(o);
  addOwner(o);
  addField(o, { name: 'Name', type: 'string', length: 120, nillable: false });
  addField(o, {
    name: 'AccountId',
    type: 'reference',
    referenceTo: ['Account'],
    relationshipName: 'Account',
  });
  addField(o, {
    name: 'StageName',
    type: 'picklist',
    picklistValues: OPPORTUNITY_STAGES,
    nillable: false,
  });
  // IsClosed/IsWon follow the stage in Salesforce and cannot be written.
  addField(o, { name: 'IsClosed', type: 'boolean', ...READ_ONLY });
  addField(o, { name: 'IsWon', type: 'boolean', ...READ_ONLY });
  addField(o, { name: 'Amount', type: 'currency', precision: 18, scale: 2 });
  addField(o, { name: 'Probability', type: 'percent', precision: 3, scale: 0 });
  addField(o, { name: 'CloseDate', type: 'date', nillable: false });
  addField(o, {
    name: 'Type',
    type: 'picklist',
    picklistValues: ['Existing Business', 'New Business'],
  });
  // CurrencyIsoCode only exists in multi-currency orgs.
  if (multiCurrency) {
    addField(o, {
      name: 'CurrencyIsoCode',
      type: 'picklist',
      picklistValues: CURRENCIES,
      restrictedPicklist: true,
    });
  }
  return o;
}

export function standardObjects(options: { multiCurrency: boolean }): ObjectDef[] {
  const objs = [user(), account(), opportunity(options.multiCurrency)];
  if (options.multiCurrency) {
    addField(objs[1], {
      name: 'CurrencyIsoCode',
      type: 'picklist',
      picklistValues: CURRENCIES,
      restrictedPicklist: true,
    });
  }
  return objs;
}
