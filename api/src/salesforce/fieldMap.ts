/**
 * The ONE place where Salesforce API names live (docs/CONTRACTS.md). Push rows and pull queries
 * are built only from these constants; test/salesforce/fieldMap.test.ts checks every pushed field
 * against the object XML in force-app/, so the metadata and the sync cannot drift apart.
 */
export type SfFieldType =
  | 'Text'
  | 'Email'
  | 'Picklist'
  | 'Checkbox'
  | 'Number'
  | 'Currency'
  | 'Date'
  | 'DateTime'
  | 'Lookup'
  | 'MasterDetail'
  | 'Summary'
  | 'LongTextArea'
  | 'Url';

export interface SfField {
  name: string;
  type: SfFieldType;
  length?: number;
  precision?: number;
  scale?: number;
  values?: readonly string[];
  referenceTo?: string;
}

const text = (name: string, length: number): SfField => ({ name, type: 'Text', length });
const num = (
  name: string,
  precision: number,
  scale: number,
  type: 'Number' | 'Currency' = 'Number',
): SfField => ({
  name,
  type,
  precision,
  scale,
});
const lookup = (name: string, referenceTo: string): SfField => ({
  name,
  type: 'Lookup',
  referenceTo,
});
/** Required on create and never reparented: sent on every row, always with the same value. */
const masterDetail = (name: string, referenceTo: string): SfField => ({
  name,
  type: 'MasterDetail',
  referenceTo,
});

export const PARTNER = {
  object: 'Partner__c',
  externalId: 'Overlap_Id__c',
  fields: {
    name: text('Name', 80),
    overlapId: text('Overlap_Id__c', 64),
    status: {
      name: 'Partnership_Status__c',
      type: 'Picklist',
      values: ['Active', 'Invited', 'Ended'],
    } as SfField,
    managed: { name: 'Managed__c', type: 'Checkbox' } as SfField,
    planQuarter: text('Plan_Quarter__c', 7),
    quarterTarget: num('Quarter_Target__c', 6, 0),
    quarterPlanned: num('Quarter_Planned__c', 6, 0),
  },
} as const;

export const PARTNER_OVERLAP = {
  object: 'Partner_Overlap__c',
  externalId: 'Overlap_Key__c',
  fields: {
    name: text('Name', 80),
    key: text('Overlap_Key__c', 128),
    account: masterDetail('Account__c', 'Account'),
    partner: lookup('Partner__c', 'Partner__c'),
    partnerPopulations: text('Partner_Populations__c', 255),
    myPopulations: text('My_Populations__c', 255),
    partnerOwnerName: text('Partner_Owner_Name__c', 121),
    partnerOwnerEmail: { name: 'Partner_Owner_Email__c', type: 'Email' } as SfField,
    method: {
      name: 'Match_Method__c',
      type: 'Picklist',
      values: ['Domain', 'Name', 'Fuzzy', 'Hierarchy'],
    } as SfField,
    confidence: num('Confidence__c', 4, 3),
    firstSeen: { name: 'First_Seen__c', type: 'DateTime' } as SfField,
    lastSeen: { name: 'Last_Seen__c', type: 'DateTime' } as SfField,
    active: { name: 'Active__c', type: 'Checkbox' } as SfField,
  },
} as const;

export const PARTNER_ATTRIBUTION = {
  object: 'Partner_Attribution__c',
  externalId: 'Attribution_Key__c',
  fields: {
    key: text('Attribution_Key__c', 128),
    opportunity: lookup('Opportunity__c', 'Opportunity'),
    partner: lookup('Partner__c', 'Partner__c'),
    type: {
      name: 'Attribution_Type__c',
      type: 'Picklist',
      values: ['Sourced', 'Influenced'],
    } as SfField,
    weight: num('Influence_Weight__c', 5, 4),
    amount: num('Attributed_Amount__c', 16, 2, 'Currency'),
    touchesSummary: { name: 'Touches_Summary__c', type: 'LongTextArea', length: 32768 } as SfField,
  },
} as const;

const picklist = (name: string, values: readonly string[]): SfField => ({
  name,
  type: 'Picklist',
  values,
});

export const PLANNING_SESSION = {
  object: 'Planning_Session__c',
  externalId: 'Session_Key__c',
  fields: {
    name: text('Name', 80),
    key: text('Session_Key__c', 64),
    partner: lookup('Partner__c', 'Partner__c'),
    startsAt: { name: 'Starts_At__c', type: 'DateTime' } as SfField,
    durationMinutes: num('Duration_Minutes__c', 4, 0),
    status: picklist('Status__c', ['Proposed', 'Scheduled', 'Held', 'Cancelled']),
    trigger: picklist('Trigger__c', ['Cadence', 'High Value', 'Batch', 'Manual', 'Imported']),
    prepLate: { name: 'Prep_Late__c', type: 'Checkbox' } as SfField,
    title: text('Title__c', 255),
    recordingUrl: { name: 'Recording_URL__c', type: 'Url', length: 255 } as SfField,
    agendaLoadedAt: { name: 'Agenda_Loaded_At__c', type: 'DateTime' } as SfField,
  },
} as const;

export const PLANNING_AGENDA_ITEM = {
  object: 'Planning_Agenda_Item__c',
  externalId: 'Agenda_Item_Key__c',
  fields: {
    name: text('Name', 80),
    key: text('Agenda_Item_Key__c', 64),
    session: lookup('Planning_Session__c', 'Planning_Session__c'),
    account: lookup('Account__c', 'Account'),
    motion: picklist('Motion__c', ['Give', 'Ask', 'Joint']),
    outcome: picklist('Outcome__c', ['Committed', 'Intro Made', 'Pipeline Created', 'Stalled']),
    followUp: { name: 'Follow_Up__c', type: 'Date' } as SfField,
    ownerName: text('Owner_Name__c', 121),
  },
} as const;

/**
 * Account roll-up summaries over the Partner_Overlap__c details (active ones). Salesforce keeps
 * them, so the push never writes Account; listed for the pull, tests and the XML check.
 */
export const ACCOUNT_ROLLUPS = {
  object: 'Account',
  fields: {
    overlapCount: { name: 'Partner_Overlap_Count__c', type: 'Summary' } as SfField,
    lastOverlapDate: { name: 'Last_Overlap_Date__c', type: 'Summary' } as SfField,
  },
} as const;

export const OPPORTUNITY_PUSH = {
  object: 'Opportunity',
  externalId: 'Id',
  fields: {
    sourcedPartner: lookup('Sourced_Partner__c', 'Partner__c'),
    influencingCount: num('Influencing_Partner_Count__c', 4, 0),
    influencedAmount: num('Partner_Influenced_Amount__c', 16, 2, 'Currency'),
  },
} as const;

/** Every object the push writes, in the order it must go (lookups need their targets first). */
export const PUSH_OBJECTS = [
  PARTNER,
  PARTNER_OVERLAP,
  PARTNER_ATTRIBUTION,
  PLANNING_SESSION,
  PLANNING_AGENDA_ITEM,
  OPPORTUNITY_PUSH,
] as const;

/** Standard fields read by the pull (standard objects, so not in force-app). */
export const ACCOUNT_PULL = {
  object: 'Account',
  fields: [
    'Id',
    'Name',
    'Website',
    'BillingCountry',
    'ParentId',
    'Type',
    'Owner.Name',
    'Owner.Email',
    'SystemModstamp',
  ],
} as const;

export const OPPORTUNITY_PULL = {
  object: 'Opportunity',
  fields: [
    'Id',
    'AccountId',
    'Name',
    'StageName',
    'IsClosed',
    'IsWon',
    'Amount',
    'CreatedDate',
    'CloseDate',
    'OwnerId',
    'SystemModstamp',
  ],
  /** Present only in multi-currency orgs; the pull asks describe before selecting it. */
  optionalFields: ['CurrencyIsoCode'],
} as const;

export type SfRow = Record<string, string | number | boolean | null>;

/** Text cut to the field's length, so a long name never costs a STRING_TOO_LONG rejection. */
export function fit(field: SfField, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return field.length && value.length > field.length
    ? `${value.slice(0, field.length - 1)}…`
    : value;
}

/** A number rounded to the field's scale. */
export function round(field: SfField, value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** (field.scale ?? 0);
  return Math.round(value * f) / f;
}

/** Joins names with ';' within the field's length, dropping whole names that do not fit. */
export function joinNames(field: SfField, names: readonly string[]): string | null {
  const max = field.length ?? 255;
  let out = '';
  for (const n of names) {
    const next = out ? `${out};${n}` : n;
    if (next.length > max) break;
    out = next;
  }
  return out || null;
}

/**
 * True for what can be a Salesforce Account id: key prefix 001 (the same in every org) and 15 or
 * 18 letters and digits. Records imported from CSV carry their own ids, which a master-detail
 * Account__c cannot point at. The case-safe suffix is not checked: Salesforce checks the id.
 */
export function isAccountId(value: string): boolean {
  return /^001[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/.test(value);
}
